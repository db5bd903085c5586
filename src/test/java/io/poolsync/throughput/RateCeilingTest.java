package io.poolsync.throughput;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import io.poolsync.fake.FakeCognito;
import io.poolsync.fake.QuotaCategory;
import io.poolsync.fake.Quotas;
import io.poolsync.testing.Backend;
import io.poolsync.testing.InjectBackend;
import io.poolsync.testing.SyncApi;
import io.poolsync.testing.WithPools;
import io.poolsync.testing.WithPools.Cognito;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;

/**
 * poolsync never sends more than its configured rate in any one-second window, per quota category, as the fake counts
 * the calls it receives. The fake's quotas sit far above poolsync's limits, so nothing but poolsync holds it back; its
 * latency varies per call, so calls overtake one another on the way, as they do over a network.
 */
@QuarkusTest
@WithPools(cognito = Cognito.FAKE, seed = MigrationPools.Seed.class, args = {
        @ResourceArg(name = "users", value = "150"),
        // Few threads: the fake shares this JVM and its two cores, and every thread competing for them delays arrivals.
        @ResourceArg(name = "poolsync.apply.concurrency", value = "4"),
        @ResourceArg(name = "poolsync.scan.segments", value = "4"),
        @ResourceArg(name = "poolsync.rate-limits.user-list", value = "10"),
        @ResourceArg(name = "poolsync.rate-limits.user-creation", value = "60"),
        @ResourceArg(name = "poolsync.rate-limits.user-update", value = "40"),
        @ResourceArg(name = "poolsync.rate-limits.user-read", value = "40"),
        @ResourceArg(name = "poolsync.rate-limits.user-account-recovery", value = "25"),
        @ResourceArg(name = "poolsync.rate-limits.user-pool-resource-read", value = "5"),
        @ResourceArg(name = "poolsync.rate-limits.user-pool-resource-update", value = "3") })
class RateCeilingTest {

    /** The limits configured above. */
    static final Map<QuotaCategory, Integer> LIMITS = Map.of(
            QuotaCategory.USER_LIST, 10,
            QuotaCategory.USER_CREATION, 60,
            QuotaCategory.USER_UPDATE, 40,
            QuotaCategory.USER_READ, 40,
            QuotaCategory.USER_ACCOUNT_RECOVERY, 25,
            QuotaCategory.USER_POOL_RESOURCE_READ, 5,
            QuotaCategory.USER_POOL_RESOURCE_UPDATE, 3);

    @InjectBackend
    Backend<MigrationPools> backend;

    @Test
    void noOneSecondWindowHoldsMoreCallsThanTheConfiguredRate() {
        FakeCognito fake = backend.fake();
        fake.quotas(Quotas.cognitoDefaults().scaled(10));
        fake.latency(Duration.ofMillis(1), Duration.ofMillis(15));
        fake.stats().reset();

        JsonPath run = SyncApi.sync();

        assertThat(run.getString("phase")).as(run.prettify()).isEqualTo("DONE");
        assertThat(run.getLong("counters.failed")).isZero();
        assertThat(backend.pools().differences(20, Set.of(UserStatusType.CONFIRMED))).as("target vs source").isEmpty();
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
