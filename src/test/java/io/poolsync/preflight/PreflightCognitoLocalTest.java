package io.poolsync.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.poolsync.cognito.Pools;
import io.poolsync.cognito.UserTypeMapperImpl;
import io.poolsync.config.PoolsyncConfig;
import io.poolsync.testing.CognitoLocal;
import io.poolsync.testing.TestConfig;
import io.poolsync.testing.TestPools;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AliasAttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeDataType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CreateUserPoolRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.SchemaAttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolMfaType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UsernameAttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.VerifiedAttributeType;

/**
 * Each finding from pools that really are configured that way, read by poolsync's gateway from cognito-local. What
 * cognito-local can't hold (identity providers, federated users, feature plans) is in {@link PreflightFakeTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PreflightCognitoLocalTest {

    CognitoLocal cognito;
    TestPools pools;
    final List<Pools> opened = new ArrayList<>();

    @BeforeAll
    void start() {
        cognito = CognitoLocal.shared();
        pools = new TestPools(cognito.client());
    }

    @Test
    void anEmailKeyedCaseInsensitiveTargetCountsCollisionsAndUsersWithoutEmail() {
        String source = pool(b -> { });
        String target = pool(b -> b.usernameAttributes(UsernameAttributeType.EMAIL).usernameConfiguration(c -> c.caseSensitive(false)));
        pools.addUser(source, "ann", Map.of("email", "Ann@example.com", "email_verified", "true"), true);
        pools.addUser(source, "ann2", Map.of("email", "ann@example.com", "email_verified", "true"), true);
        pools.addUser(source, "nomail", Map.of(), true);

        PreflightReport report = report(source, target);

        assertThat(report.ready()).isFalse();
        assertFinding(report, "username-attributes", Severity.WARNING, 3);
        assertFinding(report, "sign-in-attribute-missing", Severity.BLOCKER, 1);
        assertFinding(report, "username-case-collisions", Severity.BLOCKER, 2);
    }

    @Test
    void aliasesAndCaseSensitivityTheTargetLacks() {
        String source = pool(b -> b.aliasAttributes(AliasAttributeType.PREFERRED_USERNAME)
                .usernameConfiguration(c -> c.caseSensitive(false)));
        String target = pool(b -> { });
        pools.addUser(source, "bob", Map.of("email", "bob@example.com", "email_verified", "true"), true);

        PreflightReport report = report(source, target);

        assertFinding(report, "alias-attributes", Severity.WARNING, null);
        assertFinding(report, "username-case-sensitivity", Severity.WARNING, 1);
    }

    @Test
    void attributesMissingOfAnotherTypeNarrowerImmutableOrRequired() {
        String source = pool(b -> b.schema(stringAttribute("tenant", true, "64"), stringAttribute("plan", true, null),
                stringAttribute("region", true, null), stringAttribute("org", true, null)));
        String target = pool(b -> b.schema(stringAttribute("tenant", true, "10"),
                SchemaAttributeType.builder().name("plan").attributeDataType(AttributeDataType.NUMBER).mutable(true).build(),
                stringAttribute("region", false, null), stringAttribute("source_sub", false, null),
                SchemaAttributeType.builder().name("name").required(true).build()));
        pools.addUser(source, "carol", Map.of("name", "Carol", "email", "c@example.com", "email_verified", "true"), true);
        pools.addUser(source, "dave", Map.of("email", "d@example.com", "email_verified", "true"), true);

        PreflightReport report = report(source, target);

        assertFinding(report, "attribute-missing:custom:org", Severity.BLOCKER, 2);
        assertFinding(report, "attribute-type-conflict:custom:plan", Severity.BLOCKER, 2);
        assertFinding(report, "attribute-constraints:custom:tenant", Severity.WARNING, null);
        assertFinding(report, "attribute-immutable:custom:region", Severity.WARNING, null);
        assertFinding(report, "required-attribute:name", Severity.BLOCKER, 1);
    }

    @Test
    void aTargetThatVerifiesNoAddressAndUsersWithoutAVerifiedOne() {
        String source = pool(b -> b.autoVerifiedAttributes(VerifiedAttributeType.EMAIL));
        String target = pool(b -> { });
        pools.addUser(source, "erin", Map.of("email", "e@example.com", "email_verified", "false"), true);
        pools.addUser(source, "frank", Map.of("email", "f@example.com", "email_verified", "true"), true);

        PreflightReport report = report(source, target);

        assertFinding(report, "auto-verified-attributes", Severity.WARNING, null);
        assertFinding(report, "no-verified-address", Severity.WARNING, 1);
    }

    @Test
    void mfaRequiredDroppedOrMissingAFactor() {
        String optionalWithTotp = pool(b -> b.mfaConfiguration(UserPoolMfaType.OPTIONAL));
        cognito.client().setUserPoolMfaConfig(r -> r.userPoolId(optionalWithTotp).mfaConfiguration(UserPoolMfaType.OPTIONAL)
                .softwareTokenMfaConfiguration(c -> c.enabled(true)));
        String off = pool(b -> { });
        String on = pool(b -> b.mfaConfiguration(UserPoolMfaType.ON));
        String optional = pool(b -> b.mfaConfiguration(UserPoolMfaType.OPTIONAL));
        pools.addUser(optionalWithTotp, "gina", Map.of("email", "g@example.com", "email_verified", "true"), true);

        assertFinding(report(optionalWithTotp, off), "mfa-dropped", Severity.WARNING, null);
        assertFinding(report(optionalWithTotp, on), "mfa-required", Severity.WARNING, 1);
        assertFinding(report(optionalWithTotp, optional), "mfa-factor-missing:SOFTWARE_TOKEN", Severity.WARNING, null);
    }

    @Test
    void anUpdateOnlyCutoverNeedsTheTriggerAndAClientThatSendsThePassword() {
        String source = pool(b -> { });
        String bare = pool(b -> { });
        cognito.client().createUserPoolClient(r -> r.userPoolId(bare).clientName("web")
                .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_SRP_AUTH, ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH));
        String ready = pool(b -> b.lambdaConfig(c -> c.userMigration("arn:aws:lambda:local:000000000000:function:migrate")));
        cognito.client().createUserPoolClient(r -> r.userPoolId(ready).clientName("web")
                .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH));
        pools.addUser(source, "hank", Map.of("email", "h@example.com", "email_verified", "true"), true);

        PreflightReport bareReport = report(source, bare, "poolsync.policy", "update-only");
        assertFinding(bareReport, "migrate-user-trigger-missing", Severity.BLOCKER, 1);
        assertFinding(bareReport, "password-flow-missing", Severity.BLOCKER, 1);

        PreflightReport readyReport = report(source, ready, "poolsync.policy", "update-only");
        assertThat(readyReport.findings()).extracting(Finding::id)
                .doesNotContain("migrate-user-trigger-missing", "password-flow-missing").contains("password-flow");
    }

    @Test
    void invitationsPastTheDefaultSendersDailyEmailsOrBySmsWithoutSms() {
        String source = pool(b -> { });
        String target = pool(b -> { });
        for (int i = 0; i < PreflightAnalyser.DEFAULT_SENDER_EMAILS_PER_DAY + 1; i++) {
            pools.addInvitedUser(source, "user" + i, Map.of("email", "user" + i + "@example.com", "phone_number", "+1555010" + i));
        }

        PreflightReport report = report(source, target, "poolsync.password.mode", "invite",
                "poolsync.password.invite-delivery-mediums", "EMAIL,SMS");

        assertFinding(report, "invite-email-sender", Severity.BLOCKER, 51);
        assertFinding(report, "invite-sms-not-configured", Severity.BLOCKER, 51);
    }

    @Test
    void unreplicatedStatusesAndWhatCognitoLocalCantAnswer() {
        String source = pool(b -> { });
        String target = pool(b -> { });
        pools.addUser(source, "ivy", Map.of("email", "i@example.com", "email_verified", "true"), true);
        pools.addUnconfirmedUser(source, "jack", Map.of("email", "j@example.com"));

        PreflightReport report = report(source, target);

        assertFinding(report, "source-users", Severity.INFO, 2);
        assertFinding(report, "statuses-not-replicated", Severity.INFO, 1);
        // cognito-local has no ListIdentityProviders; the report says so and goes on.
        assertFinding(report, "unreadable:target:ListIdentityProviders", Severity.WARNING, null);
        assertThat(report.estimate()).extracting(Estimate::strategy)
                .containsExactly("confirmed", "invite", "import-job", "update-only+trigger");
        assertThat(report.estimate().get(0).calls()).containsEntry("UserCreation", 1L);
        assertThat(report.source().poolId()).isEqualTo(source);
        assertThat(report.target().region()).isEqualTo("local");
    }

    private PreflightReport report(String source, String target, String... overrides) {
        Map<String, String> properties = TestConfig.poolsAt(cognito.endpoint(), source, target);
        // cognito-local answers what it lacks (ListIdentityProviders) with a 500, which retries would only repeat.
        properties.put("poolsync.retry.max-attempts", "1");
        // A few users a pool: read plainly, not as 16 segments at the UserList quota (see testing/Backend).
        properties.put("poolsync.scan.segments", "1");
        for (int i = 0; i < overrides.length; i += 2) {
            properties.put(overrides[i], overrides[i + 1]);
        }
        PoolsyncConfig config = TestConfig.poolsync(properties);
        return new Preflight(config, new Pools(config, new UserTypeMapperImpl()), PreflightFakeTest.CLOCK).report();
    }

    static void assertFinding(PreflightReport report, String id, Severity severity, Integer affected) {
        assertThat(report.findings()).as("%s in %s", id, report.findings())
                .filteredOn(finding -> finding.id().equals(id)).singleElement().satisfies(finding -> {
                    assertThat(finding.severity()).isEqualTo(severity);
                    assertThat(finding.affectedUsers()).isEqualTo(affected);
                });
    }

    private String pool(Consumer<CreateUserPoolRequest.Builder> settings) {
        return cognito.client().createUserPool(r -> {
            r.poolName("preflight").schema(stringAttribute("source_sub", false, null));
            settings.accept(r);
        }).userPool().id();
    }

    private static SchemaAttributeType stringAttribute(String name, boolean mutable, String maxLength) {
        SchemaAttributeType.Builder attribute = SchemaAttributeType.builder().name(name)
                .attributeDataType(AttributeDataType.STRING).mutable(mutable);
        if (maxLength != null) {
            attribute.stringAttributeConstraints(c -> c.minLength("0").maxLength(maxLength));
        }
        return attribute.build();
    }
}
