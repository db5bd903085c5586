package io.poolsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import io.poolsync.testing.CognitoLocalResource;
import io.poolsync.testing.CognitoLocalResource.Backend;
import io.poolsync.testing.CognitoLocalResource.InjectBackend;
import io.poolsync.testing.SyncApi;
import io.poolsync.testing.TestPools.StoredUser;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * A username-based source replicated into a target that signs in by email, where Cognito generates usernames and
 * users are matched by email. Also the users such a target can't take.
 */
@QuarkusTest
@QuarkusTestResource(value = CognitoLocalResource.class, restrictToAnnotatedClass = true,
        initArgs = { @ResourceArg(name = "targetSignIn", value = "email"),
                // One plain scan keeps the source's order, so member0 reaches the planner before its twin.
                @ResourceArg(name = "poolsync.scan.segments", value = "1") })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmailTargetReplicationTest {

    static final int USERS = 40;

    @InjectBackend
    Backend backend;

    @BeforeAll
    void seedSource() {
        String source = backend.sourcePoolId();
        for (int i = 0; i < USERS; i++) {
            backend.pools().addUser(source, "member" + i,
                    Map.of("email", "member" + i + "@example.com", "email_verified", "true", "custom:tenant", "t" + i),
                    true);
        }
        backend.pools().addUser(source, "no-email", Map.of("given_name", "Nomail"), true);
        // cognito-local, like Cognito, refuses an email-signing-in user whose email isn't an address.
        backend.pools().addUser(source, "broken", Map.of("email", "not-an-address"), true);
        backend.pools().addUser(source, "twin", Map.of("email", "member0@example.com"), true);
    }

    @Test
    @Order(1)
    void usersAreMatchedByEmailAndAUserTheTargetRefusesIsReportedWhileTheOthersSync() {
        JsonPath run = SyncApi.sync();

        assertThat(run.getString("phase")).isEqualTo("DONE");
        assertThat(run.getLong("counters.created")).isEqualTo(USERS);
        assertThat(run.getLong("counters.failed")).isEqualTo(1);
        List<Map<String, String>> failures = run.getList("failures");
        assertThat(failures).singleElement().satisfies(failure -> {
            assertThat(failure).containsEntry("username", "not-an-address").containsEntry("sourceUsername", "broken")
                    .containsEntry("action", "CREATE")
                    .containsEntry("errorCode", "InvalidParameterException");
            assertThat(failure.get("message")).contains("Username should be an email");
        });
        assertThat(run.getMap("skipReasons")).containsOnly(
                Map.entry("no email to sign in with in the target pool", 1),
                Map.entry("another source user has the same email", 1));

        Map<String, StoredUser> source = backend.pools().users(backend.sourcePoolId());
        Map<String, StoredUser> target = backend.pools().usersBy(backend.targetPoolId(), "email");
        assertThat(target).hasSize(USERS);
        for (int i = 0; i < USERS; i++) {
            StoredUser copy = target.get("member" + i + "@example.com");
            assertThat(copy).as("member" + i).isNotNull();
            assertThat(copy.username()).as("Cognito generates the username").isNotEqualTo("member" + i);
            assertThat(copy.attributes()).containsEntry("email_verified", "true").containsEntry("custom:tenant", "t" + i)
                    .containsEntry("custom:source_sub", source.get("member" + i).attribute("sub"));
            assertThat(copy.status()).isEqualTo("CONFIRMED");
        }
    }

    @Test
    @Order(2)
    void aRerunMatchesByEmailAndWritesNothing() {
        Map<String, StoredUser> before = backend.pools().users(backend.targetPoolId());
        JsonPath run = SyncApi.sync();

        assertThat(run.getLong("counters.created") + run.getLong("counters.updated")).isZero();
        assertThat(run.getLong("counters.unchanged")).isEqualTo(USERS);
        assertThat(run.getLong("counters.failed")).as("the refused user is reported again, not forgotten").isEqualTo(1);
        assertThat(backend.pools().users(backend.targetPoolId())).isEqualTo(before);
    }
}
