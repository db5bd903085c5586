package io.poolsync.cognito;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;
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

    void recordThrottle(QuotaCategory category) {
        throttled.get(category).increment();
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

    private static final class Gate {
        private static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(1);

        private final double rate;
        private final int perWindow;
        private final long spacingNanos;
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

        void acquire() throws InterruptedException {
            long start;
            synchronized (this) {
                long now = System.nanoTime();
                start = Math.max(now, nextStart);
                if (recent.size() == perWindow) {
                    start = Math.max(start, recent.removeFirst() + WINDOW_NANOS);
                }
                recent.addLast(start);
                nextStart = start + spacingNanos;
            }
            // Each caller has its own reserved start time; waiting happens outside the lock.
            long wait;
            while ((wait = start - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
        }
    }
}
