package io.poolsync.federation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import io.poolsync.fake.FakeCognito;
import io.poolsync.fake.FakeUserView;
import io.poolsync.mapping.Identities;
import io.poolsync.sync.GatewayPass;
import io.poolsync.sync.PlanReport;
import io.poolsync.sync.RunCounter;
import io.poolsync.sync.SyncRun;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;

/**
 * Federated users and MFA end to end, against the fake: a dry run links nothing, a run links identities and sets MFA,
 * a second run writes nothing. Every assertion of what arrived reads the target pool itself; the plan and counters
 * are the run's record, as the API returns it. poolsync runs the daemon's sync pass through its gateways
 * ({@link GatewayPass}), without Quarkus, one run after another on the same pools.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FederationAndMfaSyncTest {

    @AutoClose
    final GatewayPass<FederatedPools> poolsync = GatewayPass.onFake(new FederatedPools.Seed());

    @Test
    @Order(1)
    void aDryRunPlansTheLinksAndMakesNone() throws InterruptedException {
        FederatedPools pools = poolsync.pools();
        SyncRun run = poolsync.dryRun();

        assertThat(run.dryRun()).isTrue();
        assertThat(run.phase()).as("%s", run.snapshot()).isEqualTo(SyncRun.Phase.DONE);
        assertThat(signIn(run).links()).as("%s", run.snapshot()).isEqualTo(2);
        assertThat(pools.fake().stats().calls("AdminLinkProviderForUser")).isZero();
        assertThat(pools.fake().stats().calls("AdminSetUserMFAPreference")).isZero();
        assertThat(pools.fake().userCount(pools.target())).isZero();
    }

    @Test
    @Order(2)
    void federatedUsersArriveLinkedAndMfaArrives() throws InterruptedException {
        FederatedPools pools = poolsync.pools();
        FakeCognito fake = pools.fake();
        long invites = fake.stats().invitesSent();

        SyncRun run = poolsync.run();

        SyncRun.Counters counters = run.counters();
        assertThat(run.phase()).as("%s", run.snapshot()).isEqualTo(SyncRun.Phase.DONE);
        assertThat(counters.get(RunCounter.FAILED)).as("%s", run.snapshot()).isZero();

        // The federated user is native, named by its source sub, linked to its Google identity, without a password.
        FakeUserView fed = fake.user(pools.target(), FederatedPools.FED_SUB).orElseThrow();
        assertThat(fed.username()).isEqualTo(FederatedPools.FED_SUB);
        assertThat(fed.status()).isEqualTo(UserStatusType.FORCE_CHANGE_PASSWORD);
        assertThat(fed.attributes()).containsEntry("email", "fed@example.com").containsEntry("given_name", "Fed")
                .containsEntry("custom:source_sub", FederatedPools.FED_SUB);
        assertThat(identities(fed)).containsExactly("Google:111");
        assertThat(fake.stats().invitesSent()).isEqualTo(invites);

        // A native user keeps its password experience and gets its linked identity.
        FakeUserView nina = fake.user(pools.target(), "nina").orElseThrow();
        assertThat(nina.status()).isEqualTo(UserStatusType.CONFIRMED);
        assertThat(identities(nina)).containsExactly("Okta:o-222");

        // The provider the target lacks: the federated user is skipped, and the plan says why.
        assertThat(fake.user(pools.target(), FederatedPools.TWITTER_SUB)).isEmpty();
        assertThat(run.snapshot().skipReasons())
                .containsEntry("identity provider Twitter is missing in the target pool", 1L);
        assertThat(signIn(run).missingProviders()).containsEntry("Twitter", 1L);

        // SMS MFA arrives; TOTP can't, and is counted for re-enrolment.
        assertThat(fake.userMfa(pools.target(), "sam").orElseThrow())
                .isEqualTo(new FakeCognito.UserMfa(List.of("SMS_MFA"), "SMS_MFA"));
        assertThat(fake.userMfa(pools.target(), "tina").orElseThrow().enabled()).isEmpty();
        assertThat(signIn(run).reEnrolTotp()).isEqualTo(1);
        assertThat(signIn(run).mfaReads()).as("one AdminGetUser per native user created").isEqualTo(3);
        assertThat(counters.get(RunCounter.IDENTITIES_LINKED)).isEqualTo(2);
        assertThat(counters.get(RunCounter.MFA_SETTINGS_SET)).isEqualTo(1);

        // The plan's sign-in items, which GET /sync/runs/{id}/plan pages through.
        assertThat(run.plan().orElseThrow().signIn()).anySatisfy(item -> {
            assertThat(item.sourceUsername()).isEqualTo("tina");
            assertThat(item.reEnrolTotp()).isTrue();
        });
    }

    @Test
    @Order(3)
    void aSecondRunWritesNothing() throws InterruptedException {
        FederatedPools pools = poolsync.pools();
        FakeCognito fake = pools.fake();
        long links = fake.stats().calls("AdminLinkProviderForUser");
        long mfa = fake.stats().calls("AdminSetUserMFAPreference");
        long reads = fake.stats().calls("AdminGetUser");

        SyncRun run = poolsync.run();

        SyncRun.Counters counters = run.counters();
        assertThat(run.phase()).as("%s", run.snapshot()).isEqualTo(SyncRun.Phase.DONE);
        assertThat(counters.get(RunCounter.CREATED)).as("%s", run.snapshot()).isZero();
        assertThat(counters.get(RunCounter.UPDATED)).as("%s", run.snapshot()).isZero();
        assertThat(fake.stats().calls("AdminLinkProviderForUser")).isEqualTo(links);
        assertThat(fake.stats().calls("AdminSetUserMFAPreference")).isEqualTo(mfa);
        // The target index's digest covers what each user has linked: a user already linked is neither read nor
        // planned as a write.
        assertThat(counters.get(RunCounter.PLANNED_WRITES)).as("%s", run.snapshot()).isZero();
        assertThat(counters.get(RunCounter.UNCHANGED)).as("%s", run.snapshot()).isEqualTo(4);
        // Only the MFA refresh reads: two for each user of this run's slice (poolsync.mfa.refresh-every).
        assertThat(fake.stats().calls("AdminGetUser")).as("no AdminGetUser for unchanged federated users")
                .isEqualTo(reads + 2 * signIn(run).mfaRefreshes());
        assertThat(fake.stats().userReads(pools.target(), FederatedPools.FED_SUB))
                .as("federated: never refreshed").isZero();
        FakeUserView fed = fake.user(pools.target(), FederatedPools.FED_SUB).orElseThrow();
        assertThat(fed.status()).as("no password repair for a federated user").isEqualTo(UserStatusType.FORCE_CHANGE_PASSWORD);
    }

    /** The plan's federated identities and MFA, as the run's {@code plan.signIn} reports them. */
    private static PlanReport.SignInSummary signIn(SyncRun run) {
        return run.plan().orElseThrow(() -> new AssertionError("not planned: " + run.snapshot())).summary().signIn();
    }

    private static List<String> identities(FakeUserView user) {
        return Identities.parse(user.attribute(Identities.ATTRIBUTE)).stream()
                .map(identity -> identity.providerName() + ":" + identity.userId()).toList();
    }
}
