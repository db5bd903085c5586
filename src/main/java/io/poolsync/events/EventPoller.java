package io.poolsync.events;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
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
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Event mode: long-polls the queue, gathers a short window of messages, re-reads each user they name once, and deletes
 * a message only once its user was written (or needed nothing). A message whose write failed is offered again after
 * {@code poolsync.events.retry-delay}; once its receives exceed the queue's RedrivePolicy maxReceiveCount, SQS moves it
 * to the dead-letter queue. Writes go through {@link SyncService#whileNoRunWrites}: never at the same time as a full
 * pass's.
 */
@ApplicationScoped
public class EventPoller {

    private static final Logger LOG = Logger.getLogger(EventPoller.class);
    /** At most this many messages are gathered into one batch. */
    static final int MAX_BATCH = 200;
    private static final Duration DEPTH_INTERVAL = Duration.ofSeconds(5);
    private static final Duration ERROR_BACKOFF = Duration.ofSeconds(5);
    private static final Pattern QUEUE_HOST_REGION = Pattern.compile("sqs[.-]([a-z0-9-]+)\\.amazonaws\\.com");

    private final EventsConfig config;
    private final String sourcePoolId;
    private final String sourceRegion;
    private final int concurrency;
    private final SyncService syncService;
    private final UserResync resync;
    private final EventStats stats;
    private final EventParser parser = new EventParser();
    private volatile boolean running;
    private Thread thread;
    private EventQueue queue;
    private ExecutorService workers;
    private int maxReceiveCount;
    private Instant depthSampledAt = Instant.EPOCH;

    public EventPoller(EventsConfig config, PoolsyncConfig poolsync, SyncService syncService, UserResync resync,
            EventStats stats) {
        this.config = config;
        this.sourcePoolId = poolsync.source().poolId();
        this.sourceRegion = poolsync.source().effectiveRegion();
        this.concurrency = poolsync.apply().concurrency();
        this.syncService = syncService;
        this.resync = resync;
        this.stats = stats;
    }

    /** After the other start-up observers: the start-up run goes first, and with event mode off this costs nothing. */
    void onStart(@Observes @Priority(Interceptor.Priority.LIBRARY_AFTER) StartupEvent event) {
        if (config.queueUrl().isEmpty()) {
            return;
        }
        String url = config.queueUrl().get();
        var builder = SqsClient.builder().region(Region.of(region(url)))
                .httpClient(ApacheHttpClient.builder().maxConnections(4).build());
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
        workers = Executors.newFixedThreadPool(concurrency, runnable -> {
            Thread worker = new Thread(runnable, "poolsync-events-apply");
            worker.setDaemon(true);
            return worker;
        });
        running = true;
        thread = new Thread(this::loop, "poolsync-events");
        thread.setDaemon(true);
        thread.start();
        LOG.infof("event mode: polling %s; a failing message is dead-lettered after %d receives; full passes on "
                + "poolsync.events.full-pass-cron (%s)", url, maxReceiveCount, config.fullPassCron());
    }

    private String region(String url) {
        if (config.region().isPresent()) {
            return config.region().get();
        }
        Matcher matcher = QUEUE_HOST_REGION.matcher(URI.create(url).getHost() == null ? "" : URI.create(url).getHost());
        return matcher.find() ? matcher.group(1) : sourceRegion;
    }

    private void loop() {
        stats.receiving(true);
        while (running) {
            try {
                List<Message> batch = gather();
                if (!batch.isEmpty()) {
                    handle(batch);
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
                LOG.errorf(e, "event mode: unexpected error; the messages in hand are offered again after their "
                        + "visibility timeout");
                LockSupport.parkNanos(ERROR_BACKOFF.toNanos());
            }
        }
    }

    /**
     * One long poll, then whatever else arrives until the oldest message has waited the coalescing window: a burst is
     * read once, and a backlog (whose messages have waited longer already) is taken at once, up to {@value #MAX_BATCH}.
     */
    private List<Message> gather() {
        List<Message> batch = new ArrayList<>(queue.receive(EventQueue.MAX_WAIT, config.visibilityTimeout()));
        if (batch.isEmpty()) {
            return batch;
        }
        Instant oldest = batch.stream().map(EventPoller::sentAt).min(Instant::compareTo).orElseThrow();
        Instant deadline = oldest.plus(config.coalesceWindow());
        while (running && batch.size() < MAX_BATCH) {
            List<Message> more = queue.receive(Duration.ZERO, config.visibilityTimeout());
            batch.addAll(more);
            Duration left = Duration.between(Instant.now(), deadline);
            if (more.isEmpty()) {
                if (left.isNegative() || left.isZero()) {
                    break;
                }
                LockSupport.parkNanos(Math.min(Duration.ofMillis(50).toNanos(), left.toNanos()));
            }
        }
        return batch;
    }

    private void handle(List<Message> batch) throws InterruptedException {
        stats.received(batch.size(), Instant.now());
        List<Message> nothingToDo = new ArrayList<>();
        Map<String, PendingUser> users = new LinkedHashMap<>();
        for (Message message : batch) {
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
                    users.computeIfAbsent(userEvent.user().toString(), key -> new PendingUser(userEvent.user()))
                            .add(message, userEvent);
                }
            }
        }
        if (!nothingToDo.isEmpty()) {
            queue.delete(nothingToDo);
        }
        if (users.isEmpty()) {
            return;
        }
        stats.coalesced(users.values().stream().mapToInt(user -> user.messages.size() - 1).sum());
        List<Message> held = users.values().stream().flatMap(user -> user.messages.stream()).toList();
        // A full pass holds the writes: keep the messages invisible meanwhile, so waiting never counts as a failure.
        Duration wait = config.visibilityTimeout().dividedBy(3);
        while (running && !syncService.whileNoRunWrites(wait, () -> applyAll(users.values()))) {
            stats.receiving(false);
            queue.changeVisibility(held, config.visibilityTimeout());
        }
        stats.receiving(true);
    }

    private void applyAll(Iterable<PendingUser> users) {
        List<Callable<Boolean>> tasks = new ArrayList<>();
        List<PendingUser> order = new ArrayList<>();
        users.forEach(user -> {
            order.add(user);
            tasks.add(() -> apply(user));
        });
        List<Message> done = new ArrayList<>();
        try {
            List<java.util.concurrent.Future<Boolean>> results = workers.invokeAll(tasks);
            for (int i = 0; i < results.size(); i++) {
                if (Boolean.TRUE.equals(results.get(i).get())) {
                    done.addAll(order.get(i).messages);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            LOG.errorf(e.getCause(), "event mode: unexpected error");
        }
        // Only messages whose user was written: the others stay, to be offered again or dead-lettered.
        queue.delete(done);
    }

    /** @return whether the user's messages can go: written, or nothing to write */
    private boolean apply(PendingUser user) {
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
            Instant now = Instant.now();
            for (int i = 0; i < user.messages.size(); i++) {
                stats.applied(Duration.between(user.eventTimes.get(i), now),
                        Duration.between(sentAt(user.messages.get(i)), now));
            }
            if (outcome.kind() == UserResync.Outcome.Kind.DEFERRED || outcome.kind() == UserResync.Outcome.Kind.SKIPPED) {
                LOG.debugf("event for %s: %s (%s)", user.ref, outcome.kind(), outcome.detail());
            }
            return true;
        }
        int receives = user.messages.stream().mapToInt(EventPoller::receiveCount).max().orElse(1);
        LOG.warnf("event for %s: the write failed (%s); receive %d of %d, then the queue's dead-letter queue", user.ref,
                outcome.detail(), receives, maxReceiveCount);
        queue.changeVisibility(user.messages, config.retryDelay());
        return false;
    }

    private void sampleDepth() {
        Instant now = Instant.now();
        if (Duration.between(depthSampledAt, now).compareTo(DEPTH_INTERVAL) >= 0) {
            depthSampledAt = now;
            queue.depth().ifPresent(stats::queueDepth);
        }
    }

    private static int receiveCount(Message message) {
        String count = message.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT);
        return count == null ? 1 : Integer.parseInt(count);
    }

    private static Instant sentAt(Message message) {
        String sent = message.attributes().get(MessageSystemAttributeName.SENT_TIMESTAMP);
        return sent == null ? Instant.now() : Instant.ofEpochMilli(Long.parseLong(sent));
    }

    /** The messages that name one user, re-read once for all of them. */
    private static final class PendingUser {
        final UserEvent.UserRef ref;
        final List<Message> messages = new ArrayList<>();
        final List<Instant> eventTimes = new ArrayList<>();
        boolean creation;

        PendingUser(UserEvent.UserRef ref) {
            this.ref = ref;
        }

        void add(Message message, UserEvent event) {
            messages.add(message);
            eventTimes.add(event.eventTime());
            creation |= event.creation();
        }
    }

    void onShutdown(@Observes ShutdownEvent event) {
        if (!running) {
            return;
        }
        running = false;
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workers.shutdown();
        queue.close();
    }
}
