package io.poolsync.sync;

import java.time.Clock;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The one wall clock of the daemon: runs, progress and health read the time from the {@link Clock} this produces, so
 * a test of a plain class can hand them a clock it controls instead.
 */
@Dependent
public class SystemClock {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
