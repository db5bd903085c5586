package io.poolsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
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
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserType;

/**
 * A username-based source replicated into a target that signs in by email, where Cognito generates usernames and
 * users are matched by email. Also the users such a target can't take, and two source users with one email.
 */
@QuarkusTest
@QuarkusTestResource(value = CognitoLocalResource.class, restrictToAnnotatedClass = true,
        initArgs = { @ResourceArg(name = "targetSignIn", value = "email"),
                // Sixteen segments list the source in another order every run: the plan must not care.
                @ResourceArg(name = "poolsync.scan.segments", value = "16") })
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
                Map.entry("no email to sign in with in the target pool", 1));
        assertThat(run.getLong("counters.conflicts")).as("member0 and twin share an email: one is a conflict")
                .isEqualTo(1);

        Map<String, StoredUser> source = backend.pools().users(backend.sourcePoolId());
        Map<String, StoredUser> target = backend.pools().usersBy(backend.targetPoolId(), "email");
        assertThat(target).hasSize(USERS);
        // Of two source users with one email, the earliest UserCreateDate wins, then the smallest sub.
        String firstOfTwins = backend.pools().listed(backend.sourcePoolId()).values().stream()
                .filter(user -> user.username().equals("member0") || user.username().equals("twin"))
                .min(Comparator.comparing(UserType::userCreateDate)
                        .thenComparing(user -> source.get(user.username()).attribute("sub")))
                .orElseThrow().username();
        for (int i = 0; i < USERS; i++) {
            String owner = i == 0 ? firstOfTwins : "member" + i;
            StoredUser copy = target.get("member" + i + "@example.com");
            assertThat(copy).as("member" + i).isNotNull();
            assertThat(copy.username()).as("Cognito generates the username").isNotEqualTo("member" + i);
            assertThat(copy.attributes()).containsEntry("custom:source_sub", source.get(owner).attribute("sub"));
            if (owner.startsWith("member")) {
                assertThat(copy.attributes()).containsEntry("email_verified", "true")
                        .containsEntry("custom:tenant", "t" + i);
            }
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
        assertThat(run.getLong("counters.conflicts")).as("and so is the conflict").isEqualTo(1);
        assertThat(backend.pools().users(backend.targetPoolId())).isEqualTo(before);
    }
}
