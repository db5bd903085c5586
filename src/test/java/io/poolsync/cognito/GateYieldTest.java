package io.poolsync.cognito;

import java.util.List;
import java.util.stream.IntStream;

import org.assertj.core.data.Offset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a gate yields after Cognito's throttles and comes back, on an injected clock: Cognito throttles at the given
 * times (seconds), and the gate's rate is read at one time after, as a share of its ceiling (97% of the limit).
 */
class GateYieldTest {

    private static final long SECOND = 1_000_000_000L;

    record Row(String what, List<Double> throttles, double askedAt, double share) {
        @Override
        public String toString() {
            return what;
        }
    }

    static List<Row> rows() {
        return List.of(
                new Row("untouched, at the ceiling", List.of(), 10, 1),
                new Row("throttled at the ceiling: a small step", List.of(0.0), 0.5, 0.95),
                new Row("held a second after the step", List.of(0.0), 0.99, 0.95),
                new Row("then back at 3% of the ceiling a second", List.of(0.0), 1.5, 0.965),
                new Row("back at the ceiling 1.67 s after the hold", List.of(0.0), 2.7, 1),
                new Row("throttles during the hold are one event", List.of(0.0, 0.3, 0.9), 0.95, 0.95),
                // At 1.5 s the rate is 0.965 of the ceiling: below it, so someone else spends the category.
                new Row("throttled below the ceiling: 85% of the knee", List.of(0.0, 1.5), 2.0, 0.85 * 0.965),
                new Row("then back to 90% of the knee", List.of(0.0, 1.5), 2.5 + (0.9 - 0.85) * 0.965 / 0.03, 0.9 * 0.965),
                new Row("then probing slowly, faster as no throttle comes", List.of(0.0, 1.5),
                        2.5 + (0.9 - 0.85) * 0.965 / 0.03 + 5, 0.9 * 0.965 + 0.002 * (5 + 25 / 10.0)),
                new Row("back at the ceiling within 30 s of a first knee once the other traffic is gone", List.of(0.0, 1.5), 32.5, 1),
                new Row("a knee found lower steps lower", List.of(0.0, 1.5, 2.5), 3.0, 0.85 * 0.85 * 0.965),
                new Row("never below a tenth of the ceiling", IntStream.rangeClosed(0, 20)
                        .mapToObj(second -> (double) second).toList(), 20.5, 0.1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void rate_after_throttles(Row row) {
        long[] clock = {0};
        QuotaLimiter.Gate gate = new QuotaLimiter.Gate(25, () -> clock[0]);
        for (double at : row.throttles()) {
            clock[0] = (long) (at * SECOND);
            gate.throttled();
        }
        clock[0] = (long) (row.askedAt() * SECOND);
        assertThat(gate.rate() / (0.97 * 25)).isCloseTo(row.share(), Offset.offset(1e-6));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void the_rate_depends_on_the_time_not_on_how_often_calls_ask(Row row) {
        long[] clock = {0};
        QuotaLimiter.Gate gate = new QuotaLimiter.Gate(25, () -> clock[0]);
        long askedAt = (long) (row.askedAt() * SECOND);
        for (long at = 0, throttle = 0; at <= askedAt; at += SECOND / 100) {
            clock[0] = at;
            while (throttle < row.throttles().size() && row.throttles().get((int) throttle) * SECOND <= at) {
                gate.throttled();
                throttle++;
            }
            gate.reserve();
        }
        long[] alone = {0};
        QuotaLimiter.Gate asked = new QuotaLimiter.Gate(25, () -> alone[0]);
        for (double at : row.throttles()) {
            alone[0] = (long) (at * SECOND);
            asked.throttled();
        }
        alone[0] = clock[0];
        assertThat(gate.rate()).isCloseTo(asked.rate(), Offset.offset(1e-9));
    }
}
