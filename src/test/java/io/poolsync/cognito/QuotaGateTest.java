package io.poolsync.cognito;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gate against a model of Cognito's quota, on a simulated clock: deterministic, and minutes of traffic in
 * milliseconds. Cognito is modelled as the fake models it: at most {@code limit} calls accepted in any sliding second,
 * counted on arrival; a waiting caller wakes up to 8 ms late, and now and then up to 100 ms; calls arrive 1 to 20 ms
 * after they leave the gate, unevenly, and their answers take 20 to 80 ms more to come back. The neighbour is the
 * benchmark's: one call at a time, each due every {@code 1 / rate} seconds, through the same uneven way to Cognito
 * (an evenly spaced neighbour hides most of its throttles: a gate that stepped 10% at every throttle and climbed back
 * linearly throttled it on 0.05% of its calls there, on 4% here and on 4.8% in the benchmark). On a loaded machine
 * (the benchmark's, at a load of 20 or more on 2 cores) one call in 20 arrives 20 to 150 ms late instead, and the
 * neighbour stalls 100 to 400 ms now and then and catches up in a burst.
 */
class QuotaGateTest {

    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000 * MS;

    /** Cognito's side: a sliding one-second window of accepted arrivals. */
    private static final class Quota {
        final int limit;
        final Deque<Long> accepted = new ArrayDeque<>();

        Quota(int limit) {
            this.limit = limit;
        }

        boolean admit(long now) {
            while (!accepted.isEmpty() && now - accepted.peekFirst() >= SECOND) {
                accepted.removeFirst();
            }
            if (accepted.size() >= limit) {
                return false;
            }
            accepted.addLast(now);
            return true;
        }
    }

    /** {@code departed}: when a call of poolsync's left the gate, carried to its answer for the round trip. */
    private record Event(long at, int kind, long sequence, long departed) implements Comparable<Event> {
        Event(long at, int kind, long sequence) {
            this(at, kind, sequence, 0);
        }

        static final int POOLSYNC_TRY = 0;
        static final int POOLSYNC_ARRIVES = 1;
        static final int THROTTLE_ANSWER = 2;
        static final int NEIGHBOUR_ARRIVES = 3;
        static final int ANSWER = 4;

        @Override
        public int compareTo(Event other) {
            return at != other.at ? Long.compare(at, other.at) : Long.compare(sequence, other.sequence);
        }
    }

    private record Outcome(long poolsyncAccepted, long poolsyncThrottled, long neighbourCalls, long neighbourThrottled,
            double seconds) {
        double poolsyncRate() {
            return poolsyncAccepted / seconds;
        }
    }

    /**
     * {@code workers} callers that always have a call to make go through one gate; a neighbour sends
     * {@code neighbourRps} calls a second, one at a time, with no gate and no retries.
     */
    private static Outcome simulate(int limit, double neighbourRps, int workers, long durationNanos, long seed) {
        return simulate(limit, neighbourRps, workers, durationNanos, seed, false);
    }

    private static Outcome simulate(int limit, double neighbourRps, int workers, long durationNanos, long seed,
            boolean loaded) {
        SplittableRandom random = new SplittableRandom(seed);
        long[] clock = {0};
        QuotaLimiter.Gate gate = new QuotaLimiter.Gate(limit, () -> clock[0]);
        Quota quota = new Quota(limit);
        PriorityQueue<Event> events = new PriorityQueue<>();
        long[] sequence = {0};
        for (int worker = 0; worker < workers; worker++) {
            events.add(new Event(0, Event.POOLSYNC_TRY, sequence[0]++));
        }
        if (neighbourRps > 0) {
            long free = 0;
            for (long at = 0; at < durationNanos; at += (long) (SECOND / neighbourRps)) {
                // One call at a time: a call due while the last is still out waits for its answer.
                long start = Math.max(at, free) + (loaded && random.nextInt(20) == 0
                        ? random.nextLong(100 * MS, 400 * MS) : random.nextLong(0, 5 * MS));
                long arrives = start + travel(random, loaded);
                free = arrives + answer(random);
                events.add(new Event(arrives, Event.NEIGHBOUR_ARRIVES, sequence[0]++));
            }
        }
        long accepted = 0;
        long throttled = 0;
        long neighbourCalls = 0;
        long neighbourThrottled = 0;
        while (!events.isEmpty()) {
            Event event = events.poll();
            if (event.at() >= durationNanos) {
                break;
            }
            long now = event.at();
            clock[0] = now;
            switch (event.kind()) {
                case Event.POOLSYNC_TRY -> {
                    long wait = gate.reserve();
                    if (wait > 0) {
                        events.add(new Event(now + wait + wakeUp(random), Event.POOLSYNC_TRY, sequence[0]++));
                    } else {
                        events.add(new Event(now + travel(random, loaded), Event.POOLSYNC_ARRIVES, sequence[0]++,
                                now));
                    }
                }
                case Event.POOLSYNC_ARRIVES -> {
                    long answered = now + answer(random);
                    if (quota.admit(now)) {
                        accepted++;
                        events.add(new Event(answered, Event.ANSWER, sequence[0]++, event.departed()));
                    } else {
                        throttled++;
                        events.add(new Event(answered, Event.THROTTLE_ANSWER, sequence[0]++, event.departed()));
                    }
                }
                case Event.ANSWER -> {
                    gate.completed(now - event.departed());
                    events.add(new Event(now, Event.POOLSYNC_TRY, sequence[0]++));
                }
                case Event.THROTTLE_ANSWER -> {
                    gate.completed(now - event.departed());
                    gate.throttled();
                    events.add(new Event(now, Event.POOLSYNC_TRY, sequence[0]++));
                }
                case Event.NEIGHBOUR_ARRIVES -> {
                    neighbourCalls++;
                    if (!quota.admit(now)) {
                        neighbourThrottled++;
                    }
                }
                default -> throw new IllegalStateException();
            }
        }
        return new Outcome(accepted, throttled, neighbourCalls, neighbourThrottled, durationNanos / (double) SECOND);
    }

    /** How late a parked caller wakes: a busy machine's scheduler, a GC pause now and then. */
    private static long wakeUp(SplittableRandom random) {
        return random.nextInt(50) == 0 ? random.nextLong(20 * MS, 100 * MS) : random.nextLong(0, 8 * MS);
    }

    /** From the gate to Cognito: the socket, a thread that loses the CPU, the network. */
    private static long travel(SplittableRandom random, boolean loaded) {
        return loaded && random.nextInt(20) == 0 ? random.nextLong(20 * MS, 150 * MS) : random.nextLong(1 * MS, 20 * MS);
    }

    /** Cognito's own time and the way back. */
    private static long answer(SplittableRandom random) {
        return random.nextLong(20 * MS, 80 * MS);
    }

    @Test
    void alone_it_runs_at_the_limit_less_what_the_way_back_may_hide_and_is_never_throttled() {
        for (int limit : new int[] {1, 5, 15, 20, 25, 30, 50, 120}) {
            Outcome outcome = simulate(limit, 0, 16, 600 * SECOND, limit);
            // A call holds its place until a second after its answer less half the shortest round trip: here the
            // round trip is 21 to 100 ms, 60 on average, so a place frees 1.05 s after it was taken, 95.2% of the
            // limit. Measured 94.5-95.3%; holding it a second after the answer gave 94.3%.
            assertThat(outcome.poolsyncRate()).as("rate at limit %d", limit).isGreaterThanOrEqualTo(0.944 * limit);
            assertThat(outcome.poolsyncThrottled()).as("throttled at limit %d", limit).isZero();
        }
    }

    @Test
    void beside_a_neighbour_using_40_percent_it_takes_80_percent_of_the_rest_and_throttles_the_neighbour_on_1_percent() {
        for (long seed = 1; seed <= 5; seed++) {
            Outcome outcome = simulate(25, 10, 16, 600 * SECOND, seed);
            // Measured 0.43-0.85% and 84-87%. Issue 11 asks 2% of the benchmark, which is rougher than this model
            // (3.5% there against 1.2-1.9% here before the half-minute yield).
            assertThat(outcome.neighbourThrottled()).as("neighbour's throttles, seed %d", seed)
                    .isLessThanOrEqualTo((long) (0.01 * outcome.neighbourCalls()));
            assertThat(outcome.poolsyncRate()).as("poolsync's rate, seed %d", seed).isGreaterThanOrEqualTo(0.8 * 15);
        }
    }

    @Test
    void beside_a_bursty_neighbour_on_a_loaded_machine_it_throttles_the_neighbour_on_at_most_2_percent() {
        for (long seed = 1; seed <= 3; seed++) {
            Outcome outcome = simulate(25, 10, 16, 600 * SECOND, seed, true);
            assertThat(outcome.neighbourThrottled()).as("neighbour's throttles, seed %d", seed)
                    .isLessThanOrEqualTo((long) (0.02 * outcome.neighbourCalls()));
            // Late arrivals bunch poolsync's own calls too, and each throttle they cause yields for half a minute:
            // it takes 61-63% of the rest here (72% with the earlier gate, which throttled the neighbour on 1.1-1.4%
            // where this one does 0.2-0.4%). Yielding too much is the safe side of a shared quota.
            assertThat(outcome.poolsyncRate()).as("poolsync's rate, seed %d", seed).isGreaterThanOrEqualTo(0.55 * 15);
        }
    }
}
