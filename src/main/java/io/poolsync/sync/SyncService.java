package io.poolsync.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.poolsync.cognito.Pools;
import io.poolsync.config.PoolsyncConfig;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

/**
 * Runs the pipeline, one run at a time, whoever asks: the schedule and the REST API share this lock. On shutdown the
 * run in progress starts no new writes, finishes those in flight within {@code quarkus.shutdown.timeout}, and ends
 * INTERRUPTED with its counts.
 */
@ApplicationScoped
public class SyncService {

    private static final Logger LOG = Logger.getLogger(SyncService.class);
    /** Finished runs kept for reading back. */
    static final int KEPT_RUNS = 20;
    static final String STOPPED_BY_SHUTDOWN = "stopped by shutdown: writes in flight were finished, no new ones started";
    static final String WRITES_CUT_SHORT = "interrupted: the shutdown timeout ran out before the writes in flight "
            + "finished; some users may be half-written, and the next run completes them";
    /** Runs, newest first, that keep their plan items and failures; older ones keep their summary and counters. */
    static final int KEPT_DETAILED_RUNS = 5;
    /** After the shutdown timeout, how long an interrupted run gets to record itself INTERRUPTED. */
    private static final Duration RECORD_INTERRUPTION = Duration.ofSeconds(5);

    private final Pools pools;
    private final SyncSetup setup;
    private final int concurrency;
    private final Duration shutdownTimeout;
    private final Event<SyncRun.Started> started;
    private final Event<SyncRun.Finished> finished;
    /** Hear every run's events besides the run's own record: progress. */
    private final RunListener observers;
    private final Clock clock;
    private final Semaphore oneRun = new Semaphore(1);
    /**
     * Held by a run while it writes, and by event mode while it writes single users: a pass plans from a scan that may
     * be minutes old, so its writes and an event's must never interleave for the same user. Fair, so a waiting run
     * goes before the next event batch.
     */
    private final ReentrantLock userWrites = new ReentrantLock(true);
    private final ExecutorService runner = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "poolsync-run");
        thread.setDaemon(true);
        return thread;
    });
    /** Newest first; also guards {@link #stopping}, so no run can start once shutdown has looked for runs to stop. */
    private final Deque<SyncRun> runs = new ArrayDeque<>();
    private boolean stopping;
    private volatile Instant lastSuccessAt;
    private final MfaRefresh.Cadence mfaRefreshRuns;

    public SyncService(Pools pools, SyncSetup setup, PoolsyncConfig config,
            @ConfigProperty(name = "quarkus.shutdown.timeout") Optional<Duration> shutdownTimeout,
            Event<SyncRun.Started> started, Event<SyncRun.Finished> finished, Instance<RunListener> observers,
            Clock clock) {
        this.pools = pools;
        this.setup = setup;
        this.concurrency = config.apply().concurrency();
        // Without a shutdown timeout Quarkus exits at once, and so does a run.
        this.shutdownTimeout = shutdownTimeout.orElse(Duration.ZERO);
        this.started = started;
        this.finished = finished;
        this.observers = RunListener.all(observers.stream().toList());
        this.clock = clock;
        this.mfaRefreshRuns = new MfaRefresh.Cadence(clock);
    }

    /**
     * Starts a run in the background; empty while another run holds the lock, or once shutdown has begun.
     *
     * @param dryRun plan only; every run is dry when poolsync.dry-run is set
     */
    public Optional<SyncRun> start(SyncRun.Trigger trigger, boolean dryRun) {
        synchronized (runs) {
            if (stopping || !oneRun.tryAcquire()) {
                return Optional.empty();
            }
            SyncRun run = new SyncRun(trigger, dryRun || setup.settings().dryRun(), clock);
            remember(runs, run);
            runner.execute(() -> executeAndRelease(run));
            return Optional.of(run);
        }
    }

    /**
     * Adds a run to the history, newest first: {@value #KEPT_RUNS} runs are kept, and only the newest
     * {@value #KEPT_DETAILED_RUNS} keep their plan items and failures, so the history's heap is bounded whatever the
     * runs' size.
     */
    static void remember(Deque<SyncRun> history, SyncRun run) {
        history.addFirst(run);
        while (history.size() > KEPT_RUNS) {
            history.removeLast();
        }
        history.stream().skip(KEPT_DETAILED_RUNS).forEach(older -> older.forgetDetails("the plan's items and the "
                + "failures of runs older than the last " + KEPT_DETAILED_RUNS + " are not kept; their counters and "
                + "summary are"));
    }

    public Optional<SyncRun> find(String id) {
        synchronized (runs) {
            return runs.stream().filter(run -> run.id().equals(id)).findFirst();
        }
    }

    /** Newest first, at most {@value #KEPT_RUNS}. */
    public List<SyncRun> recent() {
        synchronized (runs) {
            return new ArrayList<>(runs);
        }
    }

    /** The run in progress, if any. */
    public Optional<SyncRun> current() {
        synchronized (runs) {
            return runs.stream().filter(run -> !run.finished()).findFirst();
        }
    }

    /** When the last run that wrote (not a dry run) finished DONE, since start-up. */
    public Optional<Instant> lastSuccessAt() {
        return Optional.ofNullable(lastSuccessAt);
    }

    private void executeAndRelease(SyncRun run) {
        try {
            userWrites.lockInterruptibly();
            try {
                execute(run);
            } finally {
                userWrites.unlock();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            run.interrupt("interrupted before it started");
            finished.fire(new SyncRun.Finished(run));
        } finally {
            oneRun.release();
        }
    }

    /**
     * Runs {@code work} while no run writes: event mode's single-user writes go through here. Waits up to {@code wait}
     * for a run in progress to finish.
     *
     * @return false when a run still held the writes after {@code wait}; {@code work} did not run
     */
    public boolean whileNoRunWrites(Duration wait, Runnable work) throws InterruptedException {
        if (!userWrites.tryLock(wait.toMillis(), TimeUnit.MILLISECONDS)) {
            return false;
        }
        try {
            work.run();
            return true;
        } finally {
            userWrites.unlock();
        }
    }

    private void execute(SyncRun run) {
        started.fire(new SyncRun.Started(run));
        SyncSettings settings = setup.settings();
        LOG.infof("run %s started (%s%s)", run.id(), run.trigger(), run.dryRun() ? ", dry run" : "");
        try {
            new SyncPass(pools.source(), pools.target(), settings, concurrency, mfaRefreshRuns).run(run, observers);
            run.finish();
            if (!run.dryRun()) {
                lastSuccessAt = run.finishedAt().orElseThrow();
            }
        } catch (SyncPass.Stopped e) {
            run.interrupt(cutShort(e) ? WRITES_CUT_SHORT : STOPPED_BY_SHUTDOWN);
        } catch (InterruptedException | SyncPass.SubmitInterrupted e) {
            Thread.currentThread().interrupt();
            run.interrupt(WRITES_CUT_SHORT);
        } catch (RuntimeException e) {
            if (run.stopRequested()) {
                // Shutdown interrupted a call; that is how the run ended, not a failure of its own.
                run.interrupt(cutShort(e) ? WRITES_CUT_SHORT : STOPPED_BY_SHUTDOWN);
            } else {
                LOG.errorf(e, "run %s failed", run.id());
                run.fail(e.getMessage());
            }
        }
        RunSummaryLine.log(run);
        finished.fire(new SyncRun.Finished(run));
    }

    /**
     * Whether the wait for the writes in flight was itself interrupted: closing the applier after the scan stopped adds
     * that InterruptedException as a suppressed one, or leaves the thread's interrupt flag set.
     */
    static boolean cutShort(Throwable e) {
        return Thread.currentThread().isInterrupted() || interruptedWithin(e);
    }

    private static boolean interruptedWithin(Throwable e) {
        if (e instanceof InterruptedException) {
            return true;
        }
        for (Throwable suppressed : e.getSuppressed()) {
            if (interruptedWithin(suppressed)) {
                return true;
            }
        }
        return e.getCause() != null && e.getCause() != e && interruptedWithin(e.getCause());
    }

    /**
     * SIGTERM: no new run starts; the run in progress starts nothing new, and gets {@code quarkus.shutdown.timeout} to
     * finish the writes in flight before it is interrupted. The scheduler only ever starts runs through
     * {@link #start}, so it can't start one either.
     */
    void onShutdown(@Observes ShutdownEvent event) {
        List<SyncRun> running;
        synchronized (runs) {
            stopping = true;
            running = runs.stream().filter(run -> !run.finished()).toList();
        }
        runner.shutdown();
        running.forEach(run -> {
            LOG.infof("shutting down: run %s starts no new writes and has up to %ds (quarkus.shutdown.timeout) to finish "
                    + "those in flight", run.id(), shutdownTimeout.toSeconds());
            run.requestStop();
        });
        try {
            if (!runner.awaitTermination(shutdownTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warnf("the run did not finish its writes within quarkus.shutdown.timeout (%ds): interrupting it; the "
                        + "next run repairs any user left half-written", shutdownTimeout.toSeconds());
                runner.shutdownNow();
                // Long enough for the run to record itself INTERRUPTED and log its summary.
                runner.awaitTermination(RECORD_INTERRUPTION.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            runner.shutdownNow();
        }
    }
}
