package io.poolsync.trigger;

import static io.poolsync.trigger.MigrationAnswer.CONFIRMED;
import static io.poolsync.trigger.MigrationAnswer.RESET_REQUIRED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.poolsync.mapping.AttributeRules;
import io.poolsync.config.VerifiedFlagPolicy;
import io.poolsync.model.PoolUser;
import io.poolsync.model.UserStatus;

class UserMigrationTest {

    static final String PASSWORD = "Right-Passw0rd!";
    static final AttributeRules RULES = new AttributeRules(Set.of("identities", "sub"), Map.of("custom:dept", "custom:department"),
            VerifiedFlagPolicy.COPY, VerifiedFlagPolicy.COPY, Optional.of("custom:source_sub"));

    static PoolUser user(String username, String status, boolean enabled) {
        return new PoolUser(username, Map.of("sub", "sub-" + username, "email", username + "@example.com",
                "email_verified", "true", "custom:dept", "R&D", "identities", "[]"), enabled, status);
    }

    static final FakeSourcePool SOURCE = new FakeSourcePool()
            .add(user("alice", UserStatus.CONFIRMED, true), PASSWORD)
            .add(user("mfa-mia", UserStatus.CONFIRMED, true), PASSWORD).challenge("mfa-mia")
            .add(user("invited-ivy", UserStatus.FORCE_CHANGE_PASSWORD, true), PASSWORD)
            .add(user("reset-rex", UserStatus.RESET_REQUIRED, true), PASSWORD)
            .add(user("disabled-dan", UserStatus.CONFIRMED, false), PASSWORD)
            .add(user("unconfirmed-una", UserStatus.UNCONFIRMED, true), PASSWORD)
            .add(user("federated-fay", UserStatus.EXTERNAL_PROVIDER, true), PASSWORD);

    static MigrationAnswer answer(TriggerSource trigger, String userName, String password) {
        return new UserMigration(SOURCE, RULES).answer(new MigrateUserEvent(trigger, userName, password));
    }

    static Map<String, String> mapped(String username) {
        return Map.of("email", username + "@example.com", "email_verified", "true", "custom:department", "R&D",
                "custom:source_sub", "sub-" + username);
    }

    static Stream<Arguments> migrated() {
        return Stream.of(
                arguments("the password alone signs a confirmed user in: it becomes the target password",
                        TriggerSource.AUTHENTICATION, "alice", PASSWORD, Optional.of(CONFIRMED)),
                arguments("the source wants a second factor too: the user resets the password by code",
                        TriggerSource.AUTHENTICATION, "mfa-mia", PASSWORD, Optional.of(RESET_REQUIRED)),
                arguments("a temporary password never becomes a permanent one",
                        TriggerSource.AUTHENTICATION, "invited-ivy", PASSWORD, Optional.of(RESET_REQUIRED)),
                arguments("a user the source wants to reset keeps having to",
                        TriggerSource.AUTHENTICATION, "reset-rex", PASSWORD, Optional.of(RESET_REQUIRED)),
                arguments("forgot password: a confirmed user, and Cognito sends the code",
                        TriggerSource.FORGOT_PASSWORD, "alice", null, Optional.empty()),
                arguments("forgot password: a user who never chose a password",
                        TriggerSource.FORGOT_PASSWORD, "invited-ivy", null, Optional.empty()),
                arguments("forgot password: a user the source wants to reset",
                        TriggerSource.FORGOT_PASSWORD, "reset-rex", null, Optional.empty()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("migrated")
    void migrates(String scenario, TriggerSource trigger, String userName, String password, Optional<String> status) {
        MigrationAnswer answer = answer(trigger, userName, password);

        assertThat(answer.userAttributes()).as("the daemon's mapping rules").isEqualTo(mapped(userName));
        assertThat(answer.finalUserStatus()).isEqualTo(status);
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                arguments("wrong password", TriggerSource.AUTHENTICATION, "alice", "Wrong-Passw0rd!", "NotAuthorizedException"),
                arguments("unknown user", TriggerSource.AUTHENTICATION, "nobody", PASSWORD, "UserNotFoundException"),
                arguments("no password in the event", TriggerSource.AUTHENTICATION, "alice", null, "no password"),
                arguments("disabled user with the right password", TriggerSource.AUTHENTICATION, "disabled-dan", PASSWORD,
                        "disabled"),
                arguments("unconfirmed user with the right password", TriggerSource.AUTHENTICATION, "unconfirmed-una",
                        PASSWORD, "UNCONFIRMED"),
                arguments("federated user", TriggerSource.AUTHENTICATION, "federated-fay", PASSWORD, "EXTERNAL_PROVIDER"),
                arguments("forgot password: unknown user", TriggerSource.FORGOT_PASSWORD, "nobody", null, "no such user"),
                arguments("forgot password: disabled user", TriggerSource.FORGOT_PASSWORD, "disabled-dan", null, "disabled"),
                arguments("forgot password: unconfirmed user", TriggerSource.FORGOT_PASSWORD, "unconfirmed-una", null,
                        "UNCONFIRMED"),
                arguments("forgot password: federated user", TriggerSource.FORGOT_PASSWORD, "federated-fay", null,
                        "EXTERNAL_PROVIDER"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refusesWithOneMessageForEveryReason(String scenario, TriggerSource trigger, String userName, String password,
            String detail) {
        MigrationFailedException refusal = catchThrowableOfType(MigrationFailedException.class,
                () -> answer(trigger, userName, password));

        assertThat(refusal.getMessage()).as("never says which").isEqualTo(MigrationFailedException.DENIED);
        assertThat(refusal.detail()).as("the log says which").contains(detail);
        assertThat(refusal.getCause()).isNull();
    }

    @Test
    void anEventWithoutPasswordNeverReachesTheSourcePool() {
        FakeSourcePool source = new FakeSourcePool().add(user("alice", UserStatus.CONFIRMED, true), PASSWORD);

        catchThrowableOfType(MigrationFailedException.class, () -> new UserMigration(source, RULES)
                .answer(new MigrateUserEvent(TriggerSource.AUTHENTICATION, "alice", "")));

        assertThat(source.signIns()).isZero();
    }
}
