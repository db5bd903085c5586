package io.poolsync.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.poolsync.model.LinkedIdentity;

class IdentitiesTest {

    static Stream<Arguments> attributes() {
        return Stream.of(
                arguments("the developer guide's example, primary and dateCreated as boolean and number",
                        "[{\"userId\":\"msp_carlos@example.com\",\"providerName\":\"ADFS1\",\"providerType\":\"SAML\","
                                + "\"issuer\":\"http://auth.example.com\",\"primary\":false,\"dateCreated\":111111111111111}]",
                        List.of(new LinkedIdentity("ADFS1", "SAML", "msp_carlos@example.com", "http://auth.example.com",
                                false, 111111111111111L))),
                arguments("primary and dateCreated as strings, issuer null",
                        "[{\"userId\":\"1234\",\"providerName\":\"Google\",\"providerType\":\"Google\",\"issuer\":null,"
                                + "\"primary\":\"true\",\"dateCreated\":\"1642699117273\"}]",
                        List.of(new LinkedIdentity("Google", "Google", "1234", "", true, 1642699117273L))),
                arguments("missing optional fields",
                        "[{\"userId\":\"abc\",\"providerName\":\"Okta\"}]",
                        List.of(new LinkedIdentity("Okta", "", "abc", "", false, 0))),
                arguments("two identities in their order",
                        "[{\"userId\":\"1\",\"providerName\":\"Google\"},{\"userId\":\"2\",\"providerName\":\"Facebook\"}]",
                        List.of(new LinkedIdentity("Google", "", "1", "", false, 0),
                                new LinkedIdentity("Facebook", "", "2", "", false, 0))),
                arguments("an unparseable date counts as unknown",
                        "[{\"userId\":\"1\",\"providerName\":\"Google\",\"dateCreated\":\"yesterday\"}]",
                        List.of(new LinkedIdentity("Google", "", "1", "", false, 0))),
                arguments("empty attribute", "", List.of()),
                arguments("no attribute", null, List.of()),
                arguments("empty array", "[]", List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attributes")
    void parses(String description, String json, List<LinkedIdentity> expected) {
        assertThat(Identities.parse(json)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "{\"userId\":\"1\"}", "[{\"userId\":\"1\"}]", "[{\"providerName\":\"Google\"}]",
            "[{\"userId\":\"\",\"providerName\":\"Google\"}]"})
    void refusesWhatIsNotAnArrayOfIdentities(String json) {
        assertThatThrownBy(() -> Identities.parse(json)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("identities attribute");
    }
}
