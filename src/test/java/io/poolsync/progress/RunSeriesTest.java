package io.poolsync.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.poolsync.progress.Progress.SeriesPoint;
import io.poolsync.progress.RunSeries.QuotaCount;
import io.poolsync.progress.RunSeries.Sample;
import io.poolsync.sync.SyncRun.Phase;

class RunSeriesTest {

    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    static final Duration TICK = Duration.ofSeconds(1);

    /** At second s: 10 users written a second, 12 creations a second of which 2 throttled; no list calls. */
    static Sample at(int second) {
        return new Sample(START.plusSeconds(second), Phase.APPLYING, 10L * second, 0, 100.0 - second, List.of(
                new QuotaCount("target", "user-creation", 45, 12L * second, 2L * second),
                new QuotaCount("target", "user-list", 25, 7, 0)));
    }

    @Test
    void ratesAreOverTheTimeSinceThePointBefore() {
        RunSeries series = new RunSeries("run", false, START, 10, TICK);
        for (int second = 0; second <= 3; second++) {
            series.offer(at(second));
        }
        Progress.Series answer = series.toSeries();

        assertThat(answer.running()).isTrue();
        assertThat(answer.points()).hasSize(4);
        SeriesPoint first = answer.points().get(0);
        assertThat(first.usersWrittenPerSecond()).as("no rate before a second point").isNull();
        assertThat(first.quotas()).singleElement().satisfies(quota -> assertThat(quota.callsPerSecond()).isNull());
        SeriesPoint last = answer.points().get(3);
        assertThat(last.elapsedSeconds()).isEqualTo(3.0);
        assertThat(last.usersWrittenPerSecond()).isCloseTo(10.0, within(1e-9));
        assertThat(last.etaSeconds()).isEqualTo(97.0);
        assertThat(last.quotas()).as("only the categories the run used").singleElement().satisfies(quota -> {
            assertThat(quota.category()).isEqualTo("user-creation");
            assertThat(quota.limitPerSecond()).isEqualTo(45.0);
            assertThat(quota.callsPerSecond()).isCloseTo(12.0, within(1e-9));
            assertThat(quota.throttledPerSecond()).isCloseTo(2.0, within(1e-9));
        });
    }

    @Test
    void aFullSeriesHalvesItsPointsAndStillSpansTheWholeRunWithTheSameRates() {
        RunSeries series = new RunSeries("run", false, START, 10, TICK);
        for (int second = 0; second <= 100; second++) {
            series.offer(at(second));
        }
        Progress.Series answer = series.toSeries();

        assertThat(answer.points()).hasSizeBetween(6, 10);
        assertThat(answer.points().get(0).at()).isEqualTo(START);
        assertThat(answer.points().get(answer.points().size() - 1).elapsedSeconds()).isGreaterThan(80);
        assertThat(answer.sampleEverySeconds()).isGreaterThan(8);
        assertThat(answer.points().subList(1, answer.points().size()))
                .as("dropped points lose no writes: the rates over the longer steps are the same")
                .allSatisfy(point -> assertThat(point.usersWrittenPerSecond()).isCloseTo(10.0, within(1e-9)));
    }

    @Test
    void theLastSampleReplacesARegularOneTakenAMomentBefore() {
        RunSeries series = new RunSeries("run", false, START, 10, TICK);
        for (int second = 0; second <= 3; second++) {
            series.offer(at(second));
        }
        Sample end = new Sample(START.plusMillis(3100), Phase.DONE, 31, 0, null, at(3).quotas());
        series.finish(end);
        Progress.Series answer = series.toSeries();

        assertThat(answer.points()).hasSize(4);
        SeriesPoint last = answer.points().get(3);
        assertThat(last.phase()).isEqualTo(Phase.DONE);
        assertThat(last.usersWrittenPerSecond()).as("over the 1.1 s since the point before, not the last 0.1 s")
                .isCloseTo(11 / 1.1, within(1e-9));
    }

    @Test
    void theLastSampleIsKeptAndEndsTheSeries() {
        RunSeries series = new RunSeries("run", false, START, 4, TICK);
        for (int second = 0; second <= 5; second++) {
            series.offer(at(second));
        }
        series.finish(at(7));
        series.offer(at(8));
        Progress.Series answer = series.toSeries();

        assertThat(answer.running()).isFalse();
        assertThat(answer.points()).hasSizeLessThanOrEqualTo(4);
        assertThat(answer.points().get(answer.points().size() - 1).elapsedSeconds()).isEqualTo(7.0);
    }
}
