package io.poolsync.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class RateWindowTest {

    static final long SECOND = 1_000_000_000L;

    @Test
    void noRateUntilTwoSamples() {
        RateWindow window = new RateWindow(Duration.ofSeconds(10));
        assertThat(window.perSecond()).isEmpty();
        window.record(0, 100);
        assertThat(window.perSecond()).isEmpty();
        window.record(0, 120);
        assertThat(window.perSecond()).as("no time between them").isEmpty();
    }

    @Test
    void theRateCoversOnlyTheRecentSpan() {
        RateWindow window = new RateWindow(Duration.ofSeconds(10));
        // 100/s for 20 s, then 10/s for 10 s: the window sees only the slow part.
        long count = 0;
        for (int second = 0; second <= 20; second++) {
            window.record(second * SECOND, count);
            count += 100;
        }
        count -= 100;
        for (int second = 21; second <= 30; second++) {
            count += 10;
            window.record(second * SECOND, count);
        }
        assertThat(window.perSecond()).hasValueCloseTo(10.0, within(0.01));
    }

    @Test
    void aWindowLongerThanTheSamplesAveragesThemAll() {
        RateWindow window = new RateWindow(Duration.ofSeconds(60));
        window.record(0, 0);
        window.record(2 * SECOND, 10);
        window.record(4 * SECOND, 40);
        assertThat(window.perSecond()).hasValueCloseTo(10.0, within(0.001));
    }
}
