package io.poolsync.cognito;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.poolsync.config.InvalidConfigException;
import io.poolsync.config.PoolsyncConfig;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/** The gateways to the two configured pools. */
@ApplicationScoped
public class Pools {

    private final PoolGateway source;
    private final PoolGateway target;
    private final QuotaLimiter sourceLimiter;
    private final QuotaLimiter targetLimiter;

    public Pools(PoolsyncConfig config, UserTypeMapper mapper) {
        Map<QuotaCategory, QuotaLimit> configured;
        try {
            configured = configured(config.rateLimits());
        } catch (InvalidConfigException e) {
            // Quarkus prints a ConfigurationException without a cause as its message alone: one line, no stack trace.
            throw new ConfigurationException(e.getMessage());
        }
        this.targetLimiter = new QuotaLimiter(configured);
        this.sourceLimiter = sharesBudget(config) ? targetLimiter : new QuotaLimiter(configured);
        // One connection per concurrent write and per scanner, plus headroom for health checks.
        int connections = config.apply().concurrency() + config.scan().segments() + 4;
        int attempts = config.retry().maxAttempts();
        int scanners = config.scan().segments();
        this.source = new PoolGateway(CognitoClients.forPool(config.source(), connections, sourceLimiter, attempts),
                config.source().poolId(), mapper, scanners);
        this.target = new PoolGateway(CognitoClients.forPool(config.target(), connections, targetLimiter, attempts),
                config.target().poolId(), mapper, scanners);
        learnLimits(config.target(), targetLimiter, sourceLimiter == targetLimiter ? "shared" : "target", configured);
        if (sourceLimiter != targetLimiter) {
            learnLimits(config.source(), sourceLimiter, "source", configured);
        }
    }

    /**
     * The adjustable categories poolsync spends and nobody configured take the account's provisioned limit. Asked
     * through a client that never retries, so an endpoint that doesn't know the call costs one answer.
     */
    private static void learnLimits(PoolsyncConfig.Pool pool, QuotaLimiter limiter, String budget,
            Map<QuotaCategory, QuotaLimit> configured) {
        Set<QuotaCategory> unknown = toLearn(configured);
        if (unknown.isEmpty()) {
            return;
        }
        try (var client = CognitoClients.forPool(pool, 1, limiter, 1)) {
            ProvisionedLimits.read(client, unknown, budget).forEach(limiter::limit);
        }
    }

    /** Quotas are per account and Region: the same Region reached with the same credentials is taken as one account. */
    static boolean sharesBudget(PoolsyncConfig config) {
        return config.rateLimits().shared().orElseGet(() -> config.source().effectiveRegion().equals(config.target().effectiveRegion())
                && config.source().roleArn().equals(config.target().roleArn())
                && config.source().endpoint().equals(config.target().endpoint()));
    }

    /** The adjustable categories poolsync spends that no setting fixes. */
    static Set<QuotaCategory> toLearn(Map<QuotaCategory, QuotaLimit> configured) {
        Set<QuotaCategory> unknown = EnumSet.noneOf(QuotaCategory.class);
        for (CognitoOperation operation : CognitoOperation.values()) {
            if (operation.category().adjustable() && !configured.containsKey(operation.category())) {
                unknown.add(operation.category());
            }
        }
        return unknown;
    }

    /** The limits set under poolsync.rate-limits; a bad one fails start-up naming its setting. */
    static Map<QuotaCategory, QuotaLimit> configured(PoolsyncConfig.RateLimits limits) {
        Map<QuotaCategory, QuotaLimit> configured = new EnumMap<>(QuotaCategory.class);
        List<String> problems = new ArrayList<>();
        for (QuotaCategory category : QuotaCategory.values()) {
            setting(limits, category).ifPresent(rps -> {
                if (rps > 0 && Double.isFinite(rps)) {
                    configured.put(category, new QuotaLimit(rps, QuotaLimit.Source.CONFIGURED));
                } else {
                    problems.add("poolsync.rate-limits." + category.setting() + " must be above 0, not " + rps);
                }
            });
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
        return configured;
    }

    private static Optional<Double> setting(PoolsyncConfig.RateLimits limits, QuotaCategory category) {
        return switch (category) {
            case USER_LIST -> limits.userList();
            case USER_CREATION -> limits.userCreation();
            case USER_ACCOUNT_RECOVERY -> limits.userAccountRecovery();
            case USER_UPDATE -> limits.userUpdate();
            case USER_READ -> limits.userRead();
            case USER_RESOURCE_READ -> limits.userResourceRead();
            case USER_RESOURCE_UPDATE -> limits.userResourceUpdate();
            case USER_POOL_READ -> limits.userPoolRead();
            case USER_POOL_RESOURCE_READ -> limits.userPoolResourceRead();
            case USER_POOL_RESOURCE_UPDATE -> limits.userPoolResourceUpdate();
            case USER_POOL_CLIENT_READ -> limits.userPoolClientRead();
            case LIMIT_MANAGEMENT -> limits.limitManagement();
        };
    }

    public QuotaLimiter sourceLimiter() {
        return sourceLimiter;
    }

    /** The target's limiter; the same object as the source's when the pools share a budget. */
    public QuotaLimiter targetLimiter() {
        return targetLimiter;
    }

    public SourcePool source() {
        return source;
    }

    /** The source pool's configuration, for the pre-flight report. */
    public PoolInspector sourceInspector() {
        return source;
    }

    /** The source's identity providers and users' MFA settings: reads only. */
    public SignInReader sourceSignIn() {
        return source;
    }

    public PoolGateway target() {
        return target;
    }

    @PreDestroy
    void close() {
        source.close();
        target.close();
    }
}
