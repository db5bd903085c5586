package io.poolsync.cognito;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * One rate gate per quota category, shared by every call in that category (including the SDK's retries) to the pools
 * that share this budget. A gate lets at most {@code floor(rate)} calls start in any one-second window, and spaces them
 * {@code 1/rate} apart so they don't arrive as one burst.
 */
public final class QuotaLimiter {

    private final Map<QuotaCategory, Gate> gates = new EnumMap<>(QuotaCategory.class);
    private final Map<QuotaCategory, LongAdder> calls = new EnumMap<>(QuotaCategory.class);
    private final Map<QuotaCategory, LongAdder> throttled = new EnumMap<>(QuotaCategory.class);
    private final Map<String, LongAdder> callsByOperation = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> throttledByOperation = new ConcurrentHashMap<>();

    public QuotaLimiter(Map<QuotaCategory, Double> rates) {
        for (QuotaCategory category : QuotaCategory.values()) {
            gates.put(category, new Gate(rates.getOrDefault(category, category.cognitoDefaultRps())));
            calls.put(category, new LongAdder());
            throttled.put(category, new LongAdder());
        }
    }

    /** Blocks until a call in this category may start. */
    public void acquire(QuotaCategory category) throws InterruptedException {
        gates.get(category).acquire();
        calls.get(category).increment();
    }

    /** Counts an attempt of this operation, for the per-operation metrics. */
    void recordCall(String operation) {
        callsByOperation.computeIfAbsent(operation, name -> new LongAdder()).increment();
    }

    void recordThrottle(QuotaCategory category, String operation) {
        throttled.get(category).increment();
        throttledByOperation.computeIfAbsent(operation, name -> new LongAdder()).increment();
    }

    public double rate(QuotaCategory category) {
        return gates.get(category).rate;
    }

    /** Calls started in this category since start-up, retries included. */
    public long calls(QuotaCategory category) {
        return calls.get(category).sum();
    }

    /** Calls Cognito answered with TooManyRequestsException. */
    public long throttledCalls(QuotaCategory category) {
        return throttled.get(category).sum();
    }

    /** Attempts per operation since start-up, retries included. */
    public Map<String, Long> callsByOperation() {
        return sums(callsByOperation);
    }

    /** Throttled attempts per operation since start-up. */
    public Map<String, Long> throttledByOperation() {
        return sums(throttledByOperation);
    }

    private static Map<String, Long> sums(Map<String, LongAdder> counters) {
        Map<String, Long> sums = new TreeMap<>();
        counters.forEach((operation, count) -> sums.put(operation, count.sum()));
        return sums;
    }

    private static final class Gate {
        /**
         * Cognito counts calls as they arrive, and they arrive unequally late: a thread can lose the CPU or meet a GC
         * pause between this gate and the socket. A window 50 ms longer than a second keeps a late call and one sent
         * a second after it, on time, from arriving in the same second. Costs about 5% of the rate.
         */
        private static final long WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(1_050);

        private final double rate;
        private final int perWindow;
        private final long spacingNanos;
        /** When the last {@code perWindow} calls actually left the gate. */
        private final Deque<Long> recent = new ArrayDeque<>();
        private long nextStart = System.nanoTime();

        Gate(double rate) {
            if (!(rate > 0)) {
                throw new IllegalArgumentException("a rate must be above 0, not " + rate);
            }
            this.rate = rate;
            this.perWindow = Math.max(1, (int) Math.floor(rate));
            this.spacingNanos = (long) (WINDOW_NANOS / rate);
        }

        /**
         * A call is stamped when it really leaves, not when it was due: a thread that wakes late (a GC pause, CPU
         * starvation) would otherwise go out together with the calls due after it, and Cognito, counting arrivals,
         * would see a burst above the rate. Waiting happens outside the lock; a woken caller checks again.
         */
        void acquire() throws InterruptedException {
            while (true) {
                long wait;
                synchronized (this) {
                    long now = System.nanoTime();
                    long earliest = nextStart;
                    if (recent.size() == perWindow) {
                        earliest = Math.max(earliest, recent.peekFirst() + WINDOW_NANOS);
                    }
                    wait = earliest - now;
                    if (wait <= 0) {
                        if (recent.size() == perWindow) {
                            recent.removeFirst();
                        }
                        recent.addLast(now);
                        nextStart = now + spacingNanos;
                        return;
                    }
                }
                LockSupport.parkNanos(wait);
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
        }
    }
}
