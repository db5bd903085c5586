package io.poolsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.poolsync.model.DesiredUser;
import io.poolsync.plan.PlannedUser;
import io.poolsync.plan.PlannedUser.Action;
import io.poolsync.plan.PlannedUser.EnabledChange;
import io.poolsync.testing.ManualClock;

/** What a run reports about its progress, its failures and how it ended. */
class SyncRunTest {

    @Test
    void everyPlannedUserWriteEndsWrittenOrFailedOnce() {
        SyncRun run = new SyncRun(SyncRun.Trigger.API, false, Clock.systemUTC());
        run.userPlanned(user("a", Action.CREATE));
        run.userPlanned(user("b", Action.CREATE));
        run.userPlanned(user("c", Action.UPDATE));
        run.userPlanned(user("d", Action.UNCHANGED));
        run.userPlanned(user("e", Action.SKIP));
        assertThat(run.userWritesPlanned()).isEqualTo(3);

        run.userWritten(RunCounter.CREATED);
        run.userFailed(user("b", Action.CREATE), "InvalidParameterException", "bad email");
        assertThat(run.userWritesDone()).isEqualTo(2);
        run.userWritten(RunCounter.UPDATED);
        // A group that failed is a failure, not a user written.
        run.failed("staff", "staff", "CREATE_GROUP", "InvalidParameterException", "bad role");

        assertThat(run.userWritesDone()).isEqualTo(3);
        assertThat(run.counters().get(RunCounter.FAILED)).isEqualTo(2);
        assertThat(run.failedByAction()).containsExactly(Map.entry("CREATE", 1L), Map.entry("CREATE_GROUP", 1L));
    }

    @Test
    void failuresArePagedInTheOrderTheyHappened() {
        SyncRun run = new SyncRun(SyncRun.Trigger.API, false, Clock.systemUTC());
        for (int i = 0; i < 5; i++) {
            run.failed("user-" + i, "source-" + i, "UPDATE", "UserNotFoundException", "gone");
        }
        assertThat(run.keptFailures()).isEqualTo(5);
        assertThat(run.failures(0, 2)).extracting(SyncRun.Failure::username).containsExactly("user-0", "user-1");
        assertThat(run.failures(4, 6)).extracting(SyncRun.Failure::username).containsExactly("user-4");
        assertThat(run.failures(6, 8)).isEmpty();
    }

    @Test
    void anInterruptedRunIsFinishedWithItsReasonAndCounts() {
        SyncRun run = new SyncRun(SyncRun.Trigger.SCHEDULE, false, Clock.systemUTC());
        run.phaseStarted(SyncRun.Phase.SCANNING_TARGET);
        run.phaseStarted(SyncRun.Phase.SCANNING_SOURCE);
        run.userWritten(RunCounter.CREATED);
        assertThat(run.stopRequested()).isFalse();
        run.requestStop();

        run.interrupt(SyncService.STOPPED_BY_SHUTDOWN);

        assertThat(run.finished()).isTrue();
        assertThat(run.phase()).isEqualTo(SyncRun.Phase.INTERRUPTED);
        SyncRun.Summary summary = run.summary();
        assertThat(summary.error()).isEqualTo(SyncService.STOPPED_BY_SHUTDOWN);
        assertThat(summary.counters().get(RunCounter.CREATED)).isEqualTo(1);
        assertThat(summary.durationSeconds()).isNotNull().isNotNegative();
        assertThat(run.phaseStartedAt(SyncRun.Phase.SCANNING_SOURCE)).isPresent();
        assertThat(run.phaseStartedAt(SyncRun.Phase.APPLYING)).isEmpty();
    }

    @Test
    void exitAfterRunStatusesSayHowTheRunWent() {
        SyncRun done = new SyncRun(SyncRun.Trigger.STARTUP, false, Clock.systemUTC());
        done.finish();
        SyncRun doneWithFailures = new SyncRun(SyncRun.Trigger.STARTUP, false, Clock.systemUTC());
        doneWithFailures.failed("x", "x", "CREATE", "InvalidParameterException", "bad");
        doneWithFailures.finish();
        SyncRun doneWithConflicts = new SyncRun(SyncRun.Trigger.STARTUP, false, Clock.systemUTC());
        doneWithConflicts.userPlanned(user("admin", Action.CONFLICT));
        doneWithConflicts.finish();
        SyncRun failed = new SyncRun(SyncRun.Trigger.STARTUP, false, Clock.systemUTC());
        failed.fail("target unreachable");
        SyncRun interrupted = new SyncRun(SyncRun.Trigger.STARTUP, false, Clock.systemUTC());
        interrupted.interrupt(SyncService.STOPPED_BY_SHUTDOWN);

        assertThat(ScheduledSync.exitStatus(done)).isZero();
        assertThat(ScheduledSync.exitStatus(doneWithFailures)).isEqualTo(2);
        assertThat(doneWithConflicts.counters().get(RunCounter.CONFLICTS)).isEqualTo(1);
        assertThat(ScheduledSync.exitStatus(doneWithConflicts)).as("conflicts need the operator too").isEqualTo(2);
        assertThat(ScheduledSync.exitStatus(failed)).isEqualTo(1);
        assertThat(ScheduledSync.exitStatus(interrupted)).isEqualTo(1);
    }

    @Test
    void logfmtQuotesOnlyWhatNeedsIt() {
        assertThat(RunSummaryLine.logfmt("DONE")).isEqualTo("DONE");
        assertThat(RunSummaryLine.logfmt(12.5)).isEqualTo("12.5");
        assertThat(RunSummaryLine.logfmt("2 planned removals")).isEqualTo("\"2 planned removals\"");
        assertThat(RunSummaryLine.logfmt("say \"no\"\nnow")).isEqualTo("\"say \\\"no\\\"\\nnow\"");
        assertThat(RunSummaryLine.logfmt("")).isEqualTo("\"\"");
    }

    private static PlannedUser user(String name, Action action) {
        DesiredUser desired = new DesiredUser(name, "sub-" + name, "CONFIRMED", true, Map.of(), Set.of());
        return new PlannedUser(action, name, desired, Map.of(), EnabledChange.NONE, Set.of(), Set.of(), false,
                action == Action.SKIP || action == Action.CONFLICT ? "UNCONFIRMED" : "");
    }

    @Test
    void aRunsTimesComeFromItsClock() {
        Instant t0 = Instant.parse("2026-03-01T10:00:00Z");
        ManualClock clock = new ManualClock(t0);
        SyncRun run = new SyncRun(SyncRun.Trigger.SCHEDULE, false, clock);
        clock.advance(Duration.ofSeconds(1));
        run.phaseStarted(SyncRun.Phase.SCANNING_TARGET);
        clock.advance(Duration.ofMillis(89_500));
        run.finish();

        assertThat(run.startedAt()).isEqualTo(t0);
        assertThat(run.phaseStartedAt(SyncRun.Phase.SCANNING_TARGET)).contains(t0.plusSeconds(1));
        assertThat(run.finishedAt()).contains(t0.plusMillis(90_500));
        assertThat(run.summary().durationSeconds()).isEqualTo(90.5);
    }
}
