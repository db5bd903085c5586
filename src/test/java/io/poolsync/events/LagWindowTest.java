package io.poolsync.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LagWindowTest {

    @Test
    void quantilesByNearestRankOverTheLatestSamples() {
        LagWindow window = new LagWindow(100);
        assertThat(window.quantile(0.5)).isNull();
        for (int i = 1; i <= 100; i++) {
            window.add(i);
        }
        assertThat(window.quantile(0.5)).isEqualTo(50.0);
        assertThat(window.quantile(0.99)).isEqualTo(99.0);

        // The oldest samples make room: 1..50 are replaced by 1000s.
        for (int i = 0; i < 50; i++) {
            window.add(1000);
        }
        assertThat(window.quantile(0.5)).isEqualTo(100.0);
        assertThat(window.quantile(0.99)).isEqualTo(1000.0);
    }
}
