package io.poolsync.fake;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the fake saw: calls, throttled answers, injected faults and dropped connections per operation, and per quota
 * category the calls it accepted, both per calendar second and as the maximum over any sliding one-second window.
 * Statistics are recorded whether or not throttling is on, so a test can also check a client's own rate limiting.
 */
public final class FakeStats {

    private static final long WINDOW_NANOS = 1_000_000_000L;

    private final ConcurrentHashMap<String, LongAdder> calls = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, LongAdder> throttled = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, LongAdder> faults = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, LongAdder> drops = new ConcurrentHashMap<>();
    private final LongAdder invitesSent = new LongAdder();
    private final ConcurrentHashMap<String, LongAdder> userReads = new ConcurrentHashMap<>();
    private final EnumMap<QuotaCategory, Window> windows = new EnumMap<>(QuotaCategory.class);
    private final long baseNanos = System.nanoTime();
    private final long baseMillis = System.currentTimeMillis();

    FakeStats() {
        for (QuotaCategory category : QuotaCategory.values()) {
            windows.put(category, new Window());
        }
    }

    void recordCall(String operation) {
        counter(calls, operation).increment();
    }

    void recordThrottled(String operation) {
        counter(throttled, operation).increment();
    }

    void recordFault(String operation) {
        counter(faults, operation).increment();
    }

    void recordDrop(String operation) {
        counter(drops, operation).increment();
    }

    void recordUserRead(String poolId, String username) {
        counter(userReads, poolId + "/" + username).increment();
    }

    void recordInvite() {
        invitesSent.increment();
    }

    void recordAccepted(QuotaCategory category, long nowNanos) {
        long epochSecond = Math.floorDiv(baseMillis + (nowNanos - baseNanos) / 1_000_000L, 1000L);
        windows.get(category).record(nowNanos, epochSecond);
    }

    /** Requests received for {@code operation} (accepted, throttled or faulted). */
    public long calls(String operation) {
        return read(calls, operation);
    }

    public long calls() {
        return sum(calls);
    }

    /** AdminGetUser calls that found this user (by its Username, whatever name the call gave). */
    public long userReads(String poolId, String username) {
        return read(userReads, poolId + "/" + username);
    }

    /** TooManyRequestsException answers for {@code operation}. */
    public long throttled(String operation) {
        return read(throttled, operation);
    }

    public long throttled() {
        return sum(throttled);
    }

    public long throttled(QuotaCategory category) {
        return category.operations().stream().mapToLong(this::throttled).sum();
    }

    /** Injected InternalErrorException (HTTP 500) answers. */
    public long faults() {
        return sum(faults);
    }

    public long faults(String operation) {
        return read(faults, operation);
    }

    /** Connections closed without an answer (before or after applying the call). */
    public long drops() {
        return sum(drops);
    }

    public long drops(String operation) {
        return read(drops, operation);
    }

    /** Welcome messages AdminCreateUser would have sent (every create without MessageAction=SUPPRESS). */
    public long invitesSent() {
        return invitesSent.sum();
    }

    /** Calls accepted by the category's quota (they may still have been faulted afterwards). */
    public long accepted(QuotaCategory category) {
        return windows.get(category).total();
    }

    /** The most calls of {@code category} accepted within any sliding one-second window. */
    public int maxAcceptedInAnyWindow(QuotaCategory category) {
        return windows.get(category).maxSliding();
    }

    /** The most calls of {@code category} accepted within one calendar second. */
    public int maxAcceptedPerSecond(QuotaCategory category) {
        return acceptedPerSecond(category).values().stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    /** Accepted calls of {@code category} per calendar second (epoch second to count). */
    public SortedMap<Long, Integer> acceptedPerSecond(QuotaCategory category) {
        return windows.get(category).perSecond();
    }

    /** Clears every counter and window. */
    public void reset() {
        calls.clear();
        throttled.clear();
        faults.clear();
        drops.clear();
        invitesSent.reset();
        userReads.clear();
        windows.values().forEach(Window::reset);
    }

    public String summary() {
        StringBuilder text = new StringBuilder("calls=").append(new TreeMap<>(snapshot(calls)))
                .append(" throttled=").append(new TreeMap<>(snapshot(throttled)))
                .append(" faults=").append(faults()).append(" drops=").append(drops())
                .append(" invites=").append(invitesSent());
        windows.forEach((category, window) -> {
            if (window.total() > 0) {
                text.append(' ').append(category).append("[accepted=").append(window.total())
                        .append(", max/1s=").append(window.maxSliding()).append(']');
            }
        });
        return text.toString();
    }

    private static Map<String, Long> snapshot(ConcurrentHashMap<String, LongAdder> counters) {
        Map<String, Long> copy = new TreeMap<>();
        counters.forEach((op, adder) -> copy.put(op, adder.sum()));
        return copy;
    }

    private static LongAdder counter(ConcurrentHashMap<String, LongAdder> counters, String operation) {
        return counters.computeIfAbsent(operation, op -> new LongAdder());
    }

    private static long read(ConcurrentHashMap<String, LongAdder> counters, String operation) {
        LongAdder adder = counters.get(operation);
        return adder == null ? 0 : adder.sum();
    }

    private static long sum(ConcurrentHashMap<String, LongAdder> counters) {
        return counters.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Accepted-call times within the last second (a growable ring) plus per-calendar-second counts. */
    private static final class Window {
        private long[] ring = new long[64];
        private int head;
        private int size;
        private int maxSliding;
        private long total;
        private final TreeMap<Long, Integer> perSecond = new TreeMap<>();

        private long last = Long.MIN_VALUE;

        synchronized void record(long nowNanos, long epochSecond) {
            nowNanos = Math.max(nowNanos, last); // unlimited categories record from racing threads
            last = nowNanos;
            while (size > 0 && nowNanos - ring[head] >= WINDOW_NANOS) {
                head = (head + 1) % ring.length;
                size--;
            }
            if (size == ring.length) {
                long[] bigger = new long[ring.length * 2];
                for (int i = 0; i < size; i++) {
                    bigger[i] = ring[(head + i) % ring.length];
                }
                ring = bigger;
                head = 0;
            }
            ring[(head + size) % ring.length] = nowNanos;
            size++;
            maxSliding = Math.max(maxSliding, size);
            total++;
            perSecond.merge(epochSecond, 1, Integer::sum);
        }

        synchronized int maxSliding() {
            return maxSliding;
        }

        synchronized long total() {
            return total;
        }

        synchronized SortedMap<Long, Integer> perSecond() {
            return Collections.unmodifiableSortedMap(new TreeMap<>(perSecond));
        }

        synchronized void reset() {
            last = Long.MIN_VALUE;
            head = 0;
            size = 0;
            maxSliding = 0;
            total = 0;
            perSecond.clear();
        }
    }
}
