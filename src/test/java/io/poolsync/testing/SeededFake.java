package io.poolsync.testing;

import java.util.HashMap;
import java.util.Map;

import io.poolsync.fake.FakeCognito;

/**
 * What {@link PoolsResource} prepares for a {@code @WithPools(cognito = FAKE)} test, without Quarkus: the fake
 * started, a {@link PoolSeed}'s pools created in it, and the settings the resource gives poolsync (both pools at the
 * fake, the fake's provisioned limits, the seed's settings, then the args' {@code poolsync.*} settings, which override
 * any of them). A test that runs the sync pass itself builds poolsync from {@link #settings()}.
 *
 * @param <P> the seed's view of the pools
 */
public final class SeededFake<P> implements AutoCloseable {

    private final Emulator emulator;
    private final P pools;
    private final Map<String, String> settings;

    private SeededFake(Emulator emulator, P pools, Map<String, String> settings) {
        this.emulator = emulator;
        this.pools = pools;
        this.settings = Map.copyOf(settings);
    }

    /**
     * @param args the seed's args and {@code poolsync.*} settings, as in {@link WithPools#args}, name and value in turn
     */
    public static <P> SeededFake<P> start(PoolSeed<P> seed, String... args) {
        Map<String, String> named = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            named.put(args[i], args[i + 1]);
        }
        Emulator emulator = Emulator.start(WithPools.Cognito.FAKE);
        try {
            PoolSeed.Seeded<P> seeded = seed.create(emulator, named);
            Map<String, String> settings = new HashMap<>(TestConfig.fakeProvisionedLimits());
            settings.put("poolsync.source.pool-id", seeded.sourcePoolId());
            settings.put("poolsync.source.endpoint", emulator.endpoint().toString());
            settings.put("poolsync.target.pool-id", seeded.targetPoolId());
            settings.put("poolsync.target.endpoint", emulator.endpoint().toString());
            settings.putAll(seeded.settings());
            named.forEach((name, value) -> {
                if (name.startsWith("poolsync.")) {
                    settings.put(name, value);
                }
            });
            return new SeededFake<>(emulator, seeded.pools(), settings);
        } catch (RuntimeException e) {
            emulator.close();
            throw e;
        }
    }

    /** poolsync's settings for these pools, as {@link TestConfig#poolsync(Map)} reads them. */
    public Map<String, String> settings() {
        return settings;
    }

    public P pools() {
        return pools;
    }

    public FakeCognito fake() {
        return emulator.fake();
    }

    @Override
    public void close() {
        emulator.close();
    }
}
