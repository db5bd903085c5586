package io.poolsync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.poolsync.model.PoolSchema.PasswordPolicy;

class RandomPasswordsTest {

    /** The symbols Cognito accepts in a password. */
    private static final String COGNITO_SYMBOLS = "^$*.[]{}()?\"!@#%&/\\,><':;|_~`=+- ";
    private static final int DRAWS = 1000;

    static Stream<Arguments> policies() {
        return Stream.of(
                arguments("minimum 6, nothing required", new PasswordPolicy(6, false, false, false, false)),
                arguments("Cognito's default policy (8, every class)", PasswordPolicy.COGNITO_DEFAULT),
                arguments("minimum 30, every class", new PasswordPolicy(30, true, true, true, true)),
                arguments("minimum 99 (Cognito's maximum minimum), every class", new PasswordPolicy(99, true, true, true, true)),
                arguments("uppercase only required", new PasswordPolicy(8, true, false, false, false)),
                arguments("lowercase only required", new PasswordPolicy(8, false, true, false, false)),
                arguments("numbers only required", new PasswordPolicy(8, false, false, true, false)),
                arguments("symbols only required", new PasswordPolicy(8, false, false, false, true)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("policies")
    void satisfiesThePolicyAndNeverRepeats(String description, PasswordPolicy policy) {
        RandomPasswords passwords = new RandomPasswords(policy);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < DRAWS; i++) {
            String password = passwords.next();
            assertThat(password.length()).as(description).isGreaterThanOrEqualTo(policy.minimumLength())
                    .isGreaterThanOrEqualTo(24).isLessThanOrEqualTo(256);
            if (policy.requireUppercase()) {
                assertThat(password).as(description).containsPattern("[A-Z]");
            }
            if (policy.requireLowercase()) {
                assertThat(password).as(description).containsPattern("[a-z]");
            }
            if (policy.requireNumbers()) {
                assertThat(password).as(description).containsPattern("[0-9]");
            }
            if (policy.requireSymbols()) {
                assertThat(password.chars().anyMatch(c -> COGNITO_SYMBOLS.indexOf(c) >= 0)).as(description).isTrue();
            }
            // Only characters Cognito accepts at all.
            assertThat(password.chars().allMatch(c -> Character.isLetterOrDigit(c) && c < 128
                    || COGNITO_SYMBOLS.indexOf(c) >= 0)).as(description + ": " + password.length()).isTrue();
            assertThat(seen.add(password)).as("a repeated password").isTrue();
        }
        assertThat(seen).hasSize(DRAWS);
    }
}
