package io.poolsync.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

import io.poolsync.bulk.ImportReport;
import io.poolsync.plan.GroupChange;
import io.poolsync.plan.PlannedRemoval;
import io.poolsync.plan.PlannedUser;

/**
 * One run of the pipeline as it is recorded: its phase, counters and failures, updated live from the pass's events
 * (it is the pass's main {@link RunListener}) and read back by the API, progress and metrics. Thread-safe.
 */
public final class SyncRun implements RunListener {

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
    private final Clock clock;
    private final Instant startedAt;
    private volatile Instant finishedAt;
    private volatile Phase phase = Phase.PENDING;
    private volatile String error;

    /** Indexed by {@link RunCounter#ordinal()}. */
    private final AtomicLongArray counts = new AtomicLongArray(RunCounter.values().length);
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
    private volatile boolean stopRequested;
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
            PlanReport.Summary plan, String removalsNote, ImportReport bulkImport, List<Failure> failures) {
    }

    /**
     * A run without its failures, for lists: {@code counters.failed} counts them, {@code /sync/runs/{id}/failures}
     * pages through them.
     *
     * @param error why the run failed or was interrupted; null otherwise
     */
    public record Summary(String id, Trigger trigger, boolean dryRun, Phase phase, Instant startedAt,
            Instant finishedAt, Double durationSeconds, String error, Counters counters, Map<String, Long> skipReasons,
            PlanReport.Summary plan, String removalsNote, ImportReport bulkImport) {
    }

    /** Every {@link RunCounter}'s count at one moment. */
    public record Counters(Map<RunCounter, Long> counts) {

        /** Every counter, 0 where {@code counts} has none. */
        public Counters {
            Map<RunCounter, Long> all = new EnumMap<>(RunCounter.class);
            for (RunCounter counter : RunCounter.values()) {
                all.put(counter, counts.getOrDefault(counter, 0L));
            }
            counts = Collections.unmodifiableMap(all);
        }

        public long get(RunCounter counter) {
            return counts.getOrDefault(counter, 0L);
        }

        /** Users written or given up on so far in the applying phase. */
        public long applied() {
            return get(RunCounter.CREATED) + get(RunCounter.UPDATED) + get(RunCounter.FAILED);
        }

        /** The section's counters by their {@link RunCounter#key()}, in the enum's order. */
        public Map<String, Long> byKey(RunCounter.Section section) {
            Map<String, Long> keyed = new LinkedHashMap<>();
            counts.forEach((counter, count) -> {
                if (counter.section() == section) {
                    keyed.put(counter.key(), count);
                }
            });
            return keyed;
        }
    }

    /** @param clock what the run's times are read from */
    SyncRun(Trigger trigger, boolean dryRun, Clock clock) {
        this.trigger = trigger;
        this.dryRun = dryRun;
        this.clock = clock;
        this.startedAt = clock.instant();
    }

    public Trigger trigger() {
        return trigger;
    }

    /** The clock the run's times are read from: the daemon's (see {@link SystemClock}), or a test's. */
    Clock clock() {
        return clock;
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

    @Override
    public void phaseStarted(Phase next) {
        if (followUpPass) {
            // The follow-up pass happens within APPLYING.
            return;
        }
        phaseStartedAt.put(next, clock.instant());
        phase = next;
    }

    @Override
    public void targetUserScanned() {
        if (!followUpPass) {
            count(RunCounter.TARGET_SCANNED);
        }
    }

    @Override
    public void sourceUserScanned() {
        if (!followUpPass) {
            count(RunCounter.SOURCE_SCANNED);
        }
    }

    @Override
    public void groupsPlanned(List<GroupChange> changes) {
        if (followUpPass) {
            return;
        }
        planned = true;
        plan.groups(changes);
        counts.addAndGet(RunCounter.PLANNED_WRITES.ordinal(), changes.size());
    }

    @Override
    public void userPlanned(PlannedUser user) {
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
                count(RunCounter.SKIPPED);
                skipReasons.computeIfAbsent(user.reason(), reason -> new LongAdder()).increment();
            }
            case UNCHANGED -> count(RunCounter.UNCHANGED);
            case CONFLICT -> count(RunCounter.CONFLICTS);
            case CREATE, UPDATE -> {
                count(RunCounter.PLANNED_WRITES);
                userWritesPlanned.incrementAndGet();
            }
        }
    }

    @Override
    public void removalsPlanned(List<PlannedRemoval> removals) {
        if (followUpPass) {
            return;
        }
        plan.removals(removals);
        counts.addAndGet(RunCounter.PLANNED_WRITES.ordinal(), removals.size());
    }

    @Override
    public void userWritten(RunCounter outcome) {
        count(outcome);
        userWritesDone.incrementAndGet();
    }

    @Override
    public void counted(RunCounter counter) {
        count(counter);
    }

    private void count(RunCounter counter) {
        counts.incrementAndGet(counter.ordinal());
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

    /** Called from the run's thread only. */
    @Override
    public void importJobsProgressed(ImportReport report) {
        long before = bulkImport == null ? 0 : bulkImport.usersDone();
        bulkImport = report;
        userWritesDone.addAndGet(report.usersDone() - before);
    }

    public Optional<ImportReport> bulkImport() {
        return Optional.ofNullable(bulkImport);
    }

    @Override
    public void followUpPassStarted() {
        followUpPass = true;
    }

    /** Notes add up. */
    @Override
    public synchronized void removalsNotCarriedOut(String why) {
        removalsNote = removalsNote == null ? why : removalsNote + "; " + why;
    }

    @Override
    public void userFailed(PlannedUser user, String errorCode, String message) {
        failed(user.username(), user.desired().sourceUsername(), user.action().name(), errorCode, message);
        userWritesDone.incrementAndGet();
    }

    @Override
    public void failed(String username, String sourceUsername, String action, String errorCode, String message) {
        count(RunCounter.FAILED);
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
        finishedAt = clock.instant();
        phaseStartedAt.put(last, finishedAt);
        phase = last;
    }

    public Optional<String> error() {
        return Optional.ofNullable(error);
    }

    public Counters counters() {
        Map<RunCounter, Long> now = new EnumMap<>(RunCounter.class);
        for (RunCounter counter : RunCounter.values()) {
            now.put(counter, counts.get(counter.ordinal()));
        }
        return new Counters(now);
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
                planned ? plan.summary() : null, removalsNote, bulkImport, failuresCopy);
    }

    public Summary summary() {
        Instant end = finishedAt;
        Double duration = end == null ? null : Duration.between(startedAt, end).toMillis() / 1000.0;
        return new Summary(id, trigger, dryRun, phase, startedAt, end, duration, error, counters(), skipReasons(),
                planned ? plan.summary() : null, removalsNote, bulkImport);
    }

    private Map<String, Long> skipReasons() {
        Map<String, Long> reasons = new TreeMap<>();
        skipReasons.forEach((reason, count) -> reasons.put(reason, count.sum()));
        return reasons;
    }
}
