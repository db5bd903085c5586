package io.poolsync.fake;

/**
 * A token bucket of {@code rps} tokens in which each token comes back exactly one second after it was spent. It allows
 * a burst of {@code rps} calls, then one call per returned token, so no sliding one-second window ever holds more than
 * {@code rps} accepted calls (a classic continuous-refill bucket would allow up to 2 x rps in a window). O(1) per call.
 */
final class QuotaLimiter {

    private static final long WINDOW_NANOS = 1_000_000_000L;

    private final long[] spentAt; // ring of the times the last rps tokens were spent
    private int next;              // oldest slot, i.e. the next token to come back
    private int used;              // tokens ever spent, capped at spentAt.length

    QuotaLimiter(int rps) {
        this.spentAt = new long[rps];
    }

    int rps() {
        return spentAt.length;
    }

    /** Spends a token at {@code nowNanos} if one is available. */
    synchronized boolean tryAcquire(long nowNanos) {
        if (used == spentAt.length && nowNanos - spentAt[next] < WINDOW_NANOS) {
            return false;
        }
        spentAt[next] = nowNanos;
        next = (next + 1) % spentAt.length;
        if (used < spentAt.length) {
            used++;
        }
        return true;
    }
}
