package io.poolsync.federation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.poolsync.fake.FakeCognito;
import io.poolsync.federation.FederatedPoolsResource.InjectPools;
import io.poolsync.federation.FederatedPoolsResource.Pools;
import io.poolsync.testing.SyncApi;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Existing users' MFA settings on a slower cadence than every run ({@code poolsync.mfa.refresh-every=3}), against the
 * fake (cognito-local has no AdminSetUserMFAPreference): a change in the source arrives within three runs, and the runs
 * whose slice the user is not in read nothing of it.
 */
@QuarkusTest
@QuarkusTestResource(value = FederatedPoolsResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "poolsync.mfa.refresh-every", value = "3"))
class MfaRefreshTest {

    @InjectPools
    Pools pools;

    @Test
    void aChangedMfaSettingArrivesWithinRefreshEveryRunsAndOtherRunsDontReadTheUser() {
        FakeCognito fake = pools.fake();
        JsonPath created = SyncApi.sync();
        assertThat(created.getString("phase")).as(created.prettify()).isEqualTo("DONE");
        assertThat(fake.userMfa(pools.target(), "sam").orElseThrow().enabled()).containsExactly("SMS_MFA");

        // sam turns SMS MFA off in the source.
        fake.seedUserMfa(pools.source(), "sam", List.of(), null);

        int arrivedIn = 0;
        for (int number = 1; number <= 3; number++) {
            long samSourceReads = fake.stats().userReads(pools.source(), "sam");
            long samTargetReads = fake.stats().userReads(pools.target(), "sam");
            long reads = fake.stats().calls("AdminGetUser");

            JsonPath run = SyncApi.sync();

            assertThat(run.getString("phase")).as(run.prettify()).isEqualTo("DONE");
            assertThat(run.getLong("counters.failed")).as(run.prettify()).isZero();
            long refreshed = run.getLong("plan.signIn.mfaRefreshes");
            // Every AdminGetUser of the run is the refresh's (one on each pool a user) or the applier's before a write.
            assertThat(fake.stats().calls("AdminGetUser") - reads).as(run.prettify())
                    .isEqualTo(2 * refreshed + run.getLong("counters.updated"));
            long samRead = fake.stats().userReads(pools.source(), "sam") - samSourceReads;
            if (arrivedIn == 0 && fake.userMfa(pools.target(), "sam").orElseThrow().enabled().isEmpty()) {
                arrivedIn = number;
                assertThat(samRead).isEqualTo(1);
                assertThat(fake.stats().userReads(pools.target(), "sam") - samTargetReads)
                        .as("its MFA settings, then the applier's ownership check before the write").isEqualTo(2);
                assertThat(run.getLong("plan.signIn.mfaSettings")).isEqualTo(1);
                assertThat(run.getLong("signIn.mfaSettingsSet")).isEqualTo(1);
                assertThat(run.getLong("counters.updated")).isEqualTo(1);
            } else {
                assertThat(samRead).as("run %d is not sam's slice: nothing of sam is read", number).isZero();
                assertThat(fake.stats().userReads(pools.target(), "sam") - samTargetReads).isZero();
                assertThat(run.getLong("counters.updated")).isZero();
            }
        }
        assertThat(arrivedIn).as("the change arrives within poolsync.mfa.refresh-every runs").isBetween(1, 3);
    }
}
