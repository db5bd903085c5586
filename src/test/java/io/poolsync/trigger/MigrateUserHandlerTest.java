package io.poolsync.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.poolsync.mapping.AttributeRules;
import io.poolsync.config.VerifiedFlagPolicy;
import io.poolsync.model.PoolUser;
import io.poolsync.model.UserStatus;

/** The handler over an in-memory source: the event JSON in, the event JSON with its response out. */
class MigrateUserHandlerTest {

    static final String PASSWORD = "Alice-Only-Kn0ws!";
    static final AttributeRules RULES = new AttributeRules(Set.of("identities", "sub"), Map.of(), VerifiedFlagPolicy.COPY,
            VerifiedFlagPolicy.COPY, Optional.of("custom:source_sub"));

    final MigrateUserHandler handler = new MigrateUserHandler(new UserMigration(new FakeSourcePool()
            .add(new PoolUser("alice", Map.of("sub", "s-1", "email", "alice@example.com", "email_verified", "true",
                    "given_name", "Alice"), true, UserStatus.CONFIRMED), PASSWORD), RULES));
    final RecordingContext context = new RecordingContext();

    @Test
    void answersASignInWithTheEventAndItsResponseFilledIn() {
        Map<String, Object> event = TriggerEvents.authentication("alice", PASSWORD);

        JsonNode answer = TriggerEvents.json(handler.handleRequest(event, context));

        JsonNode sent = TriggerEvents.json(event);
        for (String field : List.of("version", "triggerSource", "region", "userPoolId", "userName", "callerContext",
                "request")) {
            assertThat(answer.get(field)).as(field + " as Cognito sent it").isEqualTo(sent.get(field));
        }
        JsonNode response = answer.get("response");
        assertThat(TriggerEvents.JSON.convertValue(response.get("userAttributes"), Map.class)).isEqualTo(Map.of(
                "email", "alice@example.com", "email_verified", "true", "given_name", "Alice", "custom:source_sub", "s-1"));
        assertThat(response.get("finalUserStatus").asText()).isEqualTo("CONFIRMED");
        assertThat(response.get("messageAction").asText()).isEqualTo("SUPPRESS");
        assertThat(response.get("forceAliasCreation").isNull()).as("an alias is never taken from another user").isTrue();
        assertThat(response.get("desiredDeliveryMediums").isNull()).isTrue();
        assertThat(context.lines()).containsExactly("UserMigration_Authentication: alice migrated as CONFIRMED");
    }

    @Test
    void answersAForgotPasswordWithTheUserAndNoStatus() {
        JsonNode response = TriggerEvents.json(handler.handleRequest(TriggerEvents.forgotPassword("alice"), context))
                .get("response");

        assertThat(response.get("userAttributes").get("email").asText()).isEqualTo("alice@example.com");
        assertThat(response.get("userAttributes").get("email_verified").asText())
                .as("Cognito sends the reset code only to a verified address").isEqualTo("true");
        assertThat(response.get("finalUserStatus").isNull()).isTrue();
        assertThat(response.get("messageAction").asText()).isEqualTo("SUPPRESS");
        assertThat(context.lines()).containsExactly("UserMigration_ForgotPassword: alice migrated");
    }

    @Test
    void refusesAWrongPasswordAndAnUnknownUserAlikeAndLogsWhich() {
        MigrationFailedException wrongPassword = catchThrowableOfType(MigrationFailedException.class,
                () -> handler.handleRequest(TriggerEvents.authentication("alice", "Not-Her-Passw0rd!"), context));
        MigrationFailedException unknownUser = catchThrowableOfType(MigrationFailedException.class,
                () -> handler.handleRequest(TriggerEvents.authentication("mallory", PASSWORD), context));

        assertThat(wrongPassword.getMessage()).isEqualTo(unknownUser.getMessage()).isEqualTo("Incorrect username or password.");
        assertThat(wrongPassword.getStackTrace()).as("a wrong password is routine, not a fault").isEmpty();
        assertThat(context.lines()).containsExactly(
                "UserMigration_Authentication: alice not migrated: NotAuthorizedException: Incorrect username or password.",
                "UserMigration_Authentication: mallory not migrated: UserNotFoundException: User does not exist.");
    }

    @Test
    void neverLogsThePassword() {
        handler.handleRequest(TriggerEvents.authentication("alice", PASSWORD), context);
        catchThrowableOfType(MigrationFailedException.class,
                () -> handler.handleRequest(TriggerEvents.authentication("mallory", PASSWORD), context));

        assertThat(context.lines()).hasSize(2).noneMatch(line -> line.contains(PASSWORD));
    }
}
