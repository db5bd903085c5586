package io.poolsync.testing;

import java.util.Map;

/**
 * Creates a {@link WithPools} test's source and target pools before poolsync starts, which reads the target's schema,
 * identity providers and MFA configuration on start-up. One class per set of pools, with a public no-argument
 * constructor; the test names it in {@link WithPools#seed}.
 *
 * @param <P> the test's view of the pools, {@link Backend#pools()}
 */
public interface PoolSeed<P> {

    /** Creates the pools in {@code emulator}; {@code args} are the test's {@link WithPools#args}. */
    Seeded<P> create(Emulator emulator, Map<String, String> args);

    /** The pools poolsync is pointed at, the test's view of them, and settings they need (the test's args win). */
    record Seeded<P>(String sourcePoolId, String targetPoolId, P pools, Map<String, String> settings) {

        public Seeded(String sourcePoolId, String targetPoolId, P pools) {
            this(sourcePoolId, targetPoolId, pools, Map.of());
        }
    }
}
