package io.poolsync.cognito;

/** Closes {@link Pools} as the container does on shutdown ({@code @PreDestroy}), for a test that built them itself. */
public final class PoolsShutdown {

    private PoolsShutdown() {
    }

    public static void close(Pools pools) {
        pools.close();
    }
}
