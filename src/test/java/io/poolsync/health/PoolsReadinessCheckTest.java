package io.poolsync.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

import io.poolsync.cognito.Pools;
import io.poolsync.cognito.UserTypeMapperImpl;
import io.poolsync.config.PoolsyncConfig;
import io.poolsync.fake.FakeCognito;
import io.poolsync.testing.ManualClock;
import io.poolsync.testing.TestConfig;

/** Readiness answers from its cache for a while, on the injected clock: probes don't spend the UserPoolRead quota. */
class PoolsReadinessCheckTest {

    @Test
    void anAnswerIsCachedForItsWhileThenAsked() {
        ManualClock clock = new ManualClock(Instant.parse("2026-05-01T12:00:00Z"));
        PoolsReadinessCheck check;
        try (FakeCognito fake = FakeCognito.start()) {
            String source = fake.seedPool("source");
            String target = fake.seedPool("target", "source_sub");
            Map<String, String> properties = new HashMap<>(TestConfig.fakeProvisionedLimits());
            properties.putAll(Map.of("poolsync.source.pool-id", source, "poolsync.source.endpoint", fake.endpoint().toString(),
                    "poolsync.target.pool-id", target, "poolsync.target.endpoint", fake.endpoint().toString(),
                    "poolsync.retry.max-attempts", "1"));
            PoolsyncConfig config = TestConfig.poolsync(properties);
            check = new PoolsReadinessCheck(new Pools(config, new UserTypeMapperImpl()), clock);

            assertThat(check.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        }
        // Both pools are out of reach now; the cached answer stands until it is older than CACHE_FOR.
        clock.advance(PoolsReadinessCheck.CACHE_FOR);
        assertThat(check.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);

        clock.advance(Duration.ofMillis(1));
        HealthCheckResponse asked = check.call();
        assertThat(asked.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(asked.getData()).get().isEqualTo(Map.of("source", "unreachable", "target", "unreachable"));
    }
}
