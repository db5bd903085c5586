package io.poolsync.testing;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.poolsync.cognito.QuotaCategory;
import io.poolsync.config.PoolsyncConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/** poolsync's configuration built without Quarkus, for unit tests: the two pool ids, then name/value overrides. */
public final class TestConfig {

    private TestConfig() {
    }

    public static PoolsyncConfig poolsync(String sourcePoolId, String targetPoolId, String... overrides) {
        Map<String, String> properties = new HashMap<>();
        properties.put("poolsync.source.pool-id", sourcePoolId);
        properties.put("poolsync.target.pool-id", targetPoolId);
        for (int i = 0; i < overrides.length; i += 2) {
            properties.put(overrides[i], overrides[i + 1]);
        }
        return poolsync(properties);
    }

    public static PoolsyncConfig poolsync(Map<String, String> properties) {
        return new SmallRyeConfigBuilder()
                .withMapping(PoolsyncConfig.class)
                // Quarkus reads durations as "30s" or "1h"; plain SmallRye only as ISO-8601.
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .build()
                .getConfigMapping(PoolsyncConfig.class);
    }

    /**
     * The settings that point poolsync at a source and a target pool an emulator serves at {@code endpoint}: a map of
     * the caller's own, for its other settings.
     */
    public static Map<String, String> poolsAt(URI endpoint, String sourcePoolId, String targetPoolId) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("poolsync.source.pool-id", sourcePoolId);
        settings.put("poolsync.source.endpoint", endpoint.toString());
        settings.put("poolsync.target.pool-id", targetPoolId);
        settings.put("poolsync.target.endpoint", endpoint.toString());
        return settings;
    }

    /**
     * The adjustable categories' limits as settings, at the rates the fake's GetProvisionedLimit answers under
     * {@code Quotas.unlimited()} (Cognito's defaults). Given, start-up doesn't ask for them: that costs about 2 s, 3 calls
     * at LimitManagement's 1 call a second (the rates are {@link QuotaCategory}'s, from AWS's "Quotas in Amazon Cognito").
     */
    public static Map<String, String> fakeProvisionedLimits() {
        return Stream.of(QuotaCategory.values()).filter(QuotaCategory::adjustable).collect(Collectors.toMap(
                category -> "poolsync.rate-limits." + category.setting(), category -> String.valueOf(category.defaultRps())));
    }
}
