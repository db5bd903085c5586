package io.poolsync.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.poolsync.model.LinkedIdentity;

class FederationRulesTest {

    private static final FederationRules RULES = new FederationRules(true, Map.of("OldOkta", "Okta"),
            Set.of("Google", "Okta", "Facebook", "Apple", "ADFS1", "ADFS2"), false, Optional.empty());

    static LinkedIdentity id(String provider, String subject) {
        return new LinkedIdentity(provider, "", subject, "", false, 0);
    }

    static LinkedIdentity dated(String provider, String subject, long dateCreated) {
        return new LinkedIdentity(provider, "", subject, "", false, dateCreated);
    }

    static LinkedIdentity primary(String provider, String subject) {
        return new LinkedIdentity(provider, "", subject, "", true, 5);
    }

    static Stream<Arguments> links() {
        return Stream.of(
                arguments("a new user's identity is linked", List.of(id("Google", "1")), List.of(), "alice",
                        List.of("Google:1"), List.of(), List.of()),
                arguments("a renamed provider is linked under its target name", List.of(id("OldOkta", "7")), List.of(),
                        "alice", List.of("Okta:7"), List.of(), List.of()),
                arguments("an identity already linked in the target is not linked again", List.of(id("Google", "1")),
                        List.of(id("Google", "1")), "alice", List.of(), List.of(), List.of()),
                arguments("already linked under its target name", List.of(id("OldOkta", "7")), List.of(id("Okta", "7")),
                        "alice", List.of(), List.of(), List.of()),
                arguments("the same identity twice is linked once", List.of(id("Google", "1"), id("Google", "1")),
                        List.of(), "alice", List.of("Google:1"), List.of(), List.of()),
                arguments("a provider the target lacks", List.of(id("Twitter", "9"), id("Google", "1")), List.of(),
                        "alice", List.of("Google:1"), List.of("Twitter"), List.of()),
                arguments("a username of the identity's own federated form can't be linked to",
                        List.of(id("Google", "1")), List.of(), "google_1", List.of(), List.of(),
                        List.of("Google: the target username google_1 is that identity's own federated username, which "
                                + "Cognito refuses to link to")),
                arguments("at most five, the primary first and then the oldest",
                        List.of(dated("ADFS2", "6", 60), dated("Okta", "2", 20), dated("Facebook", "3", 30),
                                dated("Apple", "4", 40), dated("ADFS1", "5", 50), primary("Google", "1")),
                        List.of(), "alice", List.of("Google:1", "Okta:2", "Facebook:3", "Apple:4", "ADFS1:5"), List.of(),
                        List.of("ADFS2: the user already has 5 linked identities, Cognito's maximum")),
                arguments("identities already linked count towards the five",
                        List.of(id("Google", "1"), id("Okta", "2")),
                        List.of(id("ADFS1", "a"), id("ADFS1", "b"), id("ADFS1", "c"), id("ADFS1", "d")), "alice",
                        List.of("Google:1"), List.of(),
                        List.of("Okta: the user already has 5 linked identities, Cognito's maximum")));
    }

    @org.junit.jupiter.api.Test
    void noLinkWhereTheTargetCantTakeOne() {
        FederationRules blocked = new FederationRules(true, Map.of(), Set.of("Google"), false,
                Optional.of("custom:source_sub is immutable"));

        FederationRules.Links links = blocked.links(List.of(id("Google", "1")), List.of(), "alice");

        assertThat(links.toLink()).isEmpty();
        assertThat(links.notLinked()).containsExactly("Google: custom:source_sub is immutable");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("links")
    void decidesWhatToLink(String description, List<LinkedIdentity> source, List<LinkedIdentity> linked, String username,
            List<String> toLink, List<String> missingProviders, List<String> notLinked) {
        FederationRules.Links links = RULES.links(source, linked, username);

        assertThat(links.toLink()).extracting(identity -> identity.providerName() + ":" + identity.userId())
                .containsExactlyElementsOf(toLink);
        assertThat(links.missingProviders()).containsExactlyElementsOf(missingProviders);
        assertThat(links.notLinked()).containsExactlyElementsOf(notLinked);
    }
}
