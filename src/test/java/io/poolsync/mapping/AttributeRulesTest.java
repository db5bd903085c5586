package io.poolsync.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.poolsync.config.VerifiedFlagPolicy;
import io.poolsync.model.DesiredUser;
import io.poolsync.model.PoolUser;

class AttributeRulesTest {

    private static final Optional<String> SOURCE_SUB = Optional.of("custom:source_sub");

    static AttributeRules rules(Map<String, String> renames, VerifiedFlagPolicy email, VerifiedFlagPolicy phone,
            Optional<String> sourceSub) {
        return new AttributeRules(Set.of("identities"), renames, email, phone, sourceSub);
    }

    static AttributeRules copy() {
        return rules(Map.of(), VerifiedFlagPolicy.COPY, VerifiedFlagPolicy.COPY, SOURCE_SUB);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                arguments("sub is dropped and written to the source-sub attribute",
                        copy(), map("sub", "s-1", "given_name", "Alice"),
                        map("given_name", "Alice", "custom:source_sub", "s-1")),
                arguments("sub is dropped and not recorded when the target has no source-sub attribute",
                        rules(Map.of(), VerifiedFlagPolicy.COPY, VerifiedFlagPolicy.COPY, Optional.empty()),
                        map("sub", "s-1", "given_name", "Alice"),
                        map("given_name", "Alice")),
                arguments("an empty sub is not recorded",
                        copy(), map("sub", "", "given_name", "Alice"),
                        map("given_name", "Alice")),
                arguments("a source attribute named like the source-sub attribute is replaced by the real sub",
                        copy(), map("sub", "s-1", "custom:source_sub", "forged"),
                        map("custom:source_sub", "s-1")),
                arguments("identities (excluded) is dropped",
                        copy(), map("sub", "s-1", "identities", "[{\"providerName\":\"Google\"}]", "given_name", "Alice"),
                        map("given_name", "Alice", "custom:source_sub", "s-1")),
                arguments("renamed attribute is written under its target name only",
                        rules(Map.of("custom:dept", "custom:department"), VerifiedFlagPolicy.COPY, VerifiedFlagPolicy.COPY,
                                SOURCE_SUB),
                        map("sub", "s-1", "custom:dept", "R&D"),
                        map("custom:department", "R&D", "custom:source_sub", "s-1")),
                arguments("COPY keeps a verified flag as the canonical string",
                        copy(), map("email", "a@x.com", "email_verified", "true"),
                        map("email", "a@x.com", "email_verified", "true")),
                arguments("COPY normalises True to true",
                        copy(), map("email", "a@x.com", "email_verified", "True"),
                        map("email", "a@x.com", "email_verified", "true")),
                arguments("COPY normalises TRUE to true (phone)",
                        copy(), map("phone_number", "+15550001", "phone_number_verified", "TRUE"),
                        map("phone_number", "+15550001", "phone_number_verified", "true")),
                arguments("COPY turns anything but true into false",
                        copy(), map("email", "a@x.com", "email_verified", "yes"),
                        map("email", "a@x.com", "email_verified", "false")),
                arguments("COPY adds no flag when the source has none",
                        copy(), map("email", "a@x.com"),
                        map("email", "a@x.com")),
                arguments("TRUE forces email_verified when the email is present",
                        rules(Map.of(), VerifiedFlagPolicy.TRUE, VerifiedFlagPolicy.COPY, Optional.empty()),
                        map("email", "a@x.com", "email_verified", "false"),
                        map("email", "a@x.com", "email_verified", "true")),
                arguments("TRUE adds email_verified when the source has no flag",
                        rules(Map.of(), VerifiedFlagPolicy.TRUE, VerifiedFlagPolicy.COPY, Optional.empty()),
                        map("email", "a@x.com"),
                        map("email", "a@x.com", "email_verified", "true")),
                arguments("FALSE forces phone_number_verified when the phone is present",
                        rules(Map.of(), VerifiedFlagPolicy.COPY, VerifiedFlagPolicy.FALSE, Optional.empty()),
                        map("phone_number", "+15550001", "phone_number_verified", "true"),
                        map("phone_number", "+15550001", "phone_number_verified", "false")),
                arguments("TRUE adds no flag when the email is absent",
                        rules(Map.of(), VerifiedFlagPolicy.TRUE, VerifiedFlagPolicy.TRUE, Optional.empty()),
                        map("given_name", "Alice"),
                        map("given_name", "Alice")),
                arguments("a flag without its address is dropped",
                        copy(), map("email_verified", "true", "phone_number_verified", "true", "given_name", "Alice"),
                        map("given_name", "Alice")),
                arguments("an address renamed away takes its flag's meaning with it: flag dropped",
                        rules(Map.of("email", "custom:old_email"), VerifiedFlagPolicy.COPY, VerifiedFlagPolicy.COPY,
                                Optional.empty()),
                        map("email", "a@x.com", "email_verified", "true"),
                        map("custom:old_email", "a@x.com")),
                arguments("an attribute renamed to email gets the flag policy applied",
                        rules(Map.of("custom:mail", "email"), VerifiedFlagPolicy.TRUE, VerifiedFlagPolicy.COPY,
                                Optional.empty()),
                        map("custom:mail", "a@x.com"),
                        map("email", "a@x.com", "email_verified", "true")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void desires(String description, AttributeRules rules, Map<String, String> source, Map<String, String> expected) {
        DesiredUser desired = rules.desire(new PoolUser("alice", source, true, "CONFIRMED"));
        assertThat(desired.attributes()).as(description).isEqualTo(expected);
    }

    @Test
    void carriesUsernameSubStatusAndEnabled() {
        DesiredUser desired = copy().desire(new PoolUser("alice", map("sub", "s-1", "given_name", "A"), false,
                "RESET_REQUIRED"));

        assertThat(desired.sourceUsername()).isEqualTo("alice");
        assertThat(desired.sourceSub()).isEqualTo("s-1");
        assertThat(desired.sourceStatus()).isEqualTo("RESET_REQUIRED");
        assertThat(desired.enabled()).isFalse();
    }

    @Test
    void aUserWithoutSubHasAnEmptySourceSub() {
        DesiredUser desired = copy().desire(new PoolUser("alice", map("given_name", "A"), true, "CONFIRMED"));
        assertThat(desired.sourceSub()).isEmpty();
        assertThat(desired.attributes()).doesNotContainKey("custom:source_sub");
    }

    @Test
    void targetNames() {
        AttributeRules rules = rules(Map.of("custom:dept", "custom:department"), VerifiedFlagPolicy.COPY,
                VerifiedFlagPolicy.COPY, SOURCE_SUB);
        assertThat(rules.targetName("sub")).isEmpty();
        assertThat(rules.targetName("identities")).isEmpty();
        assertThat(rules.targetName("custom:dept")).contains("custom:department");
        assertThat(rules.targetName("email")).contains("email");
    }

    static Map<String, String> map(String... keyValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return map;
    }
}
