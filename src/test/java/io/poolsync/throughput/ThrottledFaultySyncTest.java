package io.poolsync.throughput;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.poolsync.fake.FakeCognito;
import io.poolsync.fake.QuotaCategory;
import io.poolsync.fake.Quotas;
import io.poolsync.testing.Backend;
import io.poolsync.testing.GeneratedUsers;
import io.poolsync.testing.InjectBackend;
import io.poolsync.testing.SyncApi;
import io.poolsync.testing.WithPools;
import io.poolsync.testing.WithPools.Cognito;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;

/**
 * A sync that Cognito throttles hard and fails often still copies every user exactly. poolsync's limiters are set four
 * times above the fake's quotas, so calls are throttled at first, until each gate has yielded; on top, 5% of calls
 * answer HTTP 500 and 2% lose their connection, half of those after the call took effect. Some answers are lost for
 * certain: the first creates of both groups and of three users, whose retries meet GroupExistsException and
 * UsernameExistsException.
 */
@QuarkusTest
@WithPools(cognito = Cognito.FAKE, seed = MigrationPools.Seed.class, args = {
        @ResourceArg(name = "users", value = "200"),
        @ResourceArg(name = "poolsync.rate-limits.user-list", value = "80"),
        @ResourceArg(name = "poolsync.rate-limits.user-creation", value = "160"),
        @ResourceArg(name = "poolsync.rate-limits.user-update", value = "160"),
        @ResourceArg(name = "poolsync.rate-limits.user-read", value = "320"),
        @ResourceArg(name = "poolsync.rate-limits.user-account-recovery", value = "160"),
        @ResourceArg(name = "poolsync.rate-limits.user-pool-resource-read", value = "80"),
        @ResourceArg(name = "poolsync.rate-limits.user-pool-resource-update", value = "40") })
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

    @InjectBackend
    Backend<MigrationPools> backend;

    @Test
    void everyUserArrivesIntactThroughThrottlingFaultsAndDrops() {
        FakeCognito fake = backend.fake();
        fake.quotas(FAKE_QUOTAS);
        fake.latency(Duration.ofMillis(2), Duration.ofMillis(10));
        fake.faultRate(0.05);
        fake.dropRate(0.01);
        fake.dropAfterApplyRate(0.01);
        fake.loseAnswers("CreateGroup", 2);
        fake.loseAnswers("AdminCreateUser", 3);
        fake.stats().reset();

        JsonPath run = SyncApi.sync();

        int users = backend.pools().users();
        assertThat(run.getString("phase")).as(run.prettify()).isEqualTo("DONE");
        assertThat(run.getLong("counters.failed")).as("failed users: %s", run.getList("failures")).isZero();
        assertThat(run.getLong("counters.sourceScanned")).isEqualTo(users);
        assertThat(run.getLong("counters.groupsCreated")).isEqualTo(GeneratedUsers.GROUPS.size());
        assertThat(run.getLong("counters.passwordsRepaired")).as("creates whose answer was lost, finished")
                .isGreaterThanOrEqualTo(3);
        assertThat(backend.pools().differences(20, Set.of(UserStatusType.CONFIRMED))).as("target vs source").isEmpty();
        assertThat(fake.userCount(backend.pools().target())).isEqualTo(users);
        for (String group : GeneratedUsers.GROUPS) {
            assertThat(fake.groupMembers(backend.pools().target(), group))
                    .containsExactlyInAnyOrderElementsOf(fake.groupMembers(backend.pools().source(), group));
        }
        // The conditions really happened: throttling, faults and drops hit. Each gate yields below the fake's quota
        // after its first throttles (its own calls of that second were its room), so they don't go on for long.
        assertThat(fake.stats().throttled()).as(fake.stats().summary()).isGreaterThanOrEqualTo(20);
        assertThat(fake.stats().faults()).as(fake.stats().summary()).isPositive();
        assertThat(fake.stats().drops()).as(fake.stats().summary()).isPositive();
    }
}
