package io.poolsync.cognito;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gate's promise, on a simulated clock: whatever the pattern of callers, no sliding one-second window holds more
 * calls than the limit, and no window a little longer either, so calls that reach Cognito up to 30 ms later than
 * others still fit. A caller may be held up on its way into the gate (it lost the CPU, or waited for the gate's lock
 * while other callers went through): the gate must count the call when it really leaves. When it took the time the
 * caller had read before, a lone call held up 60 ms was stamped 60 ms early, and the tenth call after it left 1.03 s
 * after the stamp, 0.97 s after the call: 11 calls in one second at a limit of 10 (RateCeilingTest failed once so).
 */
class GateWindowTest {

    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000 * MS;
    /** How much later than the others a call may reach Cognito and still fit: the 3% below the limit. */
    private static final long ARRIVAL_SPREAD = 30 * MS;

    /**
     * @param callers       threads going through the gate
     * @param maxHeldUp     how long a caller may be held up on its way into the gate (one entry in four is)
     * @param maxWakeLate   how late a waiting caller may wake
     * @param maxThink      how long a caller may pause between calls; 0: it always has a call to make
     * @param limit         the category's limit, calls a second
     */
    record Pattern(String name, double limit, int callers, long maxHeldUp, long maxWakeLate, long maxThink) {
        @Override
        public String toString() {
            return name + " at " + limit + "/s";
        }
    }

    static List<Pattern> patterns() {
        List<Pattern> patterns = new ArrayList<>();
        for (double limit : new double[] {1, 5, 10, 12.5, 25, 30, 50}) {
            patterns.add(new Pattern("a herd, always ready", limit, 16, 0, 0, 0));
            patterns.add(new Pattern("waking up to 100 ms late", limit, 16, 0, 100 * MS, 0));
            patterns.add(new Pattern("held up on the way in, always ready", limit, 16, 60 * MS, 8 * MS, 0));
            patterns.add(new Pattern("held up on the way in, coming and going", limit, 4, 60 * MS, 8 * MS, 2 * SECOND));
            patterns.add(new Pattern("one caller, held up, pausing", limit, 1, 60 * MS, 8 * MS, 50 * MS));
            patterns.add(new Pattern("bursts after idle gaps", limit, 16, 20 * MS, 30 * MS, 5 * SECOND));
        }
        return patterns;
    }

    private record Entry(long at, long sequence) implements Comparable<Entry> {
        @Override
        public int compareTo(Entry other) {
            return at != other.at ? Long.compare(at, other.at) : Long.compare(sequence, other.sequence);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("patterns")
    void no_window_holds_more_calls_than_the_limit(Pattern pattern) {
        for (long seed = 1; seed <= 5; seed++) {
            List<Long> departures = new ArrayList<>();
            long waits = run(pattern, seed, departures);
            int limit = (int) Math.floor(pattern.limit());
            assertThat(busiest(departures, SECOND + ARRIVAL_SPREAD))
                    .as("%s, seed %d: most calls in any %d ms", pattern, seed, (SECOND + ARRIVAL_SPREAD) / MS)
                    .isLessThanOrEqualTo(limit);
            // Not vacuous: the gate held callers back.
            assertThat(waits).as("%s, seed %d: callers told to wait", pattern, seed).isPositive();
        }
    }

    /** Two minutes of the pattern: adds when the calls left the gate, answers how often a caller was told to wait. */
    private static long run(Pattern pattern, long seed, List<Long> departures) {
        SplittableRandom random = new SplittableRandom(seed);
        long[] clock = {0};
        QuotaLimiter.Gate gate = new QuotaLimiter.Gate(pattern.limit(), () -> clock[0]);
        PriorityQueue<Entry> entries = new PriorityQueue<>();
        long sequence = 0;
        for (int caller = 0; caller < pattern.callers(); caller++) {
            entries.add(new Entry(0, sequence++));
        }
        long waits = 0;
        while (!entries.isEmpty() && entries.peek().at() < 120 * SECOND) {
            clock[0] = entries.poll().at();
            long wait = gate.reserve();
            long next;
            if (wait > 0) {
                waits++;
                next = clock[0] + wait + upTo(random, pattern.maxWakeLate());
            } else {
                departures.add(clock[0]);
                next = clock[0] + 5 * MS + upTo(random, pattern.maxThink());
            }
            long heldUp = random.nextInt(4) == 0 ? upTo(random, pattern.maxHeldUp()) : 0;
            entries.add(new Entry(next + heldUp, sequence++));
        }
        return waits;
    }

    /** The most departures within any window of {@code window} nanoseconds. */
    private static int busiest(List<Long> departures, long window) {
        int most = 0;
        for (int first = 0, last = 0; last < departures.size(); last++) {
            while (departures.get(last) - departures.get(first) >= window) {
                first++;
            }
            most = Math.max(most, last - first + 1);
        }
        return most;
    }

    private static long upTo(SplittableRandom random, long max) {
        return max == 0 ? 0 : random.nextLong(max);
    }
}
