package io.poolsync.preflight;

import static io.poolsync.preflight.Descriptions.number;
import static io.poolsync.preflight.Descriptions.string;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.poolsync.config.PasswordMode;
import io.poolsync.config.SyncPolicy;
import io.poolsync.model.PoolDescription.AppClient;
import io.poolsync.model.PoolDescription.AttributeDefinition;

class PreflightAnalyserTest {

    @Test
    void twoAlikePoolsAreReadyWithNotesOnly() {
        List<Finding> findings = PreflightAnalyser.analyse(new Descriptions.Input().build());

        assertThat(findings).extracting(Finding::id)
                .containsExactly("username-attributes", "source-users", "feature-plan");
        assertThat(findings).extracting(Finding::severity).containsOnly(Severity.INFO);
    }

    static Stream<Arguments> findings() {
        return Stream.of(
                row("an email-keyed target generates usernames; username sign-in is lost", in -> {
                    in.target.usernameAttributes = List.of("email");
                }, "username-attributes", Severity.WARNING, 10),
                row("users without the target's sign-in attribute can't be created", in -> {
                    in.target.usernameAttributes = List.of("email");
                    in.counts.withoutSignInAttribute = 3;
                }, "sign-in-attribute-missing", Severity.BLOCKER, 3),
                row("aliases the target lacks", in -> in.source.aliasAttributes = List.of("preferred_username"),
                        "alias-attributes", Severity.WARNING, null),
                row("keys that collide in a case-insensitive target", in -> {
                    in.target.caseSensitive = false;
                    in.counts.keyCollisions = 4;
                }, "username-case-collisions", Severity.BLOCKER, 4),
                row("a case-sensitive target behind a case-insensitive source", in -> in.source.caseSensitive = false,
                        "username-case-sensitivity", Severity.WARNING, 10),
                row("a custom attribute the target lacks", in -> in.source.attribute(string("custom:tenant", true)),
                        "attribute-missing:custom:tenant", Severity.BLOCKER, 10),
                row("with add-missing the missing attribute is added", in -> {
                    in.source.attribute(string("custom:tenant", true));
                    in.settings.addMissing = true;
                }, "attribute-missing:custom:tenant", Severity.INFO, 10),
                row("the target lacks the source-sub attribute", in -> in.target.attributes.remove("custom:source_sub"),
                        "attribute-missing:custom:source_sub", Severity.WARNING, null),
                row("a renamed attribute is looked for under its target name", in -> {
                    in.source.attribute(string("custom:tenant", true));
                    in.settings.renames = Map.of("custom:tenant", "custom:org");
                }, "attribute-missing:custom:org", Severity.BLOCKER, 10),
                row("an attribute of another type", in -> {
                    in.source.attribute(string("custom:plan", true));
                    in.target.attribute(number("custom:plan", null, null));
                }, "attribute-type-conflict:custom:plan", Severity.BLOCKER, 10),
                row("a shorter maximum length in the target", in -> {
                    in.source.attribute(string("custom:tenant", true));
                    in.target.attribute(new AttributeDefinition("custom:tenant", "String", true, false, "0", "10", null, null));
                }, "attribute-constraints:custom:tenant", Severity.WARNING, null),
                row("a narrower number range in the target", in -> {
                    in.source.attribute(number("custom:age", "0", "200"));
                    in.target.attribute(number("custom:age", "18", "200"));
                }, "attribute-constraints:custom:age", Severity.WARNING, null),
                row("an attribute immutable in the target", in -> {
                    in.source.attribute(string("custom:tenant", true));
                    in.target.attribute(string("custom:tenant", false));
                }, "attribute-immutable:custom:tenant", Severity.WARNING, null),
                row("a required attribute some users lack", in -> in.counts.lackingRequired.put("name", 2),
                        "required-attribute:name", Severity.BLOCKER, 2),
                row("a target that verifies no address", in -> in.target.autoVerified = List.of(),
                        "auto-verified-attributes", Severity.WARNING, null),
                row("neither pool verifies an address", in -> {
                    in.source.autoVerified = List.of();
                    in.target.autoVerified = List.of();
                }, "auto-verified-attributes", Severity.INFO, null),
                row("users without a verified address", in -> in.counts.withoutVerifiedAddress = 5,
                        "no-verified-address", Severity.WARNING, 5),
                row("MFA required in the target", in -> in.target.mfa = "ON", "mfa-required", Severity.WARNING, 10),
                row("MFA dropped by the target", in -> in.source.mfa = "OPTIONAL", "mfa-dropped", Severity.WARNING, null),
                row("MFA in both pools", in -> {
                    in.source.mfa = "OPTIONAL";
                    in.target.mfa = "OPTIONAL";
                }, "mfa-reenrol", Severity.INFO, null),
                row("a factor the target doesn't offer", in -> {
                    in.source.mfa = "OPTIONAL";
                    in.target.mfa = "OPTIONAL";
                    in.sourceFactors = Optional.of(Set.of("SOFTWARE_TOKEN", "SMS"));
                    in.targetFactors = Optional.of(Set.of("SMS"));
                }, "mfa-factor-missing:SOFTWARE_TOKEN", Severity.WARNING, null),
                row("federated users whose provider the target lacks", in -> in.counts.federated.put("Google", 7),
                        "identity-provider-missing:Google", Severity.BLOCKER, 7),
                row("federated users whose provider the target has", in -> {
                    in.counts.federated.put("Google", 7);
                    in.providers = Optional.of(List.of("Google"));
                }, "identity-provider:Google", Severity.INFO, 7),
                row("federated users when the target's providers can't be read", in -> {
                    in.counts.federated.put("Google", 7);
                    in.providers = Optional.empty();
                }, "identity-provider-unknown:Google", Severity.WARNING, 7),
                row("statuses poolsync doesn't replicate", in -> in.counts.byStatus.put("UNCONFIRMED", 2),
                        "statuses-not-replicated", Severity.INFO, 2),
                row("update-only without a Migrate User trigger", in -> in.settings.policy = SyncPolicy.UPDATE_ONLY,
                        "migrate-user-trigger-missing", Severity.BLOCKER, 10),
                row("update-only without an app client that sends the password", in -> {
                    in.settings.policy = SyncPolicy.UPDATE_ONLY;
                    in.clients = Optional.of(List.of(new AppClient("c1", "web", List.of("ALLOW_USER_SRP_AUTH"))));
                }, "password-flow-missing", Severity.BLOCKER, 10),
                row("update-only with a trigger and a client that sends the password", in -> {
                    in.settings.policy = SyncPolicy.UPDATE_ONLY;
                    in.target.trigger = Optional.of("arn:aws:lambda:eu-west-1:123456789012:function:migrate");
                    in.clients = Optional.of(List.of(new AppClient("c1", "web", List.of("ALLOW_USER_PASSWORD_AUTH"))));
                }, "password-flow", Severity.INFO, null),
                row("invitations past the default sender's 50 a day", in -> {
                    in.settings.mode = PasswordMode.INVITE;
                    in.counts.withEmail = 51;
                }, "invite-email-sender", Severity.BLOCKER, 51),
                row("invitations within the default sender's 50 a day", in -> {
                    in.settings.mode = PasswordMode.INVITE;
                    in.counts.withEmail = 50;
                }, "invite-email-sender", Severity.WARNING, 50),
                row("SMS invitations without SMS set up", in -> {
                    in.settings.mode = PasswordMode.INVITE;
                    in.settings.mediums = List.of("SMS");
                    in.counts.withPhone = 4;
                }, "invite-sms-not-configured", Severity.BLOCKER, 4),
                row("a target on a lower plan", in -> in.target.tier = "LITE", "feature-plan", Severity.WARNING, null),
                row("email MFA on a Lite target", in -> {
                    in.target.tier = "LITE";
                    in.targetFactors = Optional.of(Set.of("EMAIL"));
                }, "feature-plan:email-mfa", Severity.WARNING, null),
                row("a read that failed", in -> in.unreadable.add(new PreflightInput.Unreadable("ListIdentityProviders",
                        "target", "ListIdentityProviders: AccessDeniedException: no")),
                        "unreadable:target:ListIdentityProviders", Severity.WARNING, null));
    }

    private static Arguments row(String name, Consumer<Descriptions.Input> setup, String id, Severity severity,
            Integer affected) {
        return Arguments.of(name, setup, id, severity, affected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("findings")
    void findsIt(String name, Consumer<Descriptions.Input> setup, String id, Severity severity, Integer affected) {
        Descriptions.Input input = new Descriptions.Input();
        setup.accept(input);

        List<Finding> findings = PreflightAnalyser.analyse(input.build());

        assertThat(findings).filteredOn(finding -> finding.id().equals(id)).singleElement().satisfies(finding -> {
            assertThat(finding.severity()).isEqualTo(severity);
            assertThat(finding.affectedUsers()).isEqualTo(affected);
            assertThat(finding.title()).isNotBlank();
            assertThat(finding.detail()).isNotBlank();
            assertThat(finding.fix()).isNotBlank();
        });
    }

    @Test
    void anExcludedAttributeIsNotLookedFor() {
        Descriptions.Input input = new Descriptions.Input();
        input.source.attribute(string("custom:tenant", true));
        input.settings.excluded = Set.of("identities", "custom:tenant");

        assertThat(PreflightAnalyser.analyse(input.build())).extracting(Finding::id)
                .noneMatch(id -> id.startsWith("attribute-"));
    }

    @Test
    void theReportIsReadyOnlyWithoutBlockers() {
        Finding warning = new Finding("w", Severity.WARNING, "t", "d", null, "f");
        Finding blocker = new Finding("b", Severity.BLOCKER, "t", "d", 1, "f");
        PreflightReport.Pool pool = new PreflightReport.Pool("eu-west-1_a", "eu-west-1");

        assertThat(PreflightReport.of(java.time.Instant.EPOCH, pool, pool, List.of(warning), List.of()).ready()).isTrue();
        assertThat(PreflightReport.of(java.time.Instant.EPOCH, pool, pool, List.of(warning, blocker), List.of()).ready())
                .isFalse();
    }
}
