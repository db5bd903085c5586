package io.poolsync.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import io.poolsync.bulk.BulkLoad;
import io.poolsync.bulk.BulkSettings;
import io.poolsync.bulk.ImportJobApplier;
import io.poolsync.bulk.ImportReport;
import io.poolsync.cognito.PoolCallException;
import io.poolsync.cognito.Pools;
import io.poolsync.config.PoolsyncConfig;
import io.poolsync.mapping.MfaRules;
import io.poolsync.model.DesiredUser;
import io.poolsync.model.MfaSettings;
import io.poolsync.model.PoolGroup;
import io.poolsync.model.PoolUser;
import io.poolsync.plan.PlannedRemoval;
import io.poolsync.plan.PlannedUser;
import io.poolsync.plan.Planner;
import io.poolsync.plan.TargetIndex;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;

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
    private final MfaRefresh.Cadence mfaRefreshRuns = new MfaRefresh.Cadence(Clock.systemUTC());

    public SyncService(Pools pools, SyncSetup setup, PoolsyncConfig config,
            @ConfigProperty(name = "quarkus.shutdown.timeout") Optional<Duration> shutdownTimeout,
            Event<SyncRun.Started> started, Event<SyncRun.Finished> finished) {
        this.pools = pools;
        this.setup = setup;
        this.concurrency = config.apply().concurrency();
        // Without a shutdown timeout Quarkus exits at once, and so does a run.
        this.shutdownTimeout = shutdownTimeout.orElse(Duration.ZERO);
        this.started = started;
        this.finished = finished;
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
            SyncRun run = new SyncRun(trigger, dryRun || setup.settings().dryRun());
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
            stopIfAsked(run);
            run.estimates(estimate(pools.target()::estimatedUsers),
                    settings.sourceFilter().isPresent() ? OptionalLong.empty() : estimate(pools::estimatedSourceUsers));
            if (pass(run, settings, settings.bulk().importJobs())) {
                // Now that the imported users are in the target to match, the pipeline again applies what a CSV can't
                // carry (disabled users, group memberships) and creates through the API the users the jobs left out.
                run.startFollowUpPass();
                pass(run, settings, false);
            }
            run.finish();
            if (!run.dryRun()) {
                lastSuccessAt = run.finishedAt().orElseThrow();
            }
        } catch (RunStopped e) {
            run.interrupt(cutShort(e) ? WRITES_CUT_SHORT : STOPPED_BY_SHUTDOWN);
        } catch (InterruptedException | SubmitInterrupted e) {
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
        logSummary(run);
        finished.fire(new SyncRun.Finished(run));
    }

    /**
     * One pass of the pipeline: reads the target, streams the source through the planner, and applies the plan.
     *
     * @param bulkLoad whether users to create may go through import jobs
     * @return whether they did: then this pass left the removals to a follow-up pass
     */
    private boolean pass(SyncRun run, SyncSettings settings, boolean bulkLoad) throws InterruptedException {
        run.enter(SyncRun.Phase.SCANNING_TARGET);
        TargetIndex index = settings.planner().index(settings.matchKey(), settings.rules().sourceSubAttribute());
        pools.target().forEachUser(Optional.empty(), user -> {
            stopIfAsked(run);
            index.add(user);
            run.targetScanned();
        });
        Map<String, PoolGroup> targetGroups = new HashMap<>();
        if (settings.groupsEnabled()) {
            for (PoolGroup group : pools.target().groups()) {
                stopIfAsked(run);
                targetGroups.put(group.name(), group);
                pools.target().forEachMember(group.name(), member -> index.addMembership(member, group.name()));
            }
        }

        stopIfAsked(run);
        run.enter(SyncRun.Phase.SCANNING_SOURCE);
        List<PoolGroup> sourceGroups = new ArrayList<>();
        Map<String, Set<String>> sourceMemberships = new HashMap<>();
        if (settings.groupsEnabled()) {
            // Per group, not per user: one ListUsersInGroup page serves up to 60 members.
            for (PoolGroup group : pools.source().groups()) {
                stopIfAsked(run);
                sourceGroups.add(settings.groupRules().desire(group));
                pools.source().forEachMember(group.name(),
                        member -> sourceMemberships.computeIfAbsent(member.username(), name -> new HashSet<>())
                                .add(group.name()));
            }
        }
        Planner.Planning planning = settings.planner().start(index, sourceGroups, targetGroups);
        run.plannedGroups(planning.groupChanges());
        try (DeferredUsers deferred = new DeferredUsers()) {
            return passFromSource(run, settings, bulkLoad, index, planning, sourceMemberships, deferred);
        }
    }

    /**
     * Users matched to their own target user are planned and written as the source streams in, so memory holds the
     * target index, not the source. The others (users to create, and users whose match key another source user may
     * claim) wait on disk until the whole source is read, since which of several source users gets a key must not
     * depend on the order the source lists them in; then they are settled and written.
     */
    private boolean passFromSource(SyncRun run, SyncSettings settings, boolean bulkLoad, TargetIndex index,
            Planner.Planning planning, Map<String, Set<String>> sourceMemberships, DeferredUsers deferred)
            throws InterruptedException {
        if (run.dryRun()) {
            scanSource(run, settings, index, planning, sourceMemberships, deferred, planned -> {
            });
            stopIfAsked(run);
            deferred.forEach(desired -> run.planned(withSourceMfa(planning.settle(desired), settings, bulkLoad, run)));
            run.plannedRemovals(planning.removals());
            return false;
        }
        BulkSettings bulkSettings = bulkLoad ? settings.bulk() : BulkSettings.OFF;
        try (BulkLoad bulk = new BulkLoad(bulkSettings, pools.target(), index.size() == 0);
                Applier.Session session = new Applier(pools.target(), pools.target(), pools.target(), settings,
                        concurrency).begin(planning.groupChanges(), run)) {
            Consumer<PlannedUser> write = planned -> {
                if (!bulk.take(planned)) {
                    submit(session, planned);
                }
            };
            scanSource(run, settings, index, planning, sourceMemberships, deferred, write);
            // A stopped run never settles nor removes: its view of the source is incomplete.
            stopIfAsked(run);
            run.enter(SyncRun.Phase.APPLYING);
            deferred.forEach(desired -> {
                stopIfAsked(run);
                PlannedUser planned = withSourceMfa(planning.settle(desired), settings, bulkLoad, run);
                run.planned(planned);
                write.accept(planned);
            });
            run.everyUserPlanned();
            stopIfAsked(run);
            List<PlannedRemoval> removals = planning.removals();
            run.plannedRemovals(removals);
            // Fewer than poolsync.bulk.min-creates: through the API after all.
            for (PlannedUser create : bulk.endOfScan()) {
                submit(session, create);
            }
            if (!bulk.engaged()) {
                session.finish(removals);
                return false;
            }
            session.close();
            ImportReport imported = new ImportJobApplier(pools.target(), settings.bulk())
                    .apply(bulk, run.id(), run::stopRequested, run::bulkImport);
            stopIfAsked(run);
            imported.jobs().stream().filter(ImportReport.Job::unsuccessful).forEach(job -> run.failed(job.jobName(), "",
                    "IMPORT_JOB", job.status(), job.error() != null ? job.error() : job.message()));
            // Removals wait for the follow-up pass, which sees the target as the import jobs left it.
            return true;
        }
    }

    private void scanSource(SyncRun run, SyncSettings settings, TargetIndex index, Planner.Planning planning,
            Map<String, Set<String>> sourceMemberships, DeferredUsers deferred, Consumer<PlannedUser> sink)
            throws InterruptedException {
        try (MfaRefresh mfa = new MfaRefresh(settings.signIn().mfa(), mfaRefreshRuns.number(run), pools.sourceSignIn(),
                pools.target(), concurrency, run, index::ownedStatus)) {
            pools.source().forEachUser(settings.sourceFilter(), user -> {
                stopIfAsked(run);
                run.sourceScanned();
                DesiredUser desired = settings.rules().desire(user)
                        .withGroups(sourceMemberships.getOrDefault(user.username(), Set.of()));
                Optional<PlannedUser> planned = planning.next(desired);
                if (planned.isEmpty()) {
                    deferred.add(desired);
                    return;
                }
                mfa.plan(planned.get(), decided -> {
                    run.planned(decided);
                    sink.accept(decided);
                });
            });
        }
    }

    /**
     * A user to create through the API, with the MFA settings its source user has. AdminGetUser makes the source user a
     * monthly active user, so it is read only for such users, not federated ones (their provider does their MFA), not
     * for import jobs (the CSV carries no MFA settings), and only where the target has MFA factors.
     */
    private PlannedUser withSourceMfa(PlannedUser planned, SyncSettings settings, boolean bulkLoad, SyncRun run) {
        SignInSettings signIn = settings.signIn();
        if (planned.action() != PlannedUser.Action.CREATE || !signIn.mfa().copy() || signIn.mfa().target().factors()
                .isEmpty() || planned.signIn().federatedOnly() || (bulkLoad && settings.bulk().importJobs())) {
            return planned;
        }
        try {
            MfaSettings source = pools.sourceSignIn().mfaSettings(planned.desired().sourceUsername());
            return planned.withSignIn(planned.signIn().withMfa(signIn.mfa().desired(source), MfaRules.reEnrolTotp(source)));
        } catch (PoolCallException e) {
            // The user is still created; its MFA settings are reported missing rather than guessed.
            run.failed(planned, e.errorCode(), "MFA settings not read from the source: " + e.getMessage());
            return planned;
        }
    }

    private static OptionalLong estimate(Supplier<OptionalLong> describe) {
        try {
            return describe.get();
        } catch (PoolCallException e) {
            LOG.debugf("no user count estimate: %s", e.getMessage());
            return OptionalLong.empty();
        }
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

    private static void stopIfAsked(SyncRun run) {
        if (run.stopRequested()) {
            throw new RunStopped();
        }
    }

    /**
     * One line per run, in logfmt so log pipelines can parse it; with JSON logging the same fields are in the MDC.
     */
    private static void logSummary(SyncRun run) {
        SyncRun.Summary summary = run.summary();
        SyncRun.Counters c = summary.counters();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("runId", summary.id());
        fields.put("trigger", summary.trigger());
        fields.put("phase", summary.phase());
        fields.put("dryRun", summary.dryRun());
        fields.put("durationSeconds", summary.durationSeconds());
        fields.put("targetScanned", c.targetScanned());
        fields.put("sourceScanned", c.sourceScanned());
        fields.put("plannedWrites", c.plannedWrites());
        fields.put("created", c.created());
        fields.put("updated", c.updated());
        fields.put("enabled", c.enabled());
        fields.put("disabled", c.disabled());
        fields.put("deleted", c.deleted());
        fields.put("unchanged", c.unchanged());
        fields.put("skipped", c.skipped());
        fields.put("failed", c.failed());
        fields.put("groupsCreated", c.groupsCreated());
        fields.put("groupsUpdated", c.groupsUpdated());
        fields.put("membershipsAdded", c.membershipsAdded());
        fields.put("membershipsRemoved", c.membershipsRemoved());
        fields.put("passwordsRepaired", c.passwordsRepaired());
        fields.put("identitiesLinked", summary.signIn().identitiesLinked());
        fields.put("mfaSettingsSet", summary.signIn().mfaSettingsSet());
        if (summary.plan() != null) {
            fields.put("mfaReads", summary.plan().signIn().mfaReads());
            fields.put("mfaRefreshes", summary.plan().signIn().mfaRefreshes());
            fields.put("reEnrolTotp", summary.plan().signIn().reEnrolTotp());
            if (!summary.plan().signIn().missingProviders().isEmpty()) {
                fields.put("missingProviders", summary.plan().signIn().missingProviders());
            }
        }
        fields.put("conflicts", c.conflicts());
        fields.put("adopted", c.adopted());
        if (summary.removalsNote() != null) {
            fields.put("removalsNote", summary.removalsNote());
        }
        if (summary.error() != null) {
            fields.put("error", summary.error());
        }
        StringBuilder line = new StringBuilder("run finished");
        fields.forEach((key, value) -> line.append(' ').append(key).append('=').append(logfmt(value)));
        fields.forEach((key, value) -> MDC.put(key, String.valueOf(value)));
        try {
            LOG.info(line);
        } finally {
            fields.keySet().forEach(MDC::remove);
        }
    }

    /** A logfmt value: quoted when it holds spaces, quotes or equals signs. */
    static String logfmt(Object value) {
        String text = String.valueOf(value);
        if (!text.isEmpty() && text.chars().noneMatch(ch -> ch == ' ' || ch == '"' || ch == '=' || ch == '\\' || ch < 32)) {
            return text;
        }
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
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

    /** Ends a scan early once shutdown asked the run to stop. */
    private static final class RunStopped extends RuntimeException {
        RunStopped() {
            super(STOPPED_BY_SHUTDOWN, null, false, false);
        }
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
