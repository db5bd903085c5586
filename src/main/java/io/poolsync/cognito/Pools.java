package io.poolsync.cognito;

import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalLong;

import io.poolsync.config.PoolsyncConfig;
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
        Map<QuotaCategory, Double> rates = rates(config.rateLimits());
        this.targetLimiter = new QuotaLimiter(rates);
        this.sourceLimiter = sharesBudget(config) ? targetLimiter : new QuotaLimiter(rates);
        // One connection per concurrent write and per scanner, plus headroom for health checks.
        int connections = config.apply().concurrency() + config.scan().segments() + 4;
        int attempts = config.retry().maxAttempts();
        int scanners = config.scan().segments();
        this.source = new PoolGateway(CognitoClients.forPool(config.source(), connections, sourceLimiter, attempts),
                config.source().poolId(), mapper, scanners);
        this.target = new PoolGateway(CognitoClients.forPool(config.target(), connections, targetLimiter, attempts),
                config.target().poolId(), mapper, scanners);
    }

    /** Quotas are per account and Region: the same Region reached with the same credentials is taken as one account. */
    static boolean sharesBudget(PoolsyncConfig config) {
        return config.rateLimits().shared().orElseGet(() -> config.source().effectiveRegion().equals(config.target().effectiveRegion())
                && config.source().roleArn().equals(config.target().roleArn())
                && config.source().endpoint().equals(config.target().endpoint()));
    }

    private static Map<QuotaCategory, Double> rates(PoolsyncConfig.RateLimits limits) {
        Map<QuotaCategory, Double> rates = new EnumMap<>(QuotaCategory.class);
        rates.put(QuotaCategory.USER_LIST, limits.userList());
        rates.put(QuotaCategory.USER_CREATION, limits.userCreation());
        rates.put(QuotaCategory.USER_UPDATE, limits.userUpdate());
        rates.put(QuotaCategory.USER_READ, limits.userRead());
        rates.put(QuotaCategory.USER_RESOURCE_READ, limits.userResourceRead());
        rates.put(QuotaCategory.USER_RESOURCE_UPDATE, limits.userResourceUpdate());
        rates.put(QuotaCategory.USER_POOL_READ, limits.userPoolRead());
        rates.put(QuotaCategory.USER_POOL_RESOURCE_READ, limits.userPoolResourceRead());
        rates.put(QuotaCategory.USER_POOL_RESOURCE_UPDATE, limits.userPoolResourceUpdate());
        return rates;
    }

    public QuotaLimiter sourceLimiter() {
        return sourceLimiter;
    }

    /** The target's limiter; the same object as the source's when the pools share a budget. */
    public QuotaLimiter targetLimiter() {
        return targetLimiter;
    }

    /** Cognito's estimate of the source pool's user count; see {@link PoolGateway#estimatedUsers()}. */
    public OptionalLong estimatedSourceUsers() {
        return source.estimatedUsers();
    }

    public PoolReader source() {
        return source;
    }

    /** The source pool's configuration, for the pre-flight report. */
    public PoolInspector sourceInspector() {
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
