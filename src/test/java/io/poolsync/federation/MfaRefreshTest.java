package io.poolsync.federation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import io.poolsync.fake.FakeCognito;
import io.poolsync.sync.GatewayPass;
import io.poolsync.sync.RunCounter;
import io.poolsync.sync.SyncRun;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;

/**
 * Existing users' MFA settings on a slower cadence than every run ({@code poolsync.mfa.refresh-every=3}), against the
 * fake (cognito-local has no AdminSetUserMFAPreference): a change in the source arrives within three runs, and the runs
 * whose slice the user is not in read nothing of it. A user an import job created is RESET_REQUIRED, for which
 * AdminSetUserMFAPreference answers PasswordResetRequiredException: it is left alone until it has reset its password,
 * and gets its MFA settings within three runs after. poolsync runs the daemon's sync pass through its gateways
 * ({@link GatewayPass}), without Quarkus: the runs share one MFA refresh cadence, as a daemon's runs do.
 */
class MfaRefreshTest {

    @AutoClose
    final GatewayPass<FederatedPools> poolsync = GatewayPass.onFake(new FederatedPools.Seed(),
            "poolsync.mfa.refresh-every", "3");

    @Test
    void aChangedMfaSettingArrivesWithinRefreshEveryRunsAndOtherRunsDontReadTheUser() throws InterruptedException {
        FederatedPools pools = poolsync.pools();
        FakeCognito fake = pools.fake();
        // rita, with SMS MFA in the source, as an import job left her in the target: owned, RESET_REQUIRED, no MFA.
        fake.seedUser(pools.source(), "rita", Map.of("phone_number", "+15550124"), true, UserStatusType.CONFIRMED);
        fake.seedUserMfa(pools.source(), "rita", List.of("SMS_MFA"), "SMS_MFA");
        String ritaSub = fake.user(pools.source(), "rita").orElseThrow().attribute("sub");
        fake.seedUser(pools.target(), "rita", Map.of("phone_number", "+15550124", "custom:source_sub", ritaSub), true,
                UserStatusType.RESET_REQUIRED);

        SyncRun created = poolsync.run();
        assertThat(created.phase()).as("%s", created.snapshot()).isEqualTo(SyncRun.Phase.DONE);
        assertThat(fake.userMfa(pools.target(), "sam").orElseThrow().enabled()).containsExactly("SMS_MFA");

        // sam turns SMS MFA off in the source.
        fake.seedUserMfa(pools.source(), "sam", List.of(), null);

        int arrivedIn = 0;
        for (int number = 1; number <= 3; number++) {
            long samSourceReads = fake.stats().userReads(pools.source(), "sam");
            long samTargetReads = fake.stats().userReads(pools.target(), "sam");
            long reads = fake.stats().calls("AdminGetUser");

            SyncRun run = poolsync.run();

            SyncRun.Snapshot snapshot = run.snapshot();
            long updated = snapshot.counters().get(RunCounter.UPDATED);
            assertThat(snapshot.phase()).as("%s", snapshot).isEqualTo(SyncRun.Phase.DONE);
            assertThat(snapshot.counters().get(RunCounter.FAILED)).as("%s", snapshot).isZero();
            long refreshed = snapshot.plan().signIn().mfaRefreshes();
            // Every AdminGetUser of the run is the refresh's (one on each pool a user) or the applier's before a write.
            assertThat(fake.stats().calls("AdminGetUser") - reads).as("%s", snapshot)
                    .isEqualTo(2 * refreshed + updated);
            long samRead = fake.stats().userReads(pools.source(), "sam") - samSourceReads;
            if (arrivedIn == 0 && fake.userMfa(pools.target(), "sam").orElseThrow().enabled().isEmpty()) {
                arrivedIn = number;
                assertThat(samRead).isEqualTo(1);
                assertThat(fake.stats().userReads(pools.target(), "sam") - samTargetReads)
                        .as("its MFA settings, then the applier's ownership check before the write").isEqualTo(2);
                assertThat(snapshot.plan().signIn().mfaSettings()).isEqualTo(1);
                assertThat(snapshot.counters().get(RunCounter.MFA_SETTINGS_SET)).isEqualTo(1);
                assertThat(updated).isEqualTo(1);
            } else {
                assertThat(samRead).as("run %d is not sam's slice: nothing of sam is read", number).isZero();
                assertThat(fake.stats().userReads(pools.target(), "sam") - samTargetReads).isZero();
                assertThat(updated).as("run %d", number).isZero();
            }
        }
        assertThat(arrivedIn).as("the change arrives within poolsync.mfa.refresh-every runs").isBetween(1, 3);
        assertThat(fake.stats().userReads(pools.source(), "rita")).as("RESET_REQUIRED: never read").isZero();
        assertThat(fake.userMfa(pools.target(), "rita").orElseThrow().enabled()).isEmpty();

        // rita resets her password.
        fake.client().adminSetUserPassword(r -> r.userPoolId(pools.target()).username("rita")
                .password("Reset-Passw0rd!").permanent(true));
        int ritaRefreshedIn = 0;
        for (int number = 1; number <= 3 && ritaRefreshedIn == 0; number++) {
            SyncRun run = poolsync.run();
            assertThat(run.counters().get(RunCounter.FAILED)).as("%s", run.snapshot()).isZero();
            if (!fake.userMfa(pools.target(), "rita").orElseThrow().enabled().isEmpty()) {
                ritaRefreshedIn = number;
            }
        }
        assertThat(ritaRefreshedIn).as("SMS MFA within poolsync.mfa.refresh-every runs of the reset").isBetween(1, 3);
        assertThat(fake.userMfa(pools.target(), "rita").orElseThrow())
                .isEqualTo(new FakeCognito.UserMfa(List.of("SMS_MFA"), "SMS_MFA"));
        assertThat(fake.stats().userReads(pools.source(), "rita")).isEqualTo(1);
    }
}
