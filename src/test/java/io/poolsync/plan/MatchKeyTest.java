package io.poolsync.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MatchKeyTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                arguments("username, case-sensitive: key is the username as is",
                        MatchKey.byUsername(true), "Alice", Map.of("email", "a@x.com"),
                        Optional.of("Alice"), Optional.of("Alice"), "username"),
                arguments("username, case-insensitive: key is lower-cased, sign-in value is not",
                        MatchKey.byUsername(false), "Alice", Map.of(),
                        Optional.of("alice"), Optional.of("Alice"), "username"),
                arguments("email, case-insensitive: key is the lower-cased email",
                        new MatchKey(List.of("email"), false), "alice", Map.of("email", "A@X.com"),
                        Optional.of("a@x.com"), Optional.of("A@X.com"), "email"),
                arguments("email, case-sensitive: key is the email as is",
                        new MatchKey(List.of("email"), true), "alice", Map.of("email", "A@X.com"),
                        Optional.of("A@X.com"), Optional.of("A@X.com"), "email"),
                arguments("email or phone: email is tried first",
                        new MatchKey(List.of("email", "phone_number"), false), "alice",
                        Map.of("email", "a@x.com", "phone_number", "+15550001"),
                        Optional.of("a@x.com"), Optional.of("a@x.com"), "email or phone_number"),
                arguments("email or phone: phone when there is no email",
                        new MatchKey(List.of("email", "phone_number"), false), "alice", Map.of("phone_number", "+15550001"),
                        Optional.of("+15550001"), Optional.of("+15550001"), "email or phone_number"),
                arguments("email or phone: an empty email counts as none",
                        new MatchKey(List.of("email", "phone_number"), false), "alice",
                        Map.of("email", "", "phone_number", "+15550001"),
                        Optional.of("+15550001"), Optional.of("+15550001"), "email or phone_number"),
                arguments("email: no email, no key",
                        new MatchKey(List.of("email"), false), "alice", Map.of("given_name", "Alice"),
                        Optional.empty(), Optional.empty(), "email"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void keys(String description, MatchKey matchKey, String username, Map<String, String> attributes,
            Optional<String> key, Optional<String> signInValue, String describe) {
        assertThat(matchKey.of(username, attributes)).as("key").isEqualTo(key);
        assertThat(matchKey.signInValue(username, attributes)).as("sign-in value").isEqualTo(signInValue);
        assertThat(matchKey.describe()).isEqualTo(describe);
    }
}
