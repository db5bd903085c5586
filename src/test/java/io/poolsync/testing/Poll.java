package io.poolsync.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/** Waits for a condition with a deadline, instead of sleeping a guessed time. */
public final class Poll {

    private Poll() {
    }

    public static <T> T until(Duration deadline, Supplier<T> probe, java.util.function.Predicate<T> done, String what) {
        Instant end = Instant.now().plus(deadline);
        T last = probe.get();
        while (!done.test(last)) {
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("timed out after " + deadline + " waiting for " + what + "; last seen: " + last);
            }
            try {
                Thread.sleep(100); // polling interval, not synchronisation
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            last = probe.get();
        }
        return last;
    }
}
