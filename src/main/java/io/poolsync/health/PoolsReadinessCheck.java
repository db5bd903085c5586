package io.poolsync.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

import io.poolsync.cognito.PoolReader;
import io.poolsync.cognito.Pools;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Ready when both pools answer DescribeUserPool. Answers are cached briefly so probes don't spend the UserPoolRead quota.
 * The answer says only which side is reachable: the management port needs no token, so it names no pool; why a pool
 * is unreachable goes to the log.
 */
@Readiness
@ApplicationScoped
public class PoolsReadinessCheck implements HealthCheck {

    static final Duration CACHE_FOR = Duration.ofSeconds(15);

    private final Pools pools;
    private final Clock clock;
    private volatile HealthCheckResponse cached;
    private volatile Instant cachedAt = Instant.EPOCH;

    public PoolsReadinessCheck(Pools pools, Clock clock) {
        this.pools = pools;
        this.clock = clock;
    }

    @Override
    public HealthCheckResponse call() {
        if (cached == null || clock.instant().isAfter(cachedAt.plus(CACHE_FOR))) {
            var builder = HealthCheckResponse.named("cognito-pools").up();
            probe(builder, "source", pools.source());
            probe(builder, "target", pools.target());
            cached = builder.build();
            cachedAt = clock.instant();
        }
        return cached;
    }

    private static final Logger LOG = Logger.getLogger(PoolsReadinessCheck.class);

    private static void probe(org.eclipse.microprofile.health.HealthCheckResponseBuilder builder, String name,
            PoolReader pool) {
        try {
            pool.describe();
            builder.withData(name, "reachable");
        } catch (RuntimeException e) {
            LOG.warnf("readiness: the %s pool is unreachable: %s", name, e.getMessage());
            builder.down().withData(name, "unreachable");
        }
    }
}
