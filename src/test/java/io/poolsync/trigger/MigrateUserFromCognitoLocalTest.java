package io.poolsync.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;

import io.poolsync.testing.CognitoLocal;
import io.poolsync.testing.TestPools;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;

/**
 * The handler against cognito-local as the source pool, configured through its environment as in Lambda, fed the
 * documented event JSON. Whatever it, the SDK (at every level) or anything else prints meanwhile is searched for the
 * passwords the events carried.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MigrateUserFromCognitoLocalTest {

    static final String ALICE_PASSWORD = "Alice-4c1d-Passw0rd!";
    static final String DAN_PASSWORD = "Dan-9e2b-Passw0rd!";
    static final String IVY_TEMPORARY_PASSWORD = "Ivy-Temp-77aa-Passw0rd!";
    static final String WRONG_PASSWORD = "Wrong-31f0-Passw0rd!";
    static final List<String> PASSWORDS = List.of(ALICE_PASSWORD, DAN_PASSWORD, IVY_TEMPORARY_PASSWORD, WRONG_PASSWORD,
            "Source-Passw0rd!");

    static CognitoLocal cognito;
    static TestPools pools;
    static String source;
    static TestPools.AppClient client;
    static CapturedOutput output;
    static RecordingContext context = new RecordingContext();

    @BeforeAll
    static void seedTheSourcePool() {
        cognito = CognitoLocal.shared();
        pools = new TestPools(cognito.client());
        source = pools.createPool("source", false, false);
        client = pools.createAdminAuthClient(source, false);
        pools.addUser(source, "alice", Map.of("email", "alice@example.com", "email_verified", "true",
                "given_name", "Alice", "custom:tenant", "acme"), true);
        pools.setPassword(source, "alice", ALICE_PASSWORD);
        pools.addUser(source, "dan", Map.of("email", "dan@example.com", "email_verified", "true"), false);
        pools.setPassword(source, "dan", DAN_PASSWORD);
        pools.addUnconfirmedUser(source, "una", Map.of("email", "una@example.com"));
        pools.client().adminCreateUser(r -> r.userPoolId(source).username("ivy").temporaryPassword(IVY_TEMPORARY_PASSWORD)
                .messageAction(MessageActionType.SUPPRESS));
        output = new CapturedOutput();
    }

    @AfterAll
    static void stop() {
        if (output != null) {
            output.close();
        }
    }

    static Map<String, String> environment(String... pairs) {
        Map<String, String> environment = new HashMap<>();
        environment.put("POOLSYNC_SOURCE_POOL_ID", source);
        environment.put("POOLSYNC_SOURCE_ENDPOINT", cognito.endpoint().toString());
        environment.put("POOLSYNC_SOURCE_CLIENT_ID", client.clientId());
        for (int i = 0; i < pairs.length; i += 2) {
            environment.put(pairs[i], pairs[i + 1]);
        }
        return environment;
    }

    static JsonNode migrate(MigrateUserHandler handler, Map<String, Object> event) {
        return TriggerEvents.json(handler.handleRequest(event, context)).get("response");
    }

    static MigrationFailedException refusal(MigrateUserHandler handler, Map<String, Object> event) {
        return catchThrowableOfType(MigrationFailedException.class, () -> handler.handleRequest(event, context));
    }

    @Test
    void signInMigratesTheUserWithTheDaemonsMappingAndKeepsThePassword() {
        MigrateUserHandler handler = new MigrateUserHandler(environment(
                "POOLSYNC_MAPPING_RENAMES", "custom:tenant->custom:org"));

        JsonNode response = migrate(handler, TriggerEvents.authentication("alice", ALICE_PASSWORD));

        String sourceSub = pools.users(source).get("alice").attribute("sub");
        assertThat(TriggerEvents.JSON.convertValue(response.get("userAttributes"), Map.class)).isEqualTo(Map.of(
                "email", "alice@example.com", "email_verified", "true", "given_name", "Alice", "custom:org", "acme",
                "custom:source_sub", sourceSub));
        assertThat(response.get("finalUserStatus").asText()).isEqualTo("CONFIRMED");
        assertThat(response.get("messageAction").asText()).isEqualTo("SUPPRESS");
    }

    @Test
    void signInThroughAnAppClientWithASecret() {
        TestPools.AppClient withSecret = pools.createAdminAuthClient(source, true);
        MigrateUserHandler handler = new MigrateUserHandler(environment(
                "POOLSYNC_SOURCE_CLIENT_ID", withSecret.clientId(), "POOLSYNC_SOURCE_CLIENT_SECRET", withSecret.clientSecret()));

        JsonNode response = migrate(handler, TriggerEvents.authentication("alice", ALICE_PASSWORD));

        assertThat(response.get("finalUserStatus").asText()).isEqualTo("CONFIRMED");
    }

    @Test
    void aWrongPasswordAndAnUnknownUserAreRefusedAlike() {
        MigrateUserHandler handler = new MigrateUserHandler(environment());

        MigrationFailedException wrongPassword = refusal(handler, TriggerEvents.authentication("alice", WRONG_PASSWORD));
        MigrationFailedException unknownUser = refusal(handler, TriggerEvents.authentication("nobody", ALICE_PASSWORD));
        MigrationFailedException unknownReset = refusal(handler, TriggerEvents.forgotPassword("nobody"));

        assertThat(List.of(wrongPassword.getMessage(), unknownUser.getMessage(), unknownReset.getMessage()))
                .containsOnly("Incorrect username or password.");
    }

    @Test
    void aDisabledOrUnconfirmedSourceUserIsRefusedEvenWithTheRightPassword() {
        MigrateUserHandler handler = new MigrateUserHandler(environment());

        assertThat(refusal(handler, TriggerEvents.authentication("dan", DAN_PASSWORD)).detail()).contains("disabled");
        assertThat(refusal(handler, TriggerEvents.forgotPassword("dan")).detail()).contains("disabled");
        assertThat(refusal(handler, TriggerEvents.authentication("una", "Source-Passw0rd!")).detail())
                .contains("UserNotConfirmedException");
    }

    @Test
    void aTemporaryPasswordMigratesTheUserToResetIt() {
        MigrateUserHandler handler = new MigrateUserHandler(environment());

        JsonNode response = migrate(handler, TriggerEvents.authentication("ivy", IVY_TEMPORARY_PASSWORD));

        assertThat(response.get("finalUserStatus").asText()).isEqualTo("RESET_REQUIRED");
    }

    @Test
    void forgotPasswordMigratesTheUserForCognitoToSendTheCode() {
        MigrateUserHandler handler = new MigrateUserHandler(environment());

        JsonNode response = migrate(handler, TriggerEvents.forgotPassword("alice"));

        assertThat(response.get("userAttributes").get("email").asText()).isEqualTo("alice@example.com");
        assertThat(response.get("userAttributes").get("email_verified").asText()).isEqualTo("true");
        assertThat(response.get("finalUserStatus").isNull()).isTrue();
        assertThat(response.get("messageAction").asText()).isEqualTo("SUPPRESS");
    }

    @Test
    void aSourcePoolThatCantBeReachedRefusesWithoutBlamingTheUser() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        MigrateUserHandler handler = new MigrateUserHandler(environment(
                "POOLSYNC_SOURCE_ENDPOINT", "http://127.0.0.1:" + closedPort));

        MigrationFailedException failure = refusal(handler, TriggerEvents.authentication("alice", ALICE_PASSWORD));

        assertThat(failure.getMessage()).isEqualTo("User migration is unavailable; try again later.");
        assertThat(failure.detail()).startsWith("AdminInitiateAuth on the source pool " + source + " failed");
    }

    /** Last, so it searches what every test of the class left. */
    @Test
    @Order(Integer.MAX_VALUE)
    void noPasswordIsLoggedOrPrinted() {
        MigrateUserHandler handler = new MigrateUserHandler(environment());
        migrate(handler, TriggerEvents.authentication("alice", ALICE_PASSWORD));
        refusal(handler, TriggerEvents.authentication("alice", WRONG_PASSWORD));
        refusal(handler, TriggerEvents.authentication("dan", DAN_PASSWORD));

        assertThat(output.sdkRecords()).as("the capture sees the SDK's debug log").isNotEmpty();
        String everything = String.join("\n", context.lines()) + "\n" + output.printed() + "\n"
                + String.join("\n", output.sdkRecords());
        for (String password : PASSWORDS) {
            assertThat(everything).doesNotContain(password);
        }
    }
}
