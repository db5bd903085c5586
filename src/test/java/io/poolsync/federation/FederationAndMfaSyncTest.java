package io.poolsync.federation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import io.poolsync.fake.FakeCognito;
import io.poolsync.fake.FakeUserView;
import io.poolsync.mapping.Identities;
import io.poolsync.testing.Backend;
import io.poolsync.testing.InjectBackend;
import io.poolsync.testing.SyncApi;
import io.poolsync.testing.WithPools;
import io.poolsync.testing.WithPools.Cognito;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;

/**
 * Federated users and MFA end to end, against the fake: a dry run links nothing, a run links identities and sets MFA,
 * a second run writes nothing. Every assertion reads the target pool itself.
 */
@QuarkusTest
@WithPools(cognito = Cognito.FAKE, seed = FederatedPools.Seed.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FederationAndMfaSyncTest {

    @InjectBackend
    Backend<FederatedPools> backend;

    @Test
    @Order(1)
    void aDryRunPlansTheLinksAndMakesNone() {
        FederatedPools pools = backend.pools();
        JsonPath run = SyncApi.awaitFinished(SyncApi.authorized().post("/sync?dryRun=true").then().statusCode(202)
                .extract().path("id"));

        assertThat(run.getString("phase")).as(run.prettify()).isEqualTo("DONE");
        assertThat(run.getLong("plan.signIn.links")).isEqualTo(2);
        assertThat(pools.fake().stats().calls("AdminLinkProviderForUser")).isZero();
        assertThat(pools.fake().stats().calls("AdminSetUserMFAPreference")).isZero();
        assertThat(pools.fake().userCount(pools.target())).isZero();
    }

    @Test
    @Order(2)
    void federatedUsersArriveLinkedAndMfaArrives() {
        FederatedPools pools = backend.pools();
        FakeCognito fake = pools.fake();
        long invites = fake.stats().invitesSent();

        JsonPath run = SyncApi.sync();

        assertThat(run.getString("phase")).as(run.prettify()).isEqualTo("DONE");
        assertThat(run.getLong("counters.failed")).as(run.prettify()).isZero();

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
        assertThat(run.getMap("skipReasons")).containsEntry("identity provider Twitter is missing in the target pool", 1);
        assertThat(run.getMap("plan.signIn.missingProviders")).containsEntry("Twitter", 1);

        // SMS MFA arrives; TOTP can't, and is counted for re-enrolment.
        assertThat(fake.userMfa(pools.target(), "sam").orElseThrow())
                .isEqualTo(new FakeCognito.UserMfa(List.of("SMS_MFA"), "SMS_MFA"));
        assertThat(fake.userMfa(pools.target(), "tina").orElseThrow().enabled()).isEmpty();
        assertThat(run.getLong("plan.signIn.reEnrolTotp")).isEqualTo(1);
        assertThat(run.getLong("plan.signIn.mfaReads")).as("one AdminGetUser per native user created").isEqualTo(3);
        assertThat(run.getLong("signIn.identitiesLinked")).isEqualTo(2);
        assertThat(run.getLong("signIn.mfaSettingsSet")).isEqualTo(1);

        List<Map<String, Object>> items = SyncApi.authorized().get("/sync/runs/" + run.getString("id") + "/plan")
                .then().statusCode(200).extract().jsonPath().getList("signIn");
        assertThat(items).anySatisfy(item -> {
            assertThat(item).containsEntry("sourceUsername", "tina").containsEntry("reEnrolTotp", true);
        });
    }

    @Test
    @Order(3)
    void aSecondRunWritesNothing() {
        FederatedPools pools = backend.pools();
        FakeCognito fake = pools.fake();
        long links = fake.stats().calls("AdminLinkProviderForUser");
        long mfa = fake.stats().calls("AdminSetUserMFAPreference");
        long reads = fake.stats().calls("AdminGetUser");

        JsonPath run = SyncApi.sync();

        assertThat(run.getString("phase")).as(run.prettify()).isEqualTo("DONE");
        assertThat(run.getLong("counters.created")).as(run.prettify()).isZero();
        assertThat(run.getLong("counters.updated")).as(run.prettify()).isZero();
        assertThat(fake.stats().calls("AdminLinkProviderForUser")).isEqualTo(links);
        assertThat(fake.stats().calls("AdminSetUserMFAPreference")).isEqualTo(mfa);
        // The target index's digest covers what each user has linked: a user already linked is neither read nor
        // planned as a write.
        assertThat(run.getLong("counters.plannedWrites")).as(run.prettify()).isZero();
        assertThat(run.getLong("counters.unchanged")).as(run.prettify()).isEqualTo(4);
        // Only the MFA refresh reads: two for each user of this run's slice (poolsync.mfa.refresh-every).
        assertThat(fake.stats().calls("AdminGetUser")).as("no AdminGetUser for unchanged federated users")
                .isEqualTo(reads + 2 * run.getLong("plan.signIn.mfaRefreshes"));
        assertThat(fake.stats().userReads(pools.target(), FederatedPools.FED_SUB))
                .as("federated: never refreshed").isZero();
        FakeUserView fed = fake.user(pools.target(), FederatedPools.FED_SUB).orElseThrow();
        assertThat(fed.status()).as("no password repair for a federated user").isEqualTo(UserStatusType.FORCE_CHANGE_PASSWORD);
    }

    private static List<String> identities(FakeUserView user) {
        return Identities.parse(user.attribute(Identities.ATTRIBUTE)).stream()
                .map(identity -> identity.providerName() + ":" + identity.userId()).toList();
    }
}
