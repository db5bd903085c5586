package io.poolsync.trigger;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import io.poolsync.config.InvalidConfigException;
import io.poolsync.config.MappingDefaults;
import io.poolsync.config.VerifiedFlagPolicy;
import io.poolsync.mapping.AttributeRules;

/**
 * The trigger's settings, read from the function's environment. The names and meanings are the daemon's
 * ({@code poolsync.source.pool-id} is {@code POOLSYNC_SOURCE_POOL_ID}), so both can share one set of values; only the
 * app client the trigger signs in through is the trigger's own.
 *
 * @param region       the source pool's Region
 * @param clientSecret the app client's secret, when it has one
 */
record TriggerSettings(String poolId, String region, Optional<URI> endpoint, Optional<String> roleArn, String clientId,
        Optional<String> clientSecret, AttributeRules rules) {

    static final String POOL_ID = "POOLSYNC_SOURCE_POOL_ID";
    static final String REGION = "POOLSYNC_SOURCE_REGION";
    static final String ENDPOINT = "POOLSYNC_SOURCE_ENDPOINT";
    static final String ROLE_ARN = "POOLSYNC_SOURCE_ROLE_ARN";
    static final String CLIENT_ID = "POOLSYNC_SOURCE_CLIENT_ID";
    static final String CLIENT_SECRET = "POOLSYNC_SOURCE_CLIENT_SECRET";
    static final String EXCLUDE = "POOLSYNC_MAPPING_EXCLUDE";
    static final String RENAMES = "POOLSYNC_MAPPING_RENAMES";
    static final String EMAIL_VERIFIED = "POOLSYNC_MAPPING_EMAIL_VERIFIED";
    static final String PHONE_NUMBER_VERIFIED = "POOLSYNC_MAPPING_PHONE_NUMBER_VERIFIED";
    static final String SOURCE_SUB_ATTRIBUTE = "POOLSYNC_MAPPING_SOURCE_SUB_ATTRIBUTE";
    /** The value of {@link #SOURCE_SUB_ATTRIBUTE} for a target pool without one: the source sub is then not written. */
    static final String NO_SOURCE_SUB_ATTRIBUTE = "none";

    // The daemon's own checks (PoolsyncConfig), repeated because the trigger has no Quarkus to run them.
    private static final Pattern POOL_ID_FORMAT = Pattern.compile("[\\w-]+_[0-9a-zA-Z]+");
    private static final Pattern ROLE_ARN_FORMAT = Pattern.compile("arn:aws[\\w-]*:iam::\\d{12}:role/.+");

    static TriggerSettings from(Map<String, String> environment) {
        List<String> problems = new ArrayList<>();
        Optional<String> poolId = value(environment, POOL_ID);
        if (poolId.isEmpty()) {
            problems.add(POOL_ID + " is required: the source pool id, <region>_<id>");
        } else if (!POOL_ID_FORMAT.matcher(poolId.get()).matches()) {
            problems.add(POOL_ID + "=" + poolId.get() + " must look like <region>_<id>, e.g. eu-west-1_AbC123xyz");
        }
        Optional<String> clientId = value(environment, CLIENT_ID);
        if (clientId.isEmpty()) {
            problems.add(CLIENT_ID + " is required: a source app client that allows ALLOW_ADMIN_USER_PASSWORD_AUTH");
        }
        Optional<URI> endpoint = value(environment, ENDPOINT).flatMap(value -> endpoint(value, problems));
        Optional<String> roleArn = value(environment, ROLE_ARN);
        roleArn.filter(arn -> !ROLE_ARN_FORMAT.matcher(arn).matches())
                .ifPresent(arn -> problems.add(ROLE_ARN + "=" + arn + " must be an IAM role ARN"));

        // The daemon's parser and defaults, so a migrated user looks as if the daemon had created it.
        String sourceSub = value(environment, SOURCE_SUB_ATTRIBUTE).orElse(MappingDefaults.SOURCE_SUB_ATTRIBUTE);
        AttributeRules rules = AttributeRules.fromSettings(TriggerSettings::environmentVariable,
                list(environment, EXCLUDE, MappingDefaults.EXCLUDE), list(environment, RENAMES, ""),
                policy(environment, EMAIL_VERIFIED, problems), policy(environment, PHONE_NUMBER_VERIFIED, problems),
                Optional.of(sourceSub).filter(name -> !name.equals(NO_SOURCE_SUB_ATTRIBUTE)), problems);

        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
        String pool = poolId.get();
        return new TriggerSettings(pool, value(environment, REGION).orElse(pool.substring(0, pool.indexOf('_'))),
                endpoint, roleArn, clientId.get(), value(environment, CLIENT_SECRET), rules);
    }

    /** Set and not blank: an empty variable counts as unset, as it does for the daemon. */
    private static Optional<String> value(Map<String, String> environment, String name) {
        return Optional.ofNullable(environment.get(name)).map(String::trim).filter(value -> !value.isEmpty());
    }

    private static List<String> list(Map<String, String> environment, String name, String defaultValue) {
        return Arrays.stream(value(environment, name).orElse(defaultValue).split(","))
                .map(String::trim).filter(item -> !item.isEmpty()).toList();
    }

    private static Optional<URI> endpoint(String value, List<String> problems) {
        try {
            URI uri = URI.create(value);
            if (uri.getScheme() != null && uri.getHost() != null) {
                return Optional.of(uri);
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        problems.add(ENDPOINT + "=" + value + " is not an absolute URL");
        return Optional.empty();
    }

    /** The daemon's property as the environment variable SmallRye Config maps to it. */
    static String environmentVariable(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    private static VerifiedFlagPolicy policy(Map<String, String> environment, String name, List<String> problems) {
        try {
            return VerifiedFlagPolicy.parse(name, value(environment, name).orElse(MappingDefaults.VERIFIED_FLAG));
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
            return VerifiedFlagPolicy.COPY;
        }
    }

    /** A record's toString would print the client secret. */
    @Override
    public String toString() {
        return "TriggerSettings[poolId=" + poolId + ", region=" + region + ", endpoint=" + endpoint + ", roleArn="
                + roleArn + ", clientId=" + clientId + ", clientSecret=" + clientSecret.map(secret -> "***") + ", rules="
                + rules + "]";
    }
}
