package io.poolsync.throughput;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import io.poolsync.fake.FakeCognito;
import io.poolsync.fake.QuotaCategory;
import io.poolsync.fake.Quotas;
import io.poolsync.sync.GatewayPass;
import io.poolsync.sync.RunCounter;
import io.poolsync.sync.SyncRun;
import io.poolsync.testing.GeneratedUsers;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;

/**
 * A sync that Cognito throttles hard and fails often still copies every user exactly. poolsync's limiters are set four
 * times above the fake's quotas, so calls are throttled at first, until each gate has yielded; on top, 5% of calls
 * answer HTTP 500 and 2% lose their connection, half of those after the call took effect. Some answers are lost for
 * certain: the first creates of both groups and of three users, whose retries meet GroupExistsException and
 * UsernameExistsException. poolsync runs the daemon's sync pass through its gateways ({@link GatewayPass}), without
 * Quarkus.
 */
class ThrottledFaultySyncTest {

    /** A quarter of what poolsync is configured to send. */
    static final Quotas FAKE_QUOTAS = Quotas.unlimited()
            .withRate(QuotaCategory.USER_LIST, 20)
            .withRate(QuotaCategory.USER_CREATION, 40)
            .withRate(QuotaCategory.USER_UPDATE, 40)
            .withRate(QuotaCategory.USER_READ, 80)
            .withRate(QuotaCategory.USER_ACCOUNT_RECOVERY, 40)
            .withRate(QuotaCategory.USER_POOL_RESOURCE_READ, 20)
            .withRate(QuotaCategory.USER_POOL_RESOURCE_UPDATE, 10);

    @AutoClose
    final GatewayPass<MigrationPools> poolsync = GatewayPass.onFake(new MigrationPools.Seed(),
            "users", "200",
            // The production default: segments are scanned side by side through the faults.
            "poolsync.scan.segments", "16",
            "poolsync.rate-limits.user-list", "80",
            "poolsync.rate-limits.user-creation", "160",
            "poolsync.rate-limits.user-update", "160",
            "poolsync.rate-limits.user-read", "320",
            "poolsync.rate-limits.user-account-recovery", "160",
            "poolsync.rate-limits.user-pool-resource-read", "80",
            "poolsync.rate-limits.user-pool-resource-update", "40");

    @Test
    void everyUserArrivesIntactThroughThrottlingFaultsAndDrops() throws InterruptedException {
        FakeCognito fake = poolsync.fake();
        fake.quotas(FAKE_QUOTAS);
        fake.latency(Duration.ofMillis(2), Duration.ofMillis(10));
        fake.faultRate(0.05);
        fake.dropRate(0.01);
        fake.dropAfterApplyRate(0.01);
        fake.loseAnswers("CreateGroup", 2);
        fake.loseAnswers("AdminCreateUser", 3);
        fake.stats().reset();

        SyncRun run = poolsync.run();

        MigrationPools pools = poolsync.pools();
        int users = pools.users();
        SyncRun.Counters counters = run.counters();
        assertThat(run.phase()).as("%s", run.snapshot()).isEqualTo(SyncRun.Phase.DONE);
        assertThat(counters.get(RunCounter.FAILED)).as("failed users: %s", run.snapshot().failures()).isZero();
        assertThat(counters.get(RunCounter.SOURCE_SCANNED)).isEqualTo(users);
        assertThat(counters.get(RunCounter.GROUPS_CREATED)).isEqualTo(GeneratedUsers.GROUPS.size());
        assertThat(counters.get(RunCounter.PASSWORDS_REPAIRED)).as("creates whose answer was lost, finished")
                .isGreaterThanOrEqualTo(3);
        assertThat(pools.differences(20, Set.of(UserStatusType.CONFIRMED))).as("target vs source").isEmpty();
        assertThat(fake.userCount(pools.target())).isEqualTo(users);
        for (String group : GeneratedUsers.GROUPS) {
            assertThat(fake.groupMembers(pools.target(), group))
                    .containsExactlyInAnyOrderElementsOf(fake.groupMembers(pools.source(), group));
        }
        // The conditions really happened: throttling, faults and drops hit. Each gate yields below the fake's quota
        // after its first throttles (its own calls of that second were its room), so they don't go on for long.
        assertThat(fake.stats().throttled()).as(fake.stats().summary()).isGreaterThanOrEqualTo(20);
        assertThat(fake.stats().faults()).as(fake.stats().summary()).isPositive();
        assertThat(fake.stats().drops()).as(fake.stats().summary()).isPositive();
    }
}
