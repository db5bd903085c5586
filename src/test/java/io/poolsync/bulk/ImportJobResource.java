package io.poolsync.bulk;

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
 * The quota-faithful fake with {@link ImportJobPools} (arg {@code users}, default 90), poolsync pointed at it with
 * import jobs on and scheduling off; any {@code poolsync.*} arg overrides a setting.
 */
public class ImportJobResource implements QuarkusTestResourceLifecycleManager {

    /** Marks the {@link ImportJobPools} field that receives the running fake's pools. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface InjectPools {
    }

    static final String ROLE = "arn:aws:iam::123456789012:role/CognitoImportLogs";

    private final Map<String, String> args = new HashMap<>();
    private ImportJobPools pools;

    @Override
    public void init(Map<String, String> initArgs) {
        args.putAll(initArgs);
    }

    @Override
    public Map<String, String> start() {
        FakeCognito fake = FakeCognito.builder().quotas(Quotas.unlimited()).region("eu-west-1").start();
        pools = new ImportJobPools(fake, Integer.parseInt(args.getOrDefault("users", "90")));
        return ResourceSettings.of(pools.source, pools.target, fake.endpoint(), Map.of(
                "poolsync.bulk.mode", "import-job",
                "poolsync.bulk.cloud-watch-logs-role-arn", ROLE,
                "poolsync.bulk.poll-interval", "PT0.05S",
                "poolsync.bulk.max-poll-interval", "PT0.2S"), args);
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(pools, new TestInjector.AnnotatedAndMatchesType(InjectPools.class, ImportJobPools.class));
    }

    @Override
    public void stop() {
        if (pools != null) {
            pools.fake.close();
        }
    }
}
