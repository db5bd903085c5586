package io.poolsync.health;

import java.time.Duration;
import java.time.Instant;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.poolsync.cognito.PoolReader;
import io.poolsync.cognito.Pools;
import jakarta.enterprise.context.ApplicationScoped;

/** Ready when both pools answer DescribeUserPool. Answers are cached briefly so probes don't spend the UserPoolRead quota. */
@Readiness
@ApplicationScoped
public class PoolsReadinessCheck implements HealthCheck {

    static final Duration CACHE_FOR = Duration.ofSeconds(15);

    private final Pools pools;
    private volatile HealthCheckResponse cached;
    private volatile Instant cachedAt = Instant.EPOCH;

    public PoolsReadinessCheck(Pools pools) {
        this.pools = pools;
    }

    @Override
    public HealthCheckResponse call() {
        if (cached == null || Instant.now().isAfter(cachedAt.plus(CACHE_FOR))) {
            var builder = HealthCheckResponse.named("cognito-pools").up();
            probe(builder, "source", pools.source());
            probe(builder, "target", pools.target());
            cached = builder.build();
            cachedAt = Instant.now();
        }
        return cached;
    }

    private static void probe(org.eclipse.microprofile.health.HealthCheckResponseBuilder builder, String name,
            PoolReader pool) {
        try {
            builder.withData(name, pool.describe().poolId());
        } catch (RuntimeException e) {
            builder.down().withData(name, "unreachable: " + e.getMessage());
        }
    }
}
