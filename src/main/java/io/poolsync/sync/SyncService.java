package io.poolsync.sync;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

import io.poolsync.cognito.Pools;
import io.poolsync.config.PoolsyncConfig;
import io.poolsync.model.PoolGroup;
import io.poolsync.model.PoolUser;
import io.poolsync.plan.PlannedRemoval;
import io.poolsync.plan.PlannedUser;
import io.poolsync.plan.Planner;
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

    /**
     * Starts a run in the background; empty while another run holds the lock.
     *
     * @param dryRun plan only; every run is dry when poolsync.dry-run is set
     */
    public Optional<SyncRun> start(SyncRun.Trigger trigger, boolean dryRun) {
        Optional<SyncRun> run = acquire(trigger, dryRun);
        run.ifPresent(started -> runner.execute(() -> executeAndRelease(started)));
        return run;
    }

    /** Runs in the caller's thread; empty when another run holds the lock. */
    public Optional<SyncRun> runNow(SyncRun.Trigger trigger) {
        Optional<SyncRun> run = acquire(trigger, false);
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

    private Optional<SyncRun> acquire(SyncRun.Trigger trigger, boolean dryRun) {
        if (!oneRun.tryAcquire()) {
            return Optional.empty();
        }
        SyncRun run = new SyncRun(trigger, dryRun || setup.settings().dryRun());
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
        LOG.infof("run %s started (%s%s)", run.id(), run.snapshot().trigger(), run.dryRun() ? ", dry run" : "");
        try {
            run.enter(SyncRun.Phase.SCANNING_TARGET);
            TargetIndex index = new TargetIndex(settings.matchKey(), settings.rules().sourceSubAttribute());
            pools.target().forEachUser(Optional.empty(), user -> {
                index.add(user);
                run.targetScanned();
            });
            Map<String, PoolGroup> targetGroups = new HashMap<>();
            if (settings.groupsEnabled()) {
                for (PoolGroup group : pools.target().groups()) {
                    targetGroups.put(group.name(), group);
                    pools.target().forEachMember(group.name(), username -> index.addMembership(username, group.name()));
                }
            }

            run.enter(SyncRun.Phase.SCANNING_SOURCE);
            List<PoolGroup> sourceGroups = new ArrayList<>();
            Map<String, Set<String>> sourceMemberships = new HashMap<>();
            if (settings.groupsEnabled()) {
                // Per group, not per user: one ListUsersInGroup page serves up to 60 members.
                for (PoolGroup group : pools.source().groups()) {
                    sourceGroups.add(settings.groupRules().desire(group));
                    pools.source().forEachMember(group.name(),
                            username -> sourceMemberships.computeIfAbsent(username, name -> new HashSet<>()).add(group.name()));
                }
            }
            Planner.Planning planning = settings.planner().start(index, sourceGroups, targetGroups);
            run.plannedGroups(planning.groupChanges());
            // Users are planned and written as the source streams in, so memory holds the target index, not the source.
            Consumer<PoolUser> planEach = user -> {
                run.sourceScanned();
                run.planned(planning.next(
                        settings.rules().desire(user).withGroups(sourceMemberships.getOrDefault(user.username(), Set.of()))));
            };
            if (run.dryRun()) {
                pools.source().forEachUser(settings.sourceFilter(), planEach);
                run.plannedRemovals(planning.removals());
            } else {
                try (Applier.Session session = new Applier(pools.target(), pools.target(), settings, concurrency)
                        .begin(planning.groupChanges(), run)) {
                    pools.source().forEachUser(settings.sourceFilter(), user -> {
                        run.sourceScanned();
                        PlannedUser planned = planning.next(settings.rules().desire(user)
                                .withGroups(sourceMemberships.getOrDefault(user.username(), Set.of())));
                        run.planned(planned);
                        submit(session, planned);
                    });
                    run.enter(SyncRun.Phase.APPLYING);
                    List<PlannedRemoval> removals = planning.removals();
                    run.plannedRemovals(removals);
                    session.finish(removals);
                }
            }
            run.finish();
        } catch (InterruptedException | SubmitInterrupted e) {
            Thread.currentThread().interrupt();
            run.fail("interrupted");
        } catch (RuntimeException e) {
            LOG.errorf(e, "run %s failed", run.id());
            run.fail(e.getMessage());
        }
        SyncRun.Counters c = run.counters();
        LOG.infof("run %s %s%s: target scanned %d, source scanned %d, created %d, updated %d, enabled %d, disabled %d, "
                + "deleted %d, unchanged %d, skipped %d, failed %d, groups created %d, memberships +%d -%d%s",
                run.id(), run.phase(), run.dryRun() ? " (dry run, nothing written)" : "", c.targetScanned(),
                c.sourceScanned(), c.created(), c.updated(), c.enabled(), c.disabled(), c.deleted(), c.unchanged(),
                c.skipped(), c.failed(), c.groupsCreated(), c.membershipsAdded(), c.membershipsRemoved(),
                run.snapshot().removalsNote() == null ? "" : "; " + run.snapshot().removalsNote());
    }

    private static void submit(Applier.Session session, PlannedUser user) {
        try {
            session.submit(user);
        } catch (InterruptedException e) {
            throw new SubmitInterrupted(e);
        }
    }

    /** Carries an interruption out of the scan's callback. */
    private static final class SubmitInterrupted extends RuntimeException {
        SubmitInterrupted(InterruptedException cause) {
            super(cause);
        }
    }

    @PreDestroy
    void stop() {
        runner.shutdownNow();
    }
}
