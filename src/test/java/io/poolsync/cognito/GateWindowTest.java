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
 * calls reaching Cognito than the limit. Two ways to break it, both seen on a busy machine (RateCeilingTest once
 * counted 11 calls in a second at a limit of 10):
 * <ul>
 * <li>a caller held up on its way into the gate (it lost the CPU, or waited for the gate's lock while others went
 * through): when the gate took the time the caller had read before, a lone call held up 60 ms was stamped 60 ms early,
 * and the tenth call after it left 1.03 s after the stamp, 0.97 s after the call;</li>
 * <li>a call that loses the CPU after the gate let it go, and reaches Cognito 150 ms later than the calls around it:
 * the 3% the gate keeps below the limit covers 30 ms.</li>
 * </ul>
 */
class GateWindowTest {

    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000 * MS;

    /**
     * @param callers     threads going through the gate
     * @param maxHeldUp   how long a caller may be held up on its way into the gate (one entry in four is)
     * @param maxWakeLate how late a waiting caller may wake
     * @param maxLate     how much later than usual (1-5 ms) a call may reach Cognito after leaving (one in four does)
     * @param maxThink    how long a caller may pause between calls; 0: it always has a call to make
     * @param limit       the category's limit, calls a second
     */
    record Pattern(String name, double limit, int callers, long maxHeldUp, long maxWakeLate, long maxLate,
            long maxThink) {
        @Override
        public String toString() {
            return name + " at " + limit + "/s";
        }
    }

    static List<Pattern> patterns() {
        List<Pattern> patterns = new ArrayList<>();
        for (double limit : new double[] {1, 5, 10, 12.5, 25, 30, 50}) {
            patterns.add(new Pattern("a herd, always ready", limit, 16, 0, 0, 0, 0));
            patterns.add(new Pattern("waking up to 100 ms late", limit, 16, 0, 100 * MS, 0, 0));
            patterns.add(new Pattern("held up on the way in, always ready", limit, 16, 60 * MS, 8 * MS, 0, 0));
            patterns.add(new Pattern("held up on the way in, coming and going", limit, 4, 60 * MS, 8 * MS, 0,
                    2 * SECOND));
            if (limit <= 10) { // faster, one caller never waits for the gate
                patterns.add(new Pattern("one caller, held up, pausing", limit, 1, 60 * MS, 8 * MS, 0, 50 * MS));
            }
            patterns.add(new Pattern("late on the way to Cognito, always ready", limit, 16, 0, 8 * MS, 150 * MS, 0));
            patterns.add(new Pattern("late on the way to Cognito, coming and going", limit, 4, 20 * MS, 8 * MS,
                    150 * MS, SECOND));
            patterns.add(new Pattern("bursts after idle gaps, late on the way", limit, 16, 20 * MS, 30 * MS, 150 * MS,
                    5 * SECOND));
        }
        return patterns;
    }

    /** {@code departed}: when an answered call left the gate, for its round trip. */
    private record Event(long at, boolean answer, long sequence, long departed) implements Comparable<Event> {
        @Override
        public int compareTo(Event other) {
            return at != other.at ? Long.compare(at, other.at) : Long.compare(sequence, other.sequence);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("patterns")
    void no_second_holds_more_calls_reaching_cognito_than_the_limit(Pattern pattern) {
        for (long seed = 1; seed <= 5; seed++) {
            List<Long> arrivals = new ArrayList<>();
            long waits = run(pattern, seed, arrivals);
            assertThat(busiest(arrivals)).as("%s, seed %d: most calls reaching Cognito in any second", pattern, seed)
                    .isLessThanOrEqualTo((int) Math.floor(pattern.limit()));
            // Not vacuous: the gate held callers back.
            assertThat(waits).as("%s, seed %d: callers told to wait", pattern, seed).isPositive();
        }
    }

    /**
     * Two minutes of the pattern: adds when the calls reached Cognito, answers how often a caller was told to wait.
     * A call's answer comes 20 to 80 ms after it reached Cognito.
     */
    private static long run(Pattern pattern, long seed, List<Long> arrivals) {
        SplittableRandom random = new SplittableRandom(seed);
        long[] clock = {0};
        QuotaLimiter.Gate gate = new QuotaLimiter.Gate(pattern.limit(), () -> clock[0]);
        PriorityQueue<Event> events = new PriorityQueue<>();
        long sequence = 0;
        for (int caller = 0; caller < pattern.callers(); caller++) {
            events.add(new Event(0, false, sequence++, 0));
        }
        long waits = 0;
        while (!events.isEmpty() && events.peek().at() < 120 * SECOND) {
            Event event = events.poll();
            clock[0] = event.at();
            long next;
            if (event.answer()) {
                gate.completed(clock[0] - event.departed());
                next = clock[0] + upTo(random, pattern.maxThink());
            } else {
                long wait = gate.reserve();
                if (wait <= 0) {
                    long arrives = clock[0] + random.nextLong(1 * MS, 5 * MS)
                            + (random.nextInt(4) == 0 ? upTo(random, pattern.maxLate()) : 0);
                    arrivals.add(arrives);
                    events.add(new Event(arrives + random.nextLong(20 * MS, 80 * MS), true, sequence++, clock[0]));
                    continue;
                }
                waits++;
                next = clock[0] + wait + upTo(random, pattern.maxWakeLate());
            }
            long heldUp = random.nextInt(4) == 0 ? upTo(random, pattern.maxHeldUp()) : 0;
            events.add(new Event(next + heldUp, false, sequence++, 0));
        }
        return waits;
    }

    /** The most arrivals within any sliding second, as Cognito counts them. */
    private static int busiest(List<Long> arrivals) {
        arrivals.sort(null);
        int most = 0;
        for (int first = 0, last = 0; last < arrivals.size(); last++) {
            while (arrivals.get(last) - arrivals.get(first) >= SECOND) {
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
