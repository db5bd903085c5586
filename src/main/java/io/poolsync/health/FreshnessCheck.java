package io.poolsync.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

import io.poolsync.config.PoolsyncConfig;
import io.poolsync.sync.SyncService;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.health.api.HealthGroup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * {@code /q/health/group/freshness}: DOWN ("stale") once the last successful sync is older than
 * {@code poolsync.freshness.max-age}. Only in its own group, never in readiness or liveness: a stale target is for
 * people and alerts to act on, and restarting or unrouting poolsync would not make it fresher.
 */
@HealthGroup("freshness")
@ApplicationScoped
public class FreshnessCheck implements HealthCheck {

    private final SyncService syncService;
    private final Duration maxAge;
    private final Clock clock;
    private volatile Instant startedAt;

    public FreshnessCheck(SyncService syncService, PoolsyncConfig config, Clock clock) {
        this.syncService = syncService;
        this.maxAge = config.freshness().maxAge();
        this.clock = clock;
        this.startedAt = clock.instant();
    }

    /** Before the first success, poolsync is given max-age from start-up to reach one. */
    void onStart(@Observes StartupEvent event) {
        startedAt = clock.instant();
    }

    @Override
    public HealthCheckResponse call() {
        Optional<Instant> lastSuccess = syncService.lastSuccessAt();
        Duration age = Duration.between(lastSuccess.orElse(startedAt), clock.instant());
        boolean fresh = age.compareTo(maxAge) <= 0;
        return HealthCheckResponse.named("sync-freshness").status(fresh)
                .withData("state", fresh ? "fresh" : "stale")
                .withData("lastSuccessAt", lastSuccess.map(Instant::toString).orElse("none since start-up"))
                .withData("ageSeconds", age.toSeconds())
                .withData("maxAgeSeconds", maxAge.toSeconds())
                .build();
    }
}
