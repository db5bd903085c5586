package io.poolsync.testing;

import java.util.HashMap;
import java.util.Map;

import io.poolsync.fake.FakeCognito;

/**
 * A Cognito emulator started, a {@link PoolSeed}'s pools created in it, and poolsync's settings for them: both pools at
 * the emulator, the emulator's own settings, the seed's, then the args' {@code poolsync.*} settings, which override any
 * of them. {@link PoolsResource} starts a {@code @WithPools} test's pools so; a test that runs the sync pass itself
 * builds poolsync from {@link #settings()}.
 *
 * @param <P> the seed's view of the pools
 */
public final class SeededPools<P> implements AutoCloseable {

    private final Emulator emulator;
    private final PoolSeed.Seeded<P> seeded;
    private final Map<String, String> settings;

    private SeededPools(Emulator emulator, PoolSeed.Seeded<P> seeded, Map<String, String> settings) {
        this.emulator = emulator;
        this.seeded = seeded;
        this.settings = Map.copyOf(settings);
    }

    /** @param args the seed's args and {@code poolsync.*} settings, as in {@link WithPools#args} */
    public static <P> SeededPools<P> start(WithPools.Cognito cognito, PoolSeed<P> seed, Map<String, String> args) {
        Emulator emulator = Emulator.start(cognito);
        try {
            PoolSeed.Seeded<P> seeded = seed.create(emulator, args);
            Map<String, String> settings = new HashMap<>();
            settings.put("poolsync.source.pool-id", seeded.sourcePoolId());
            settings.put("poolsync.source.endpoint", emulator.endpoint().toString());
            settings.put("poolsync.target.pool-id", seeded.targetPoolId());
            settings.put("poolsync.target.endpoint", emulator.endpoint().toString());
            if (emulator.isFake()) {
                settings.putAll(TestConfig.fakeProvisionedLimits());
            } else {
                // cognito-local has no identity provider operations (see CognitoLocalContractTest): links are tested on the fake.
                settings.put("poolsync.federation.link", "false");
            }
            settings.putAll(seeded.settings());
            args.forEach((name, value) -> {
                if (name.startsWith("poolsync.")) {
                    settings.put(name, value);
                }
            });
            return new SeededPools<>(emulator, seeded, settings);
        } catch (RuntimeException e) {
            emulator.close();
            throw e;
        }
    }

    /** poolsync's settings for these pools, as {@link TestConfig#poolsync(Map)} reads them. */
    public Map<String, String> settings() {
        return settings;
    }

    public String sourcePoolId() {
        return seeded.sourcePoolId();
    }

    public String targetPoolId() {
        return seeded.targetPoolId();
    }

    public P pools() {
        return seeded.pools();
    }

    public FakeCognito fake() {
        return emulator.fake();
    }

    public CognitoLocal cognitoLocal() {
        return emulator.cognitoLocal();
    }

    @Override
    public void close() {
        emulator.close();
    }
}
