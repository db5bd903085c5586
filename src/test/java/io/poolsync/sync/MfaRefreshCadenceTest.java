package io.poolsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

/** How runs are numbered for the MFA refresh: the slice a run takes is its number mod poolsync.mfa.refresh-every. */
class MfaRefreshCadenceTest {

    @Test
    void runsCountOnFromTheDayPoolsyncStartedAndADryRunShowsTheNextRunsNumber() {
        MfaRefresh.Cadence cadence = new MfaRefresh.Cadence(Clock.fixed(Instant.parse("2026-12-01T18:00:00Z"),
                ZoneOffset.UTC));
        long today = 20_788; // 2026-12-01 in days since 1970

        SyncRun dry = new SyncRun(SyncRun.Trigger.API, true, Clock.systemUTC());
        SyncRun first = new SyncRun(SyncRun.Trigger.API, false, Clock.systemUTC());
        SyncRun second = new SyncRun(SyncRun.Trigger.SCHEDULE, false, Clock.systemUTC());

        assertThat(cadence.number(dry)).as("a dry run: the number the next run takes").hasValue(today);
        assertThat(cadence.number(first)).hasValue(today);
        assertThat(cadence.number(first)).as("the follow-up pass of the same run compares nobody again").isEmpty();
        assertThat(cadence.number(second)).hasValue(today + 1);
    }
}
