package io.poolsync.events;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jboss.logging.Logger;

import io.poolsync.config.InvalidConfigException;
import io.poolsync.config.PoolsyncConfig;
import io.poolsync.sync.SyncService;
import io.poolsync.sync.UserResync;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Event mode, as a pipeline of its own threads, so that no stage waits for another's slowest item:
 * <ul>
 * <li>the <b>receivers</b> ({@value #RECEIVERS}) long-poll the queue and sort each message by user
 * ({@link PendingUsers});</li>
 * <li>the <b>dispatcher</b> hands each user, once its coalescing window has passed, to one of
 * {@code poolsync.events.concurrency} workers, which re-read and write that user alone ({@link UserResync});</li>
 * <li>the <b>deleters</b> ({@value #DELETERS}) delete the messages of written users, ten to a call.</li>
 * </ul>
 * A message is deleted only once its user was written (or needed nothing). A message whose write failed is offered
 * again after {@code poolsync.events.retry-delay}; once its receives exceed the queue's RedrivePolicy maxReceiveCount,
 * SQS moves it to the dead-letter queue. Writes happen only while the dispatcher holds
 * {@link SyncService#whileNoRunWrites}: it lets go as soon as a full pass asks for the writes, once the users in
 * flight are written; messages waiting meanwhile are kept invisible, so waiting never counts as a failure.
 */
@ApplicationScoped
public class EventPoller {

    private static final Logger LOG = Logger.getLogger(EventPoller.class);
    /**
     * At most this many messages are in hand (received, not yet deleted or offered again): enough to keep the workers
     * busy and to coalesce bursts, few enough to be written well within their visibility timeout.
     */
    static final int MAX_HELD = 500;
    /**
     * Long polls in flight at once. A receive returns at most 10 messages, so one receiver at 100 ms a round trip takes
     * at most 100 messages a second, other pools' events included; the bench's stage line showed messages waiting in
     * the queue while the workers were idle.
     */
    static final int RECEIVERS = 4;
    /**
     * DeleteMessageBatch calls in flight at once. Every message is deleted, the other pool's events included (the
     * target's own writes are events too): at 50 changes a second, 100 deletes a second. A message waiting to be
     * deleted holds a place of {@link #MAX_HELD}; in the bench's first seconds on a loaded machine a delete call took
     * 0.7 s (up to 2.2 s), when one deleter of ten a call clears 14 messages a second and the receivers stop.
     */
    static final int DELETERS = 4;
    private static final Duration DEPTH_INTERVAL = Duration.ofSeconds(5);
    /** How often, while events are applied, the log says where their lag goes. */
    private static final Duration STAGES_INTERVAL = Duration.ofSeconds(30);
    private static final Duration ERROR_BACKOFF = Duration.ofSeconds(5);
    /** How often the dispatcher looks again when nothing woke it: for a full pass asking for the writes. */
    private static final Duration DISPATCH_TICK = Duration.ofMillis(100);
    private static final Pattern QUEUE_HOST_REGION = Pattern.compile("sqs[.-]([a-z0-9-]+)\\.amazonaws\\.com");

    private final EventsConfig config;
    private final String sourcePoolId;
    private final String sourceRegion;
    private final int concurrency;
    private final SyncService syncService;
    private final UserResync resync;
    private final EventStats stats;
    private final Clock clock;
    private final EventParser parser = new EventParser();
    private final Semaphore held = new Semaphore(MAX_HELD);
    private final BlockingQueue<Message> toDelete = new LinkedBlockingQueue<>();
    /** Wakes the dispatcher: a user was added or finished. */
    private final ReentrantLock dispatch = new ReentrantLock();
    private final Condition changed = dispatch.newCondition();
    private volatile boolean running;
    private final List<Thread> receivers = new ArrayList<>();
    /** The dispatcher and the deleters. */
    private final List<Thread> threads = new ArrayList<>();
    private EventQueue queue;
    private PendingUsers<Message> pending;
    private ExecutorService workers;
    private Semaphore idleWorkers;
    private int maxReceiveCount;
    private Instant depthSampledAt = Instant.EPOCH;
    private Instant stagesLoggedAt = Instant.EPOCH;
    private long usersDoneAtLastLog;

    public EventPoller(EventsConfig config, PoolsyncConfig poolsync, SyncService syncService, UserResync resync,
            EventStats stats, Clock clock) {
        this.config = config;
        this.sourcePoolId = poolsync.source().poolId();
        this.sourceRegion = poolsync.source().effectiveRegion();
        this.concurrency = config.concurrency();
        this.syncService = syncService;
        this.resync = resync;
        this.stats = stats;
        this.clock = clock;
    }

    /** After the other start-up observers: the start-up run goes first, and with event mode off this costs nothing. */
    void onStart(@Observes @Priority(Interceptor.Priority.LIBRARY_AFTER) StartupEvent event) {
        if (config.queueUrl().isEmpty()) {
            return;
        }
        String url = config.queueUrl().get();
        // A connection each for the long polls, the deleters and the dispatcher, and one for each worker's retry.
        var builder = SqsClient.builder().region(Region.of(region(url)))
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(RECEIVERS + DELETERS + concurrency + 1));
        config.endpoint().ifPresent(builder::endpointOverride);
        queue = new EventQueue(builder.build(), url);
        OptionalInt redrive;
        try {
            redrive = queue.maxReceiveCount();
        } catch (SdkException e) {
            throw new InvalidConfigException(List.of("poolsync.events.queue-url: can't read the queue's attributes ("
                    + e.getMessage() + "); poolsync needs sqs:GetQueueAttributes on " + url));
        }
        if (redrive.isEmpty()) {
            throw new InvalidConfigException(List.of("poolsync.events.queue-url: the queue has no RedrivePolicy, so a "
                    + "message whose write keeps failing would be retried forever; give it a dead-letter queue "
                    + "(deploy/cloudformation/poolsync-events.yaml)"));
        }
        maxReceiveCount = redrive.getAsInt();
        pending = new PendingUsers<>(config.coalesceWindow());
        idleWorkers = new Semaphore(concurrency);
        workers = Executors.newFixedThreadPool(concurrency, runnable -> daemon(runnable, "poolsync-events-apply"));
        running = true;
        stats.receiving(true);
        for (int i = 0; i < RECEIVERS; i++) {
            receivers.add(daemon(this::receiveLoop, "poolsync-events-" + i));
        }
        threads.add(daemon(this::dispatchLoop, "poolsync-events-dispatch"));
        for (int i = 0; i < DELETERS; i++) {
            threads.add(daemon(this::deleteLoop, "poolsync-events-delete-" + i));
        }
        receivers.forEach(Thread::start);
        threads.forEach(Thread::start);
        LOG.infof("event mode: polling %s; a failing message is dead-lettered after %d receives; full passes on "
                + "poolsync.events.full-pass-cron (%s)", url, maxReceiveCount, config.fullPassCron());
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    private String region(String url) {
        if (config.region().isPresent()) {
            return config.region().get();
        }
        Matcher matcher = QUEUE_HOST_REGION.matcher(URI.create(url).getHost() == null ? "" : URI.create(url).getHost());
        return matcher.find() ? matcher.group(1) : sourceRegion;
    }

    // ------------------------------------------------------------------------------------------------ receiver

    private void receiveLoop() {
        while (running) {
            try {
                // Room for a full receive; a message's permit is given back once it is deleted or offered again.
                held.acquire(EventQueue.MAX_MESSAGES);
                List<Message> messages = List.of();
                try {
                    messages = queue.receive(EventQueue.MAX_WAIT, config.visibilityTimeout());
                } finally {
                    held.release(EventQueue.MAX_MESSAGES - messages.size());
                }
                if (!messages.isEmpty()) {
                    sort(messages);
                }
                sampleDepth();
            } catch (SdkException e) {
                if (!running) {
                    return;
                }
                LOG.warnf("event queue: %s; trying again in %ds", e.getMessage(), ERROR_BACKOFF.toSeconds());
                LockSupport.parkNanos(ERROR_BACKOFF.toNanos());
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                pauseAfter(e);
            }
        }
    }

    /** A loop that met an error it has no rule for logs it and goes on a moment later. */
    private static void pauseAfter(RuntimeException e) {
        LOG.errorf(e, "event mode: unexpected error; the messages in hand are offered again after their "
                + "visibility timeout");
        LockSupport.parkNanos(ERROR_BACKOFF.toNanos());
    }

    private void sort(List<Message> messages) {
        Instant now = clock.instant();
        stats.received(messages.size(), now);
        List<Message> nothingToDo = new ArrayList<>();
        boolean added = false;
        for (Message message : messages) {
            EventParser.Parsed parsed = parser.parse(message.body());
            if (parsed instanceof EventParser.Malformed malformed) {
                if (stats.malformed(malformed.kind())) {
                    LOG.warnf("event queue: a message poolsync can't read (%s): counted and deleted; this kind is not "
                            + "logged again", malformed.kind());
                }
                nothingToDo.add(message);
            } else if (parsed instanceof EventParser.Ignored ignored) {
                if (stats.ignored(ignored.kind())) {
                    LOG.infof("event queue: ignoring messages of this kind: %s", ignored.kind());
                }
                nothingToDo.add(message);
            } else if (parsed instanceof EventParser.Change change) {
                UserEvent userEvent = change.event();
                if (userEvent.poolId().isPresent() && !userEvent.poolId().get().equals(sourcePoolId)) {
                    stats.otherPool();
                    nothingToDo.add(message);
                } else {
                    pending.add(message, userEvent, sentAt(message), now);
                    added = true;
                }
            }
        }
        toDelete.addAll(nothingToDo);
        if (added) {
            wakeDispatcher();
        }
    }

    // ---------------------------------------------------------------------------------------------- dispatcher

    private void dispatchLoop() {
        while (running) {
            try {
                awaitReady();
                if (!running) {
                    return;
                }
                boolean wrote = syncService.whileNoRunWrites(config.visibilityTimeout().dividedBy(3), this::dispatch);
                stats.receiving(wrote);
                keepWaitingInvisible();
                if (syncService.current().isPresent()) {
                    // A run asked for the writes and may not be waiting for them yet: let it take them first.
                    LockSupport.parkNanos(DISPATCH_TICK.toNanos());
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                pauseAfter(e);
            }
        }
    }

    /** Waits until a user is ready to apply, keeping waiting messages invisible meanwhile. */
    private void awaitReady() throws InterruptedException {
        while (running) {
            dispatch.lock();
            try {
                Instant next = pending.nextReadyAt().orElse(null);
                Instant now = clock.instant();
                if (next != null && !next.isAfter(now)) {
                    return;
                }
                long idle = DISPATCH_TICK.multipliedBy(10).toNanos();
                changed.awaitNanos(next == null ? idle : Math.min(idle, Duration.between(now, next).toNanos()));
            } finally {
                dispatch.unlock();
            }
            keepWaitingInvisible();
        }
    }

    /**
     * Holding the writes: hands ready users to idle workers until nothing is left to do or a full pass asks for the
     * writes; returns once the users in flight are written.
     */
    private void dispatch() {
        try {
            while (running && syncService.current().isEmpty()) {
                int free = idleWorkers.availablePermits();
                List<PendingUsers.Batch<Message>> ready = free == 0 ? List.of() : pending.takeReady(clock.instant(), free);
                for (PendingUsers.Batch<Message> batch : ready) {
                    idleWorkers.acquire();
                    workers.execute(() -> {
                        try {
                            apply(batch);
                        } finally {
                            pending.finished(batch.ref);
                            idleWorkers.release();
                            wakeDispatcher();
                        }
                    });
                }
                if (ready.isEmpty()) {
                    if (pending.isEmpty()) {
                        break;
                    }
                    awaitChange();
                }
            }
            // The writes are handed back only once no worker writes.
            idleWorkers.acquire(concurrency);
            idleWorkers.release(concurrency);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Waits for a worker to finish, a user to be added, or the next user's window to pass. With every worker busy a
     * ready user is no reason to look again: the dispatcher spun on it, holding {@link PendingUsers}' lock over and
     * over, and the workers that had finished waited for that lock to say so (a thread dump of the bench showed 31 of
     * 32 workers blocked in {@code finished} and users held for 13 s with the workers done). The checks run under the
     * lock that a finishing worker signals under, after giving its place back: no signal is missed.
     */
    private void awaitChange() throws InterruptedException {
        dispatch.lock();
        try {
            long waitNanos = DISPATCH_TICK.toNanos();
            Instant next = idleWorkers.availablePermits() == 0 ? null : pending.nextReadyAt().orElse(null);
            if (next != null) {
                waitNanos = Math.min(waitNanos, Math.max(0, Duration.between(clock.instant(), next).toNanos()));
            }
            if (waitNanos > 0) {
                changed.awaitNanos(waitNanos);
            }
        } finally {
            dispatch.unlock();
        }
    }

    private void wakeDispatcher() {
        dispatch.lock();
        try {
            changed.signalAll();
        } finally {
            dispatch.unlock();
        }
    }

    /** Messages waiting (for their turn, or for a full pass) stay invisible, so waiting never counts as a receive. */
    private void keepWaitingInvisible() {
        Duration visibility = config.visibilityTimeout();
        List<Message> due = pending.heldLongerThan(visibility.dividedBy(2), clock.instant());
        if (!due.isEmpty()) {
            try {
                List<BatchResultErrorEntry> failed = queue.changeVisibility(due, visibility);
                if (!failed.isEmpty()) {
                    LOG.warnf("event queue: can't keep %d of %d waiting messages invisible (%s); they may be received again",
                            failed.size(), due.size(), EventQueue.reasons(failed));
                }
            } catch (SdkException e) {
                LOG.warnf("event queue: can't keep %d waiting messages invisible (%s); they may be received again",
                        due.size(), e.getMessage());
            }
        }
    }

    // ------------------------------------------------------------------------------------------------- workers

    /** Re-reads and writes one user; its messages go to the deleter, or are offered again after a failure. */
    private void apply(PendingUsers.Batch<Message> user) {
        Instant started = clock.instant();
        UserResync.Outcome outcome;
        try {
            outcome = user.ref.kind() == UserEvent.UserRef.Kind.SUB
                    ? resync.resyncBySub(user.ref.value(), user.creation)
                    : resync.resyncByUsername(user.ref.value(), user.creation);
        } catch (RuntimeException e) {
            LOG.errorf(e, "event mode: unexpected error re-reading %s", user.ref);
            outcome = new UserResync.Outcome(UserResync.Outcome.Kind.FAILED, e.toString());
        }
        stats.outcome(outcome.kind());
        if (outcome.done()) {
            Instant now = clock.instant();
            for (int i = 0; i < user.messages.size(); i++) {
                if (LOG.isDebugEnabled()) {
                    LOG.debugf("event timings: queued %d received %d taken %d started %d done %d",
                            user.queuedAt.get(i).toEpochMilli(), user.receivedAt.get(i).toEpochMilli(),
                            user.takenAt.toEpochMilli(), started.toEpochMilli(), now.toEpochMilli());
                }
                stats.applied(Duration.between(user.eventTimes.get(i), now), Duration.between(user.queuedAt.get(i), now));
                stats.stages(Duration.between(user.queuedAt.get(i), user.receivedAt.get(i)),
                        Duration.between(user.receivedAt.get(i), user.takenAt), Duration.between(user.takenAt, now));
            }
            if (outcome.kind() == UserResync.Outcome.Kind.DEFERRED || outcome.kind() == UserResync.Outcome.Kind.SKIPPED) {
                LOG.debugf("event for %s: %s (%s)", user.ref, outcome.kind(), outcome.detail());
            }
            stats.coalesced(user.messages.size() - 1);
            toDelete.addAll(user.messages);
            return;
        }
        int receives = user.messages.stream().mapToInt(EventPoller::receiveCount).max().orElse(1);
        LOG.warnf("event for %s: the write failed (%s); receive %d of %d, then the queue's dead-letter queue", user.ref,
                outcome.detail(), receives, maxReceiveCount);
        try {
            List<BatchResultErrorEntry> failed = queue.changeVisibility(user.messages, config.retryDelay());
            if (!failed.isEmpty()) {
                LOG.warnf("event queue: %s; %d messages are offered again after their visibility timeout",
                        EventQueue.reasons(failed), failed.size());
            }
        } catch (SdkException e) {
            LOG.warnf("event queue: %s; the messages are offered again after their visibility timeout", e.getMessage());
        }
        held.release(user.messages.size());
    }

    // ------------------------------------------------------------------------------------------------- deleter

    /** Deletes done messages ten to a call, as soon as they are done. */
    private void deleteLoop() {
        List<Message> chunk = new ArrayList<>(EventQueue.MAX_MESSAGES);
        while (running) {
            try {
                Message first = toDelete.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                chunk.add(first);
                toDelete.drainTo(chunk, EventQueue.MAX_MESSAGES - 1);
                long started = System.nanoTime();
                List<BatchResultErrorEntry> failed = queue.delete(chunk);
                if (!failed.isEmpty()) {
                    // As below: offered again after their visibility timeout, and re-read then.
                    LOG.warnf("event queue: can't delete %d of %d messages (%s)", failed.size(), chunk.size(),
                            EventQueue.reasons(failed));
                }
                LOG.debugf("event deletes: %d in %d ms, %d waiting", chunk.size(),
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), toDelete.size());
            } catch (SdkException e) {
                // Not deleted: offered again after their visibility timeout, and re-read then (which finds nothing).
                LOG.warnf("event queue: can't delete %d messages (%s)", chunk.size(), e.getMessage());
            } catch (InterruptedException e) {
                return;
            } finally {
                held.release(chunk.size());
                chunk.clear();
            }
        }
    }

    private synchronized void sampleDepth() {
        Instant now = clock.instant();
        if (Duration.between(depthSampledAt, now).compareTo(DEPTH_INTERVAL) >= 0) {
            depthSampledAt = now;
            queue.depth().ifPresent(stats::queueDepth);
        }
        if (Duration.between(stagesLoggedAt, now).compareTo(STAGES_INTERVAL) >= 0) {
            stagesLoggedAt = now;
            long applied = stats.usersDone();
            if (applied > usersDoneAtLastLog) {
                usersDoneAtLastLog = applied;
                LOG.infof("event mode: where the lag goes: %s", stats.stagesLine());
            }
        }
    }

    private static int receiveCount(Message message) {
        String count = message.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT);
        return count == null ? 1 : Integer.parseInt(count);
    }

    private Instant sentAt(Message message) {
        String sent = message.attributes().get(MessageSystemAttributeName.SENT_TIMESTAMP);
        return sent == null ? clock.instant() : Instant.ofEpochMilli(Long.parseLong(sent));
    }

    void onShutdown(@Observes ShutdownEvent event) {
        if (!running) {
            return;
        }
        running = false;
        receivers.forEach(Thread::interrupt);
        threads.forEach(Thread::interrupt);
        threads.forEach(EventPoller::join);
        // An interrupt does not end a blocking read: closing the client closes the connections under the receivers'
        // long polls, which would otherwise hold shutdown for up to EventQueue.MAX_WAIT.
        queue.close();
        receivers.forEach(EventPoller::join);
        workers.shutdown();
    }

    private static void join(Thread thread) {
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
