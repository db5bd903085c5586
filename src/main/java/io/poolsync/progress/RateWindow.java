package io.poolsync.progress;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.OptionalDouble;

/**
 * The recent rate of a growing count: samples over a sliding window, so a rate reflects what happens now (throttling
 * that just began, a scan that sped up) rather than the average since the start. Thread-safe.
 */
final class RateWindow {

    private record Sample(long nanos, long count) {
    }

    private final long spanNanos;
    private final Deque<Sample> samples = new ArrayDeque<>();

    RateWindow(Duration span) {
        this.spanNanos = span.toNanos();
    }

    synchronized void record(long nanos, long count) {
        samples.addLast(new Sample(nanos, count));
        // Keep one sample at or beyond the span's start, so the window always covers the whole span once it can.
        while (samples.size() > 2 && nanos - secondOldest().nanos() >= spanNanos) {
            samples.removeFirst();
        }
    }

    /** Per second over the window; empty until two samples a moment apart exist. */
    synchronized OptionalDouble perSecond() {
        if (samples.size() < 2) {
            return OptionalDouble.empty();
        }
        Sample first = samples.getFirst();
        Sample last = samples.getLast();
        long elapsed = last.nanos() - first.nanos();
        if (elapsed <= 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of((last.count() - first.count()) * 1e9 / elapsed);
    }

    private Sample secondOldest() {
        var iterator = samples.iterator();
        iterator.next();
        return iterator.next();
    }
}
