package io.poolsync.throughput;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.HashMap;
import java.util.Map;

import io.poolsync.fake.FakeCognito;
import io.poolsync.fake.Quotas;
import io.poolsync.testing.ResourceSettings;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts the quota-faithful fake for a Quarkus test with a seeded source and an empty target (see {@link MigrationPools},
 * groups included), and points poolsync at it with scheduling off. The fake starts unthrottled and without faults, so
 * poolsync's start-up reads are clean; each test then sets the quotas and faults it is about.
 * Args: {@code users} (default 300) seeds the source; any {@code poolsync.*} arg overrides that setting.
 */
public class FakeCognitoResource implements QuarkusTestResourceLifecycleManager {

    /** Marks a {@link Backend} field to receive the running fake and its pools. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface InjectFake {
    }

    record Backend(FakeCognito fake, MigrationPools pools) {
    }

    private final Map<String, String> args = new HashMap<>();
    private Backend backend;

    @Override
    public void init(Map<String, String> initArgs) {
        args.putAll(initArgs);
    }

    @Override
    public Map<String, String> start() {
        // Latency holds a server thread per call in flight: room for every writer and scanner of both pools.
        FakeCognito fake = FakeCognito.builder().quotas(Quotas.unlimited()).threads(96).start();
        MigrationPools pools = MigrationPools.create(fake, true);
        pools.seedSource(Integer.parseInt(args.getOrDefault("users", "300")));
        backend = new Backend(fake, pools);
        return ResourceSettings.of(pools.source(), pools.target(), fake.endpoint(), Map.of(), args);
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(backend, new TestInjector.AnnotatedAndMatchesType(InjectFake.class, Backend.class));
    }

    @Override
    public void stop() {
        if (backend != null) {
            backend.fake().close();
        }
    }
}
