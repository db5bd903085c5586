package io.poolsync.testing;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * poolsync's settings from a Quarkus test resource: both pools at one endpoint, scheduling off (each test decides when
 * a run happens) and the token {@link SyncApi} presents; then the resource's own settings, then its {@code poolsync.*}
 * args, which override any of them.
 */
public final class ResourceSettings {

    private ResourceSettings() {
    }

    public static Map<String, String> of(String sourcePoolId, String targetPoolId, URI endpoint,
            Map<String, String> resourceSettings, Map<String, String> args) {
        Map<String, String> config = new HashMap<>();
        config.put("poolsync.source.pool-id", sourcePoolId);
        config.put("poolsync.source.endpoint", endpoint.toString());
        config.put("poolsync.target.pool-id", targetPoolId);
        config.put("poolsync.target.endpoint", endpoint.toString());
        config.put("poolsync.schedule.cron", "off");
        config.put("poolsync.schedule.run-on-start", "false");
        config.put("poolsync.api.token", CognitoLocalResource.API_TOKEN);
        config.putAll(resourceSettings);
        args.forEach((name, value) -> {
            if (name.startsWith("poolsync.")) {
                config.put(name, value);
            }
        });
        return config;
    }
}
