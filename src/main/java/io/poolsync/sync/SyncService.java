package io.poolsync.sync;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

import org.jboss.logging.Logger;

import io.poolsync.cognito.Pools;
import io.poolsync.config.PoolsyncConfig;
import io.poolsync.model.DesiredUser;
import io.poolsync.plan.Plan;
import io.poolsync.plan.TargetIndex;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/** Runs the pipeline, one run at a time, whoever asks: the schedule and the REST API share this lock. */
@ApplicationScoped
public class SyncService {

    private static final Logger LOG = Logger.getLogger(SyncService.class);
    /** Finished runs kept for reading back. */
    static final int KEPT_RUNS = 20;

    private final Pools pools;
    private final SyncSetup setup;
    private final int concurrency;
    private final Semaphore oneRun = new Semaphore(1);
    private final ExecutorService runner = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "poolsync-run");
        thread.setDaemon(true);
        return thread;
    });
    private final Deque<SyncRun> runs = new ArrayDeque<>();

    public SyncService(Pools pools, SyncSetup setup, PoolsyncConfig config) {
        this.pools = pools;
        this.setup = setup;
        this.concurrency = config.apply().concurrency();
    }

    /** Starts a run in the background; empty while another run holds the lock. */
    public Optional<SyncRun> start(SyncRun.Trigger trigger) {
        Optional<SyncRun> run = acquire(trigger);
        run.ifPresent(started -> runner.execute(() -> executeAndRelease(started)));
        return run;
    }

    /** Runs in the caller's thread; empty when another run holds the lock. */
    public Optional<SyncRun> runNow(SyncRun.Trigger trigger) {
        Optional<SyncRun> run = acquire(trigger);
        run.ifPresent(this::executeAndRelease);
        return run;
    }

    public Optional<SyncRun> find(String id) {
        synchronized (runs) {
            return runs.stream().filter(run -> run.id().equals(id)).findFirst();
        }
    }

    /** Newest first. */
    public List<SyncRun> recent() {
        synchronized (runs) {
            return new ArrayList<>(runs);
        }
    }

    private Optional<SyncRun> acquire(SyncRun.Trigger trigger) {
        if (!oneRun.tryAcquire()) {
            return Optional.empty();
        }
        SyncRun run = new SyncRun(trigger);
        synchronized (runs) {
            runs.addFirst(run);
            while (runs.size() > KEPT_RUNS) {
                runs.removeLast();
            }
        }
        return Optional.of(run);
    }

    private void executeAndRelease(SyncRun run) {
        try {
            execute(run);
        } finally {
            oneRun.release();
        }
    }

    private void execute(SyncRun run) {
        SyncSettings settings = setup.settings();
        LOG.infof("run %s started (%s)", run.id(), run.snapshot().trigger());
        try {
            run.enter(SyncRun.Phase.SCANNING_TARGET);
            TargetIndex index = new TargetIndex(settings.matchKey());
            pools.target().forEachUser(user -> {
                index.add(user);
                run.targetScanned();
            });

            run.enter(SyncRun.Phase.SCANNING_SOURCE);
            List<DesiredUser> desired = new ArrayList<>();
            pools.source().forEachUser(user -> {
                desired.add(settings.rules().desire(user));
                run.sourceScanned();
            });

            run.enter(SyncRun.Phase.PLANNING);
            Plan plan = settings.planner().plan(desired, index);
            run.planned(plan);

            run.enter(SyncRun.Phase.APPLYING);
            new Applier(pools.target(), pools.target(), settings, concurrency).apply(plan, run);
            run.finish();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            run.fail("interrupted");
        } catch (RuntimeException e) {
            LOG.errorf(e, "run %s failed", run.id());
            run.fail(e.getMessage());
        }
        SyncRun.Counters c = run.counters();
        LOG.infof("run %s %s: target scanned %d, source scanned %d, created %d, updated %d, enabled %d, disabled %d, "
                + "unchanged %d, skipped %d, failed %d", run.id(), run.phase(), c.targetScanned(), c.sourceScanned(),
                c.created(), c.updated(), c.enabled(), c.disabled(), c.unchanged(), c.skipped(), c.failed());
    }

    @PreDestroy
    void stop() {
        runner.shutdownNow();
    }
}
