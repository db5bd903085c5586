package io.poolsync.bulk;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.HashMap;
import java.util.Map;

import io.poolsync.fake.FakeCognito;
import io.poolsync.fake.Quotas;
import io.poolsync.testing.CognitoLocalResource;
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
        Map<String, String> config = new HashMap<>();
        config.put("poolsync.source.pool-id", pools.source);
        config.put("poolsync.source.endpoint", fake.endpoint().toString());
        config.put("poolsync.target.pool-id", pools.target);
        config.put("poolsync.target.endpoint", fake.endpoint().toString());
        config.put("poolsync.schedule.cron", "off");
        config.put("poolsync.schedule.run-on-start", "false");
        config.put("poolsync.api.token", CognitoLocalResource.API_TOKEN);
        config.put("poolsync.bulk.mode", "import-job");
        config.put("poolsync.bulk.cloud-watch-logs-role-arn", ROLE);
        config.put("poolsync.bulk.poll-interval", "PT0.05S");
        config.put("poolsync.bulk.max-poll-interval", "PT0.2S");
        args.forEach((name, value) -> {
            if (name.startsWith("poolsync.")) {
                config.put(name, value);
            }
        });
        return config;
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
