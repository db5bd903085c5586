package io.poolsync.throughput;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import io.poolsync.fake.FakeCognito;
import io.poolsync.fake.QuotaCategory;
import io.poolsync.fake.Quotas;
import io.poolsync.sync.GatewayPass;
import io.poolsync.sync.RunCounter;
import io.poolsync.sync.SyncRun;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;

/**
 * poolsync never sends more than its configured rate in any one-second window, per quota category, as the fake counts
 * the calls it receives. The fake's quotas sit far above poolsync's limits, so nothing but poolsync holds it back; its
 * latency varies per call, so calls overtake one another on the way, as they do over a network. poolsync runs the
 * daemon's sync pass through its gateways ({@link GatewayPass}), without Quarkus.
 */
class RateCeilingTest {

    /** The rate limits {@link #poolsync} is configured with. */
    static final Map<QuotaCategory, Integer> LIMITS = Map.of(
            QuotaCategory.USER_LIST, 10,
            QuotaCategory.USER_CREATION, 60,
            QuotaCategory.USER_UPDATE, 40,
            QuotaCategory.USER_READ, 40,
            QuotaCategory.USER_ACCOUNT_RECOVERY, 25,
            QuotaCategory.USER_POOL_RESOURCE_READ, 5,
            QuotaCategory.USER_POOL_RESOURCE_UPDATE, 3);

    @AutoClose
    final GatewayPass<MigrationPools> poolsync = GatewayPass.onFake(new MigrationPools.Seed(),
            "users", "150",
            // Few threads: the fake shares this JVM and its two cores, and every thread competing for them delays
            // arrivals.
            "poolsync.apply.concurrency", "4",
            "poolsync.scan.segments", "4",
            "poolsync.rate-limits.user-list", "10",
            "poolsync.rate-limits.user-creation", "60",
            "poolsync.rate-limits.user-update", "40",
            "poolsync.rate-limits.user-read", "40",
            "poolsync.rate-limits.user-account-recovery", "25",
            "poolsync.rate-limits.user-pool-resource-read", "5",
            "poolsync.rate-limits.user-pool-resource-update", "3");

    @Test
    void noOneSecondWindowHoldsMoreCallsThanTheConfiguredRate() throws InterruptedException {
        FakeCognito fake = poolsync.fake();
        fake.quotas(Quotas.cognitoDefaults().scaled(10));
        fake.latency(Duration.ofMillis(1), Duration.ofMillis(15));
        fake.stats().reset();

        SyncRun run = poolsync.run();

        assertThat(run.phase()).as("%s", run.snapshot()).isEqualTo(SyncRun.Phase.DONE);
        assertThat(run.counters().get(RunCounter.FAILED)).as("failures: %s", run.snapshot().failures()).isZero();
        assertThat(poolsync.pools().differences(20, Set.of(UserStatusType.CONFIRMED))).as("target vs source").isEmpty();
        assertThat(fake.stats().throttled()).as("the fake's quotas never bind").isZero();
        SoftAssertions windows = new SoftAssertions();
        LIMITS.forEach((category, limit) -> windows.assertThat(fake.stats().maxAcceptedInAnyWindow(category))
                .as("%s calls in the busiest second (%s)", category, fake.stats().summary())
                .isLessThanOrEqualTo(limit));
        // Not vacuous: the binding categories ran at their ceiling.
        windows.assertThat(fake.stats().maxAcceptedInAnyWindow(QuotaCategory.USER_ACCOUNT_RECOVERY)).isGreaterThanOrEqualTo(24);
        windows.assertThat(fake.stats().maxAcceptedInAnyWindow(QuotaCategory.USER_LIST)).isGreaterThanOrEqualTo(9);
        windows.assertAll();
    }
}
