package io.poolsync.sync;

import static io.poolsync.testing.SyncApi.authorized;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.equalTo;

import java.net.URL;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import io.poolsync.testing.Backend;
import io.poolsync.testing.GeneratedUsers;
import io.poolsync.testing.InjectBackend;
import io.poolsync.testing.SyncApi;
import io.poolsync.testing.TestLog;
import io.poolsync.testing.TestPools.StoredUser;
import io.poolsync.testing.TestPools;
import io.poolsync.testing.WithPools;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The daemon end to end against cognito-local: a username-based source and target. The steps build on each other,
 * as the runs of one cutover window do; each asserts what the target pool really holds. The pools are read as in
 * production, in 16 sub segments (other tests on cognito-local read its small pools plainly).
 */
@QuarkusTest
@WithPools(args = @ResourceArg(name = "poolsync.scan.segments", value = "16"))
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicationTest {

    /** Two ListUsers pages' worth: enough for every case below; volume is the benchmark's business. */
    static final int USERS = 120;

    @InjectBackend
    Backend<TestPools> backend;

    /** Health lives on the management port and needs no token. */
    @TestHTTPResource(value = "/health", management = true)
    URL health;

    @BeforeAll
    void seedSource() {
        for (int i = 0; i < USERS; i++) {
            backend.pools().addUser(backend.sourcePoolId(), name(i), attributesOf(i), GeneratedUsers.enabled(i));
        }
        backend.pools().addInvitedUser(backend.sourcePoolId(), "invited", Map.of("email", "invited@example.com"));
        backend.pools().addUnconfirmedUser(backend.sourcePoolId(), "unconfirmed", Map.of("email", "unconfirmed@example.com"));
    }

    static String name(int i) {
        return String.format("user-%03d", i);
    }

    /** Standard and custom attributes, verified and unverified emails and phones. */
    static Map<String, String> attributesOf(int i) {
        Map<String, String> attributes = GeneratedUsers.contactAndNames(name(i), i);
        attributes.put("custom:tenant", "tenant-" + (i % 5));
        attributes.put("custom:plan", i % 4 == 0 ? "gold" : "free");
        return attributes;
    }

    @Test
    @Order(1)
    void theApiRequiresTheTokenAndHealthDoesNot() {
        given().post("/sync").then().statusCode(401).body(containsString("bearer token"));
        given().auth().oauth2("wrong").get("/progress").then().statusCode(401);
        given().get(health + "/live").then().statusCode(200);
        given().get(health + "/ready").then().statusCode(200)
                .body("checks.find { it.name == 'cognito-pools' }.data.source", equalTo("reachable"))
                .body("checks.find { it.name == 'cognito-pools' }.data.target", equalTo("reachable"))
                .body(not(containsString(backend.sourcePoolId())), not(containsString(backend.targetPoolId())));
    }

    @Test
    @Order(2)
    void initialSyncCopiesEveryReplicableUserAndRefusesAConcurrentStart() {
        String runId = SyncApi.start();
        authorized().post("/sync").then().statusCode(409).body("running", equalTo(runId));
        JsonPath run = SyncApi.awaitFinished(runId);

        assertThat(run.getString("phase")).isEqualTo("DONE");
        assertThat(run.getLong("counters.sourceScanned")).isEqualTo(USERS + 2);
        assertThat(run.getLong("counters.created")).isEqualTo(USERS + 1);
        assertThat(run.getLong("counters.disabled")).isEqualTo(USERS / 10);
        assertThat(run.getLong("counters.failed")).isZero();
        assertThat(run.getLong("counters.skipped")).isEqualTo(1);
        assertThat(run.getMap("skipReasons")).containsOnlyKeys("UNCONFIRMED: the user never finished sign-up");

        Map<String, StoredUser> source = backend.pools().users(backend.sourcePoolId());
        Map<String, StoredUser> target = backend.pools().users(backend.targetPoolId());
        assertThat(target).hasSize(USERS + 1).doesNotContainKey("unconfirmed");
        for (int i = 0; i < USERS; i++) {
            StoredUser copy = target.get(name(i));
            StoredUser original = source.get(name(i));
            Map<String, String> expected = new HashMap<>(attributesOf(i));
            expected.put("custom:source_sub", original.attribute("sub"));
            assertThat(copy.attributes()).as(name(i)).containsAllEntriesOf(expected);
            assertThat(copy.attribute("sub")).as("the target issues its own sub").isNotEqualTo(original.attribute("sub"));
            assertThat(copy.enabled()).as(name(i) + " enabled").isEqualTo(original.enabled());
            assertThat(copy.status()).as(name(i) + " status").isEqualTo("CONFIRMED");
        }
        assertThat(target.get("invited").status()).as("confirmed mode makes every created user CONFIRMED").isEqualTo("CONFIRMED");
    }

    @Test
    @Order(3)
    void aSecondRunOverUnchangedPoolsWritesNothing() {
        Map<String, StoredUser> before = backend.pools().users(backend.targetPoolId());
        JsonPath run = SyncApi.sync();

        assertThat(run.getLong("counters.created") + run.getLong("counters.updated") + run.getLong("counters.enabled")
                + run.getLong("counters.disabled") + run.getLong("counters.failed")).isZero();
        assertThat(run.getLong("counters.unchanged")).isEqualTo(USERS + 1);
        assertThat(backend.pools().users(backend.targetPoolId())).as("not even a last-modified date moves").isEqualTo(before);
    }

    @Test
    @Order(4)
    void changesInTheSourceReachTheTarget() {
        String source = backend.sourcePoolId();
        backend.pools().updateAttributes(source, name(1), Map.of("email", "moved@example.org", "email_verified", "true"));
        backend.pools().disable(source, name(2));
        backend.pools().enable(source, name(7));
        backend.pools().updateAttributes(source, name(3), Map.of("custom:plan", "gold"));

        JsonPath run = SyncApi.sync();

        assertThat(run.getLong("counters.updated")).isEqualTo(4);
        assertThat(run.getLong("counters.disabled")).isEqualTo(1);
        assertThat(run.getLong("counters.enabled")).isEqualTo(1);
        Map<String, StoredUser> target = backend.pools().users(backend.targetPoolId());
        assertThat(target.get(name(1)).attributes())
                .containsEntry("email", "moved@example.org").containsEntry("email_verified", "true");
        assertThat(target.get(name(2)).enabled()).isFalse();
        assertThat(target.get(name(7)).enabled()).isTrue();
        assertThat(target.get(name(3)).attribute("custom:plan")).isEqualTo("gold");
        assertThat(target.get(name(5)).attribute("custom:plan")).as("untouched users keep their values").isEqualTo("free");
    }

    @Test
    @Order(5)
    void aUserDeletedFromTheSourceStaysInTheTarget() {
        StoredUser before = backend.pools().users(backend.targetPoolId()).get(name(4));
        backend.pools().delete(backend.sourcePoolId(), name(4));

        JsonPath run = SyncApi.sync();

        assertThat(run.getString("phase")).isEqualTo("DONE");
        assertThat(run.getLong("counters.failed")).isZero();
        assertThat(backend.pools().users(backend.targetPoolId()).get(name(4))).isEqualTo(before);
    }

    @Test
    @Order(7)
    void noPasswordOrTokenAppearsInLogsOrResponses() throws Exception {
        Map<String, String> passwords = backend.cognitoLocal().storedPasswords(backend.targetPoolId());
        assertThat(passwords).hasSize(USERS + 1).allSatisfy((user, password) -> assertThat(password).hasSizeGreaterThanOrEqualTo(20));
        String log = TestLog.read();
        assertThat(log).as("the test log is being written").contains("run ");
        String responses = authorized().get("/sync/runs").asString() + authorized().get("/progress").asString();
        // Booleans, so a failure does not print the secret it found.
        for (String secret : passwords.values()) {
            assertThat(log.contains(secret)).as("a password poolsync set appears in its log").isFalse();
            assertThat(responses.contains(secret)).as("a password poolsync set appears in an API response").isFalse();
        }
        assertThat(log.contains(SyncApi.API_TOKEN)).as("the API token appears in the log").isFalse();
        assertThat(responses.contains(SyncApi.API_TOKEN)).as("the API token appears in a response").isFalse();
    }

    @Test
    @Order(6)
    void progressReportsTheLastRun() {
        authorized().get("/progress").then().statusCode(200)
                .body("running", equalTo(false))
                .body("lastFinished.phase", equalTo("DONE"))
                .body("lastFinished.counters.sourceScanned", equalTo(USERS + 1));
        authorized().get("/sync/runs/" + java.util.UUID.randomUUID()).then().statusCode(404);
        authorized().get("/sync/runs").then().statusCode(200).body("size()", equalTo(4));
    }
}
