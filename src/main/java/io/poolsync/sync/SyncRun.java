package io.poolsync.sync;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import io.poolsync.plan.GroupChange;
import io.poolsync.plan.Plan;
import io.poolsync.plan.PlannedRemoval;
import io.poolsync.plan.PlannedUser;

/** One pass of the pipeline: its phase, counters and failures, updated live while it runs. Thread-safe. */
public final class SyncRun {

    /**
     * Users are planned and written while the source is scanned; APPLYING waits for the writes in flight and then
     * carries out removals.
     */
    public enum Phase {
        PENDING, SCANNING_TARGET, SCANNING_SOURCE, APPLYING, DONE, FAILED
    }

    public enum Trigger {
        SCHEDULE, STARTUP, API
    }

    /** Failures kept per run for reading back; the counter goes on past it. */
    static final int MAX_KEPT_FAILURES = 10_000;

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
    private final boolean dryRun;
    private final PlanReport.Recorder plan = new PlanReport.Recorder();
    private volatile boolean planned;
    private volatile String removalsNote;
    private final Map<String, LongAdder> skipReasons = new ConcurrentHashMap<>();
    private final List<Failure> failures = new ArrayList<>();

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
     */
    public record Snapshot(String id, Trigger trigger, boolean dryRun, Phase phase, Instant startedAt,
            Instant finishedAt, String error, Counters counters, Map<String, Long> skipReasons,
            PlanReport.Summary plan, String removalsNote, List<Failure> failures) {
    }

    public record Counters(long targetScanned, long sourceScanned, long plannedWrites, long created, long updated,
            long enabled, long disabled, long deleted, long unchanged, long skipped, long failed, long groupsCreated,
            long groupsUpdated, long membershipsAdded, long membershipsRemoved, long passwordsRepaired) {

        /** Users written or given up on so far in the applying phase. */
        public long applied() {
            return created + updated + failed;
        }
    }

    SyncRun(Trigger trigger, boolean dryRun) {
        this.trigger = trigger;
        this.dryRun = dryRun;
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
        return phase == Phase.DONE || phase == Phase.FAILED;
    }

    void enter(Phase next) {
        phase = next;
    }

    void targetScanned() {
        targetScanned.incrementAndGet();
    }

    void sourceScanned() {
        sourceScanned.incrementAndGet();
    }

    /** Records a whole plan at once. */
    void planned(Plan whole) {
        plannedGroups(whole.groups());
        whole.users().forEach(this::planned);
        plannedRemovals(whole.removals());
    }

    void plannedGroups(List<GroupChange> changes) {
        planned = true;
        plan.groups(changes);
        plannedWrites.addAndGet(changes.size());
    }

    void planned(PlannedUser user) {
        plan.user(user);
        switch (user.action()) {
            case SKIP -> {
                skipped.incrementAndGet();
                skipReasons.computeIfAbsent(user.reason(), reason -> new LongAdder()).increment();
            }
            case UNCHANGED -> unchanged.incrementAndGet();
            case CREATE, UPDATE -> plannedWrites.incrementAndGet();
        }
    }

    void plannedRemovals(List<PlannedRemoval> removals) {
        plan.removals(removals);
        plannedWrites.addAndGet(removals.size());
    }

    void created() {
        created.incrementAndGet();
    }

    void updated() {
        updated.incrementAndGet();
    }

    void unchanged() {
        unchanged.incrementAndGet();
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

    void passwordRepaired() {
        passwordsRepaired.incrementAndGet();
    }

    void removalsNotCarriedOut(String why) {
        removalsNote = why;
    }

    void failed(PlannedUser user, String errorCode, String message) {
        failed(user.username(), user.desired().sourceUsername(), user.action().name(), errorCode, message);
    }

    void failed(String username, String sourceUsername, String action, String errorCode, String message) {
        failed.incrementAndGet();
        synchronized (failures) {
            if (failures.size() < MAX_KEPT_FAILURES) {
                failures.add(new Failure(username, sourceUsername, action, errorCode, message));
            }
        }
    }

    void finish() {
        finishedAt = Instant.now();
        phase = Phase.DONE;
    }

    void fail(String reason) {
        error = reason;
        finishedAt = Instant.now();
        phase = Phase.FAILED;
    }

    public Optional<String> error() {
        return Optional.ofNullable(error);
    }

    public Counters counters() {
        return new Counters(targetScanned.get(), sourceScanned.get(), plannedWrites.get(), created.get(), updated.get(),
                enabled.get(), disabled.get(), deleted.get(), unchanged.get(), skipped.get(), failed.get(),
                groupsCreated.get(), groupsUpdated.get(), membershipsAdded.get(), membershipsRemoved.get(),
                passwordsRepaired.get());
    }

    public Snapshot snapshot() {
        Map<String, Long> reasons = new TreeMap<>();
        skipReasons.forEach((reason, count) -> reasons.put(reason, count.sum()));
        List<Failure> failuresCopy;
        synchronized (failures) {
            failuresCopy = List.copyOf(failures);
        }
        return new Snapshot(id, trigger, dryRun, phase, startedAt, finishedAt, error, counters(), reasons,
                planned ? plan.summary() : null, removalsNote, failuresCopy);
    }
}
