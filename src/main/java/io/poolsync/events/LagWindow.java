package io.poolsync.events;

import java.util.Arrays;

/** The last {@code capacity} lags, for their median and 99th percentile. Thread-safe. */
final class LagWindow {

    private final double[] seconds;
    private int next;
    private int size;

    LagWindow(int capacity) {
        this.seconds = new double[capacity];
    }

    synchronized void add(double lagSeconds) {
        seconds[next] = lagSeconds;
        next = (next + 1) % seconds.length;
        size = Math.min(size + 1, seconds.length);
    }

    /** The quantile (0..1) by the nearest-rank method; null before the first sample. */
    Double quantile(double q) {
        double[] sorted;
        synchronized (this) {
            if (size == 0) {
                return null;
            }
            sorted = Arrays.copyOf(seconds, size);
        }
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
