package io.poolsync.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.poolsync.progress.Progress.PhaseProgress;
import io.poolsync.progress.Progress.RunProgress;
import io.poolsync.progress.Progress.State;
import io.poolsync.sync.RunCounter;
import io.poolsync.sync.SyncRun.Counters;
import io.poolsync.sync.SyncRun.Phase;
import io.poolsync.sync.SyncRun.Trigger;

/** The ETA arithmetic and the progress log line, which people read during a long run. */
class ProgressLineTest {

    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void theEtaIsWhatRemainsAtTheCurrentRate() {
        PhaseProgress scan = new PhaseProgress(Phase.SCANNING_SOURCE, State.ACTIVE, 1_000, 50_000L, false, 400.0, NOW, null);
        var eta = ProgressTracker.eta(scan, NOW).orElseThrow();
        assertThat(eta.seconds()).isCloseTo(122.5, within(0.001));
        assertThat(eta.at()).isEqualTo(NOW.plusMillis(122_500));
        assertThat(eta.phase()).isEqualTo(Phase.SCANNING_SOURCE);
    }

    @Test
    void noEtaWithoutATotalOrARate() {
        assertThat(ProgressTracker.eta(new PhaseProgress(Phase.SCANNING_SOURCE, State.ACTIVE, 10, null, false, 4.0, NOW,
                null), NOW)).isEmpty();
        assertThat(ProgressTracker.eta(new PhaseProgress(Phase.APPLYING, State.ACTIVE, 10, 100L, false, 0.0, NOW, null),
                NOW)).isEmpty();
        assertThat(ProgressTracker.eta(new PhaseProgress(Phase.APPLYING, State.DONE, 100, 100L, true, 5.0, NOW, NOW), NOW))
                .isEmpty();
    }

    @Test
    void theLineSaysCountsRatesAndEta() {
        List<PhaseProgress> phases = List.of(
                new PhaseProgress(Phase.SCANNING_TARGET, State.DONE, 5_000, 5_000L, true, 410.24, NOW, NOW),
                new PhaseProgress(Phase.SCANNING_SOURCE, State.ACTIVE, 1_200, 50_000L, false, 38.0, NOW, null),
                new PhaseProgress(Phase.APPLYING, State.ACTIVE, 900, 1_150L, false, null, NOW, null));
        Counters counters = new Counters(java.util.Map.of(RunCounter.TARGET_SCANNED, 5_000L, RunCounter.SOURCE_SCANNED,
                1_200L, RunCounter.PLANNED_WRITES, 1_150L, RunCounter.CREATED, 880L, RunCounter.UPDATED, 15L,
                RunCounter.UNCHANGED, 50L, RunCounter.FAILED, 5L));
        RunProgress run = new RunProgress("run-1", Trigger.API, false, Phase.SCANNING_SOURCE, NOW, 130.2, phases,
                new Progress.Eta(Phase.SCANNING_SOURCE, 1283.9, NOW), null, counters, java.util.Map.of(), false);

        assertThat(ProgressTracker.progressLine(run)).isEqualTo("run run-1 SCANNING_SOURCE, 2m10s elapsed: "
                + "target scanned 5000/5000 at 410.2/s; source scanned 1200/~50000 at 38.0/s; users written 900/~1150 at ?/s; "
                + "failed 5; ETA 21m24s");
    }

    @Test
    void durationsReadAsPeopleWriteThem() {
        assertThat(ProgressTracker.duration(42)).isEqualTo("42s");
        assertThat(ProgressTracker.duration(61)).isEqualTo("1m01s");
        assertThat(ProgressTracker.duration(3 * 3600 + 7)).isEqualTo("3h00m07s");
    }
}
