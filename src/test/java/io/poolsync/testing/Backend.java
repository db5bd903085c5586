package io.poolsync.testing;

import java.util.Map;

import io.poolsync.events.ElasticMq;
import io.poolsync.fake.FakeCognito;

/**
 * What poolsync runs against in a test: a Cognito emulator, a {@link PoolSeed}'s pools created in it and the seed's
 * view of them, poolsync's settings for them, and for {@code @WithPools(events = true)} event mode's queue. The settings
 * are both pools at the emulator, the emulator's own settings, the seed's, then the args' {@code poolsync.*} settings,
 * which override any of them. {@link PoolsResource} injects it into a {@code @WithPools} test; a test that runs the sync
 * pass itself starts one and builds poolsync from {@link #settings()}.
 *
 * @param <P> the seed's view of the pools: {@link TestPools} for {@link EmptyPools}
 */
public final class Backend<P> implements AutoCloseable {

    private final Emulator emulator;
    private final PoolSeed.Seeded<P> seeded;
    private final Map<String, String> settings;
    private final EventQueue events;

    /** ElasticMQ and the queues poolsync reads in event mode. */
    record EventQueue(ElasticMq sqs, ElasticMq.Queues queues) {
    }

    private Backend(Emulator emulator, PoolSeed.Seeded<P> seeded, Map<String, String> settings, EventQueue events) {
        this.emulator = emulator;
        this.seeded = seeded;
        this.settings = Map.copyOf(settings);
        this.events = events;
    }

    /** @param args the seed's args and {@code poolsync.*} settings, as in {@link WithPools#args} */
    public static <P> Backend<P> start(WithPools.Cognito cognito, PoolSeed<P> seed, Map<String, String> args) {
        Emulator emulator = Emulator.start(cognito);
        try {
            PoolSeed.Seeded<P> seeded = seed.create(emulator, args);
            Map<String, String> settings = TestConfig.poolsAt(emulator.endpoint(), seeded.sourcePoolId(),
                    seeded.targetPoolId());
            // A test's pools hold a page of users or two, where the 16 sub segments cost 32 ListUsers calls a run at the
            // UserList quota's 30 a second ("Quotas in Amazon Cognito"): a second of waiting per run. Tests of segmented
            // scans ask for them.
            settings.put("poolsync.scan.segments", "1");
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
            return new Backend<>(emulator, seeded, settings, null);
        } catch (RuntimeException e) {
            emulator.close();
            throw e;
        }
    }

    /** The same backend with event mode's queue, which its starter closes. */
    Backend<P> withEvents(EventQueue queue) {
        return new Backend<>(emulator, seeded, settings, queue);
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

    public ElasticMq sqs() {
        return events().sqs();
    }

    public ElasticMq.Queues queues() {
        return events().queues();
    }

    private EventQueue events() {
        if (events == null) {
            throw new IllegalStateException("no event queue: @WithPools(events = true) starts one");
        }
        return events;
    }

    @Override
    public void close() {
        emulator.close();
    }
}
