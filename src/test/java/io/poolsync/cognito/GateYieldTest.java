package io.poolsync.cognito;

import java.util.List;
import java.util.stream.IntStream;

import org.assertj.core.data.Offset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a gate yields after Cognito's throttles and comes back, on an injected clock. Limit 25: 25 places, a ceiling of
 * 97% (24.25 calls a second). Before each throttle, poolsync's own calls of the second before it go through the gate
 * and are answered; then Cognito throttles, and the gate's rate is read at one time after, as a share of its ceiling.
 */
class GateYieldTest {

    private static final long SECOND = 1_000_000_000L;
    private static final double CEILING = 0.97 * 25;

    /** Cognito throttles at {@code at} seconds, after {@code own} of poolsync's calls in the second before. */
    record Throttle(double at, int own) {
    }

    record Row(String what, List<Throttle> throttles, double askedAt, double share) {
        @Override
        public String toString() {
            return what;
        }
    }

    static List<Row> rows() {
        double yielded = 0.85 * 15 / CEILING; // a neighbour takes 10 of the 25
        return List.of(
                new Row("untouched, at the ceiling", List.of(), 10, 1),
                new Row("its own calls filled the second: a small step", List.of(new Throttle(1, 24)), 1.5, 0.95),
                new Row("held a second after the step", List.of(new Throttle(1, 24)), 1.99, 0.95),
                new Row("then back at 3% of the ceiling a second", List.of(new Throttle(1, 24)), 2.5, 0.965),
                new Row("back at the ceiling 1.67 s after the hold", List.of(new Throttle(1, 24)), 3.7, 1),
                new Row("throttles during the hold are one event",
                        List.of(new Throttle(1, 24), new Throttle(1.3, 0), new Throttle(1.9, 0)), 1.95, 0.95),
                new Row("someone else's calls in the second: yields to 85% of its own calls there",
                        List.of(new Throttle(1, 15)), 1.5, yielded),
                new Row("and stays there half a minute", List.of(new Throttle(1, 15)), 30.99, yielded),
                new Row("then probes slowly, faster as no throttle comes", List.of(new Throttle(1, 15)), 36,
                        yielded + 0.002 * (5 + 25 / 10.0)),
                new Row("back at the ceiling within 75 s of a knee at 60% once the other traffic is gone",
                        List.of(new Throttle(1, 15)), 76, 1),
                new Row("a throttle at a lower knee steps lower",
                        List.of(new Throttle(1, 15), new Throttle(2.5, 12)), 3.0, 0.85 * 12 / CEILING),
                new Row("never below a tenth of the ceiling", IntStream.rangeClosed(1, 20)
                        .mapToObj(second -> new Throttle(second, 1)).toList(), 20.5, 0.1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void rate_after_throttles(Row row) {
        long[] clock = {0};
        QuotaLimiter.Gate gate = new QuotaLimiter.Gate(25, () -> clock[0]);
        for (Throttle throttle : row.throttles()) {
            throttle(gate, clock, throttle);
        }
        clock[0] = (long) (row.askedAt() * SECOND);
        assertThat(gate.rate() / CEILING).isCloseTo(row.share(), Offset.offset(1e-6));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void the_rate_depends_on_the_time_not_on_how_often_it_is_asked(Row row) {
        long[] clock = {0};
        QuotaLimiter.Gate gate = new QuotaLimiter.Gate(25, () -> clock[0]);
        long askedAt = (long) (row.askedAt() * SECOND);
        int next = 0;
        for (long at = 0; at <= askedAt; at += SECOND / 100) {
            while (next < row.throttles().size() && row.throttles().get(next).at() * SECOND <= at) {
                throttle(gate, clock, row.throttles().get(next++));
            }
            clock[0] = at;
            gate.rate();
        }
        long[] alone = {0};
        QuotaLimiter.Gate asked = new QuotaLimiter.Gate(25, () -> alone[0]);
        for (Throttle throttle : row.throttles()) {
            throttle(asked, alone, throttle);
        }
        alone[0] = clock[0];
        assertThat(gate.rate()).isCloseTo(asked.rate(), Offset.offset(1e-9));
    }

    /** Poolsync's own calls of the second before the throttle, evenly spread and answered at once; then the throttle. */
    private static void throttle(QuotaLimiter.Gate gate, long[] clock, Throttle throttle) {
        long at = (long) (throttle.at() * SECOND);
        for (int call = 0; call < throttle.own(); call++) {
            clock[0] = at - SECOND + 1 + call * (SECOND / throttle.own());
            assertThat(gate.reserve()).as("the gate lets call %d of %s go", call, throttle).isZero();
            gate.completed(0);
        }
        clock[0] = at;
        gate.throttled();
    }
}
