package io.poolsync.sync;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.poolsync.bulk.BulkLoad;
import io.poolsync.bulk.BulkSettings;
import io.poolsync.bulk.ImportJobApplier;
import io.poolsync.bulk.ImportReport;
import io.poolsync.cognito.PoolCallException;
import io.poolsync.cognito.SourcePool;
import io.poolsync.cognito.TargetPool;
import io.poolsync.mapping.MfaRules;
import io.poolsync.model.DesiredUser;
import io.poolsync.model.MfaSettings;
import io.poolsync.model.PoolGroup;
import io.poolsync.plan.PlannedRemoval;
import io.poolsync.plan.PlannedUser;
import io.poolsync.plan.Planner;
import io.poolsync.plan.TargetIndex;

/**
 * One sync pass from a source pool to a target pool: scan the target, stream the source through the planner, apply
 * the plan, and, when import jobs created users, the follow-up step that completes them. Plain Java: the daemon runs
 * it under {@link SyncService}'s lock, tests run it on pools in memory.
 */
public final class SyncPass {

    private static final Logger LOG = Logger.getLogger(SyncPass.class);

    private final SourcePool source;
    private final TargetPool target;
    private final SyncSettings settings;
    private final int concurrency;
    private final MfaRefresh.Cadence mfaRefreshRuns;

    /**
     * @param concurrency    users written at a time (poolsync.apply.concurrency)
     * @param mfaRefreshRuns numbers the runs for the MFA refresh's slices; lives as long as the service
     */
    public SyncPass(SourcePool source, TargetPool target, SyncSettings settings, int concurrency,
            MfaRefresh.Cadence mfaRefreshRuns) {
        this.source = source;
        this.target = target;
        this.settings = settings;
        this.concurrency = concurrency;
        this.mfaRefreshRuns = mfaRefreshRuns;
    }

    /**
     * Runs the pass for {@code run}, which records what it reports, as {@code observer} hears it too.
     *
     * @throws Stopped once the run was asked to stop; writes in flight were finished
     */
    public void run(SyncRun run, RunListener observer) throws InterruptedException {
        stopIfAsked(run);
        RunListener events = RunListener.all(List.of(run, observer));
        events.estimates(estimate(target::estimatedUsers),
                settings.sourceFilter().isPresent() ? OptionalLong.empty() : estimate(source::estimatedUsers));
        if (scanPlanAndApply(run, events, settings.bulk().importJobs()) == Applied.THROUGH_IMPORT_JOBS) {
            completeImportedUsers(run, events);
        }
    }

    /** What the applying step of a pass did with the users to create. */
    private enum Applied {
        /** Every write went through the API, removals included. */
        THROUGH_THE_API,
        /** Import jobs created users; the removals wait for {@link #completeImportedUsers}. */
        THROUGH_IMPORT_JOBS
    }

    /**
     * After import jobs: now that the imported users are in the target to match, the pipeline again applies what a CSV
     * can't carry (disabled users, group memberships), creates through the API the users the jobs left out, and
     * carries out the removals, seeing the target as the jobs left it.
     */
    private void completeImportedUsers(SyncRun run, RunListener events) throws InterruptedException {
        events.followUpPassStarted();
        scanPlanAndApply(run, events, false);
    }

    /** @param bulkLoad whether users to create may go through import jobs */
    private Applied scanPlanAndApply(SyncRun run, RunListener events, boolean bulkLoad) throws InterruptedException {
        events.phaseStarted(SyncRun.Phase.SCANNING_TARGET);
        TargetIndex index = settings.planner().index(settings.matchKey(), settings.rules().sourceSubAttribute());
        target.forEachUser(Optional.empty(), user -> {
            stopIfAsked(run);
            index.add(user);
            events.targetUserScanned();
        });
        Map<String, PoolGroup> targetGroups = new HashMap<>();
        if (settings.groupsEnabled()) {
            for (PoolGroup group : target.groups()) {
                stopIfAsked(run);
                targetGroups.put(group.name(), group);
                target.forEachMember(group.name(), member -> index.addMembership(member, group.name()));
            }
        }

        stopIfAsked(run);
        events.phaseStarted(SyncRun.Phase.SCANNING_SOURCE);
        List<PoolGroup> sourceGroups = new ArrayList<>();
        Map<String, Set<String>> sourceMemberships = new HashMap<>();
        if (settings.groupsEnabled()) {
            // Per group, not per user: one ListUsersInGroup page serves up to 60 members.
            for (PoolGroup group : source.groups()) {
                stopIfAsked(run);
                sourceGroups.add(settings.groupRules().desire(group));
                source.forEachMember(group.name(),
                        member -> sourceMemberships.computeIfAbsent(member.username(), name -> new HashSet<>())
                                .add(group.name()));
            }
        }
        Planner.Planning planning = settings.planner().start(index, sourceGroups, targetGroups);
        events.groupsPlanned(planning.groupChanges());
        try (DeferredUsers deferred = new DeferredUsers()) {
            if (run.dryRun()) {
                planOnly(run, events, bulkLoad, index, planning, sourceMemberships, deferred);
                return Applied.THROUGH_THE_API;
            }
            return planAndApply(run, events, bulkLoad, index, planning, sourceMemberships, deferred);
        }
    }

    private void planOnly(SyncRun run, RunListener events, boolean bulkLoad, TargetIndex index,
            Planner.Planning planning, Map<String, Set<String>> sourceMemberships, DeferredUsers deferred)
            throws InterruptedException {
        scanSource(run, events, index, planning, sourceMemberships, deferred, planned -> {
        });
        stopIfAsked(run);
        deferred.forEach(desired -> events.userPlanned(withSourceMfa(planning.settle(desired), bulkLoad, events)));
        events.removalsPlanned(planning.removals());
    }

    /**
     * Users matched to their own target user are planned and written as the source streams in, so memory holds the
     * target index, not the source. The others (users to create, and users whose match key another source user may
     * claim) wait on disk until the whole source is read, since which of several source users gets a key must not
     * depend on the order the source lists them in; then they are settled and written.
     */
    private Applied planAndApply(SyncRun run, RunListener events, boolean bulkLoad, TargetIndex index,
            Planner.Planning planning, Map<String, Set<String>> sourceMemberships, DeferredUsers deferred)
            throws InterruptedException {
        BulkSettings bulkSettings = bulkLoad ? settings.bulk() : BulkSettings.OFF;
        try (BulkLoad bulk = new BulkLoad(bulkSettings, target, index.size() == 0);
                Applier.Session session = new Applier(target, settings, concurrency)
                        .begin(planning.groupChanges(), run, events)) {
            Consumer<PlannedUser> write = planned -> {
                if (!bulk.take(planned)) {
                    submit(session, planned);
                }
            };
            scanSource(run, events, index, planning, sourceMemberships, deferred, write);
            // A stopped run never settles nor removes: its view of the source is incomplete.
            stopIfAsked(run);
            events.phaseStarted(SyncRun.Phase.APPLYING);
            deferred.forEach(desired -> {
                stopIfAsked(run);
                PlannedUser planned = withSourceMfa(planning.settle(desired), bulkLoad, events);
                events.userPlanned(planned);
                write.accept(planned);
            });
            events.everyUserPlanned();
            stopIfAsked(run);
            List<PlannedRemoval> removals = planning.removals();
            events.removalsPlanned(removals);
            // Fewer than poolsync.bulk.min-creates: through the API after all.
            for (PlannedUser create : bulk.endOfScan()) {
                submit(session, create);
            }
            if (!bulk.engaged()) {
                session.finish(removals);
                return Applied.THROUGH_THE_API;
            }
            session.close();
            ImportReport imported = new ImportJobApplier(target, settings.bulk(), run.clock(),
                    ImportJobApplier.Sleep.THREAD)
                    .apply(bulk, run.id(), run::stopRequested, events::importJobsProgressed);
            stopIfAsked(run);
            imported.jobs().stream().filter(ImportReport.Job::unsuccessful).forEach(job -> events.failed(job.jobName(), "",
                    "IMPORT_JOB", job.status(), job.error() != null ? job.error() : job.message()));
            return Applied.THROUGH_IMPORT_JOBS;
        }
    }

    /** Existing users in this run's MFA refresh slice are handed on once their MFA settings are compared. */
    private void scanSource(SyncRun run, RunListener events, TargetIndex index, Planner.Planning planning,
            Map<String, Set<String>> sourceMemberships, DeferredUsers deferred, Consumer<PlannedUser> sink)
            throws InterruptedException {
        try (MfaRefresh mfa = new MfaRefresh(settings.signIn().mfa(), mfaRefreshRuns.number(run), source, target,
                concurrency, run::stopRequested, events, index::ownedStatus)) {
            source.forEachUser(settings.sourceFilter(), user -> {
                stopIfAsked(run);
                events.sourceUserScanned();
                DesiredUser desired = settings.rules().desire(user)
                        .withGroups(sourceMemberships.getOrDefault(user.username(), Set.of()));
                Optional<PlannedUser> planned = planning.next(desired);
                if (planned.isEmpty()) {
                    deferred.add(desired);
                    return;
                }
                mfa.plan(planned.get(), decided -> {
                    events.userPlanned(decided);
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
    private PlannedUser withSourceMfa(PlannedUser planned, boolean bulkLoad, RunListener events) {
        SignInSettings signIn = settings.signIn();
        if (planned.action() != PlannedUser.Action.CREATE || !signIn.mfa().copy() || signIn.mfa().target().factors()
                .isEmpty() || planned.signIn().federatedOnly() || (bulkLoad && settings.bulk().importJobs())) {
            return planned;
        }
        try {
            MfaSettings sourceMfa = source.mfaSettings(planned.desired().sourceUsername());
            return planned.withSignIn(planned.signIn().withMfa(signIn.mfa().desired(sourceMfa),
                    MfaRules.reEnrolTotp(sourceMfa)));
        } catch (PoolCallException e) {
            // The user is still created; its MFA settings are reported missing rather than guessed.
            events.userFailed(planned, e.errorCode(), "MFA settings not read from the source: " + e.getMessage());
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

    private static void stopIfAsked(SyncRun run) {
        if (run.stopRequested()) {
            throw new Stopped();
        }
    }

    private static void submit(Applier.Session session, PlannedUser user) {
        try {
            session.submit(user);
        } catch (InterruptedException e) {
            throw new SubmitInterrupted(e);
        }
    }

    /** Carries an interruption out of the scan's callback. */
    static final class SubmitInterrupted extends RuntimeException {
        SubmitInterrupted(InterruptedException cause) {
            super(cause);
        }
    }

    /** Ends a pass early once the run was asked to stop (shutdown). */
    public static final class Stopped extends RuntimeException {
        Stopped() {
            super("the run was asked to stop", null, false, false);
        }
    }
}
