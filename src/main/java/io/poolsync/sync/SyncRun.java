package io.poolsync.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import io.poolsync.bulk.ImportReport;
import io.poolsync.plan.GroupChange;
import io.poolsync.plan.PlannedRemoval;
import io.poolsync.plan.PlannedUser;

/** One pass of the pipeline: its phase, counters and failures, updated live while it runs. Thread-safe. */
public final class SyncRun {

    /**
     * Users matched to their own target user are planned and written while the source is scanned; APPLYING plans and
     * writes the others (users to create, contested keys), waits for the writes in flight and carries out removals.
     */
    public enum Phase {
        PENDING, SCANNING_TARGET, SCANNING_SOURCE, APPLYING, DONE, FAILED,
        /** Stopped by shutdown: the writes in flight were finished, no new ones were started. */
        INTERRUPTED;

        public boolean finished() {
            return this == DONE || this == FAILED || this == INTERRUPTED;
        }
    }

    public enum Trigger {
        SCHEDULE, STARTUP, API,
        /** Event mode's single-user writes; such runs are not listed among the runs. */
        EVENT
    }

    /** Fired (CDI) in the run's thread as it starts. */
    public record Started(SyncRun run) {
    }

    /** Fired (CDI) in the run's thread once it is DONE, FAILED or INTERRUPTED. */
    public record Finished(SyncRun run) {
    }

    /** Failures kept per run for reading back; the counter goes on past it. */
    static final int MAX_KEPT_FAILURES = 2_000;

    private final String id = UUID.randomUUID().toString();
    private final Trigger trigger;
    private final Instant startedAt = Instant.now();
    private volatile Instant finishedAt;
    private volatile Phase phase = Phase.PENDING;
    private volatile String error;

    private final AtomicLong targetScanned = new AtomicLong();
    private final AtomicLong sourceScanned = new AtomicLong();
    private final AtomicLong created = new AtomicLong();
    private final AtomicLong updated = new AtomicLong();
    private final AtomicLong enabled = new AtomicLong();
    private final AtomicLong disabled = new AtomicLong();
    private final AtomicLong unchanged = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong plannedWrites = new AtomicLong();
    private final AtomicLong deleted = new AtomicLong();
    private final AtomicLong groupsCreated = new AtomicLong();
    private final AtomicLong groupsUpdated = new AtomicLong();
    private final AtomicLong membershipsAdded = new AtomicLong();
    private final AtomicLong membershipsRemoved = new AtomicLong();
    private final AtomicLong passwordsRepaired = new AtomicLong();
    private final AtomicLong identitiesLinked = new AtomicLong();
    private final AtomicLong mfaSettingsSet = new AtomicLong();
    private final AtomicLong conflicts = new AtomicLong();
    private final AtomicLong adopted = new AtomicLong();
    private final boolean dryRun;
    private final PlanReport.Recorder plan = new PlanReport.Recorder();
    private volatile boolean planned;
    private volatile String removalsNote;
    private final Map<String, LongAdder> skipReasons = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> failedByAction = new ConcurrentHashMap<>();
    private final ArrayList<Failure> failures = new ArrayList<>();
    private final Map<Phase, Instant> phaseStartedAt = new ConcurrentHashMap<>();
    /** Users planned for a create or update, and those of them already written or given up on. */
    private final AtomicLong userWritesPlanned = new AtomicLong();
    private final AtomicLong userWritesDone = new AtomicLong();
    private volatile OptionalLong estimatedTargetUsers = OptionalLong.empty();
    private volatile OptionalLong estimatedSourceUsers = OptionalLong.empty();
    private volatile boolean stopRequested;
    private volatile boolean allUsersPlanned;
    private volatile ImportReport bulkImport;
    /** Set for the pass that follows import jobs: it repeats the first pass's scans and plan, which count once. */
    private volatile boolean followUpPass;

    /**
     * One user that could not be written, with Cognito's error.
     *
     * @param username       the target username written to
     * @param sourceUsername the user's username in the source pool
     */
    public record Failure(String username, String sourceUsername, String action, String errorCode, String message) {
    }

    /**
     * A consistent-enough copy of the run for reporting.
     *
     * @param plan         what the run planned, next to the counters of what it applied; null until planned
     * @param removalsNote why planned removals were not carried out, if they were not
     * @param bulkImport   what the run's import jobs did; null when it created no user through them
     */
    public record Snapshot(String id, Trigger trigger, boolean dryRun, Phase phase, Instant startedAt,
            Instant finishedAt, String error, Counters counters, Map<String, Long> skipReasons,
            PlanReport.Summary plan, String removalsNote, ImportReport bulkImport, List<Failure> failures,
            SignInCounters signIn) {
    }

    /**
     * A run without its failures, for lists: {@code counters.failed} counts them, {@code /sync/runs/{id}/failures}
     * pages through them.
     *
     * @param error why the run failed or was interrupted; null otherwise
     */
    public record Summary(String id, Trigger trigger, boolean dryRun, Phase phase, Instant startedAt,
            Instant finishedAt, Double durationSeconds, String error, Counters counters, Map<String, Long> skipReasons,
            PlanReport.Summary plan, String removalsNote, ImportReport bulkImport, SignInCounters signIn) {
    }

    /** What the run applied of federated identities and MFA; the plan says what it meant to. */
    public record SignInCounters(long identitiesLinked, long mfaSettingsSet) {
    }

    /**
     * @param conflicts source users whose match key is held by a target user poolsync may not write to for them
     *                  (see the plan's CONFLICT items); a run with conflicts makes exit-after-run exit 2
     * @param adopted   target users poolsync did not create, taken over (poolsync.ownership.adopt-existing)
     */
    public record Counters(long targetScanned, long sourceScanned, long plannedWrites, long created, long updated,
            long enabled, long disabled, long deleted, long unchanged, long skipped, long failed, long groupsCreated,
            long groupsUpdated, long membershipsAdded, long membershipsRemoved, long passwordsRepaired, long conflicts,
            long adopted) {

        /** Users written or given up on so far in the applying phase. */
        public long applied() {
            return created + updated + failed;
        }
    }

    SyncRun(Trigger trigger, boolean dryRun) {
        this.trigger = trigger;
        this.dryRun = dryRun;
    }

    public Trigger trigger() {
        return trigger;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Optional<Instant> finishedAt() {
        return Optional.ofNullable(finishedAt);
    }

    /** When the run entered this phase; empty if it has not (yet). */
    public Optional<Instant> phaseStartedAt(Phase phase) {
        return Optional.ofNullable(phaseStartedAt.get(phase));
    }

    /** Cognito's estimate of the target pool's users, read when the run started; empty when Cognito gave none. */
    public OptionalLong estimatedTargetUsers() {
        return estimatedTargetUsers;
    }

    /** Cognito's estimate of the users the source scan will read; empty with a source filter or no estimate. */
    public OptionalLong estimatedSourceUsers() {
        return estimatedSourceUsers;
    }

    void estimates(OptionalLong targetUsers, OptionalLong sourceUsers) {
        estimatedTargetUsers = targetUsers;
        estimatedSourceUsers = sourceUsers;
    }

    /**
     * Every source user is planned: those decided after the scan too, which are planned and written in APPLYING. Until
     * then the count of planned user writes may grow.
     */
    void everyUserPlanned() {
        allUsersPlanned = true;
    }

    public boolean allUsersPlanned() {
        return allUsersPlanned;
    }

    /** Users planned for a create or an update so far. */
    public long userWritesPlanned() {
        return userWritesPlanned.get();
    }

    /** Planned user writes carried out or given up on: created, updated, found unchanged after all, or failed. */
    public long userWritesDone() {
        return userWritesDone.get();
    }

    /** Failures per action ({@code CREATE}, {@code UPDATE}, {@code DISABLE}, {@code DELETE}, {@code CREATE_GROUP}...). */
    public Map<String, Long> failedByAction() {
        Map<String, Long> counts = new TreeMap<>();
        failedByAction.forEach((action, count) -> counts.put(action, count.sum()));
        return counts;
    }

    /** Asks the run to start nothing new; writes already in flight are finished. */
    void requestStop() {
        stopRequested = true;
    }

    public boolean stopRequested() {
        return stopRequested;
    }

    public boolean dryRun() {
        return dryRun;
    }

    /** The plan so far: complete once the run is past its source scan. */
    public Optional<PlanReport> plan() {
        return planned ? Optional.of(plan.report()) : Optional.empty();
    }

    public String id() {
        return id;
    }

    public Phase phase() {
        return phase;
    }

    public boolean finished() {
        return phase.finished();
    }

    void enter(Phase next) {
        if (followUpPass) {
            // The follow-up pass happens within APPLYING.
            return;
        }
        phaseStartedAt.put(next, Instant.now());
        phase = next;
    }

    void targetScanned() {
        if (followUpPass) {
            return;
        }
        targetScanned.incrementAndGet();
    }

    void sourceScanned() {
        if (followUpPass) {
            return;
        }
        sourceScanned.incrementAndGet();
    }

    void plannedGroups(List<GroupChange> changes) {
        if (followUpPass) {
            return;
        }
        planned = true;
        plan.groups(changes);
        plannedWrites.addAndGet(changes.size());
    }

    void planned(PlannedUser user) {
        if (followUpPass) {
            // Only the follow-up's writes are new: they count toward progress.
            if (user.writes()) {
                userWritesPlanned.incrementAndGet();
            }
            return;
        }
        plan.user(user);
        switch (user.action()) {
            case SKIP -> {
                skipped.incrementAndGet();
                skipReasons.computeIfAbsent(user.reason(), reason -> new LongAdder()).increment();
            }
            case UNCHANGED -> unchanged.incrementAndGet();
            case CONFLICT -> conflicts.incrementAndGet();
            case CREATE, UPDATE -> {
                plannedWrites.incrementAndGet();
                userWritesPlanned.incrementAndGet();
            }
        }
    }

    void plannedRemovals(List<PlannedRemoval> removals) {
        if (followUpPass) {
            return;
        }
        plan.removals(removals);
        plannedWrites.addAndGet(removals.size());
    }

    void created() {
        created.incrementAndGet();
        userWritesDone.incrementAndGet();
    }

    void updated() {
        updated.incrementAndGet();
        userWritesDone.incrementAndGet();
    }

    /** A planned create that found the user already there and already as desired. */
    void unchanged() {
        unchanged.incrementAndGet();
        userWritesDone.incrementAndGet();
    }

    void enabledChanged(boolean nowEnabled) {
        (nowEnabled ? enabled : disabled).incrementAndGet();
    }

    void deleted() {
        deleted.incrementAndGet();
    }

    void groupCreated() {
        groupsCreated.incrementAndGet();
    }

    void groupUpdated() {
        groupsUpdated.incrementAndGet();
    }

    void membershipAdded() {
        membershipsAdded.incrementAndGet();
    }

    void membershipRemoved() {
        membershipsRemoved.incrementAndGet();
    }

    void identityLinked() {
        identitiesLinked.incrementAndGet();
    }

    void mfaSettingsSet() {
        mfaSettingsSet.incrementAndGet();
    }

    public SignInCounters signInCounters() {
        return new SignInCounters(identitiesLinked.get(), mfaSettingsSet.get());
    }

    void passwordRepaired() {
        passwordsRepaired.incrementAndGet();
    }

    void adopted() {
        adopted.incrementAndGet();
    }

    /**
     * Drops the plan's items and the failures kept, leaving the summary and the counters: what an older run keeps in
     * the history, so twenty runs of any size fit in the heap.
     */
    void forgetDetails(String why) {
        plan.forgetItems(why);
        synchronized (failures) {
            failures.clear();
            failures.trimToSize();
        }
    }

    /** The import jobs as they go; users they are done with count as written. Called from the run's thread only. */
    void bulkImport(ImportReport report) {
        long before = bulkImport == null ? 0 : bulkImport.usersDone();
        bulkImport = report;
        userWritesDone.addAndGet(report.usersDone() - before);
    }

    public Optional<ImportReport> bulkImport() {
        return Optional.ofNullable(bulkImport);
    }

    /**
     * From here on the run is in its follow-up pass: after import jobs, the pipeline again, to apply what a CSV can't
     * carry. The run stays APPLYING, and its scanned and planned counts and plan stay those of the first pass.
     */
    void startFollowUpPass() {
        followUpPass = true;
    }

    /** Why planned removals, or the creates waiting for them, were not carried out; notes add up. */
    synchronized void removalsNote(String why) {
        removalsNote = removalsNote == null ? why : removalsNote + "; " + why;
    }

    void failed(PlannedUser user, String errorCode, String message) {
        failed(user.username(), user.desired().sourceUsername(), user.action().name(), errorCode, message);
        userWritesDone.incrementAndGet();
    }

    void failed(String username, String sourceUsername, String action, String errorCode, String message) {
        failed.incrementAndGet();
        failedByAction.computeIfAbsent(action, name -> new LongAdder()).increment();
        synchronized (failures) {
            if (failures.size() < MAX_KEPT_FAILURES) {
                failures.add(new Failure(username, sourceUsername, action, errorCode, message));
            }
        }
    }

    void finish() {
        end(Phase.DONE, null);
    }

    void fail(String reason) {
        end(Phase.FAILED, reason);
    }

    void interrupt(String reason) {
        end(Phase.INTERRUPTED, reason);
    }

    private void end(Phase last, String reason) {
        error = reason;
        finishedAt = Instant.now();
        phaseStartedAt.put(last, finishedAt);
        phase = last;
    }

    public Optional<String> error() {
        return Optional.ofNullable(error);
    }

    public Counters counters() {
        return new Counters(targetScanned.get(), sourceScanned.get(), plannedWrites.get(), created.get(), updated.get(),
                enabled.get(), disabled.get(), deleted.get(), unchanged.get(), skipped.get(), failed.get(),
                groupsCreated.get(), groupsUpdated.get(), membershipsAdded.get(), membershipsRemoved.get(),
                passwordsRepaired.get(), conflicts.get(), adopted.get());
    }

    /** Failures kept, from {@code from} (inclusive) to {@code to} (exclusive), clipped to those kept. */
    public List<Failure> failures(int from, int to) {
        synchronized (failures) {
            int end = Math.min(to, failures.size());
            return List.copyOf(failures.subList(Math.min(from, end), end));
        }
    }

    /** Failures kept for reading back: all of them up to {@value #MAX_KEPT_FAILURES}. */
    public int keptFailures() {
        synchronized (failures) {
            return failures.size();
        }
    }

    public Snapshot snapshot() {
        List<Failure> failuresCopy;
        synchronized (failures) {
            failuresCopy = List.copyOf(failures);
        }
        return new Snapshot(id, trigger, dryRun, phase, startedAt, finishedAt, error, counters(), skipReasons(),
                planned ? plan.summary() : null, removalsNote, bulkImport, failuresCopy, signInCounters());
    }

    public Summary summary() {
        Instant end = finishedAt;
        Double duration = end == null ? null : Duration.between(startedAt, end).toMillis() / 1000.0;
        return new Summary(id, trigger, dryRun, phase, startedAt, end, duration, error, counters(), skipReasons(),
                planned ? plan.summary() : null, removalsNote, bulkImport, signInCounters());
    }

    private Map<String, Long> skipReasons() {
        Map<String, Long> reasons = new TreeMap<>();
        skipReasons.forEach((reason, count) -> reasons.put(reason, count.sum()));
        return reasons;
    }
}
