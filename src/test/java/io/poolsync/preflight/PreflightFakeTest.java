package io.poolsync.preflight;

import static io.poolsync.preflight.PreflightCognitoLocalTest.assertFinding;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.poolsync.cognito.Pools;
import io.poolsync.cognito.UserTypeMapperImpl;
import io.poolsync.config.PoolsyncConfig;
import io.poolsync.fake.FakeCognito;
import io.poolsync.testing.ManualClock;
import io.poolsync.testing.TestConfig;
import software.amazon.awssdk.services.cognitoidentityprovider.model.IdentityProviderTypeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolTierType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;

/** What cognito-local can't hold: identity providers, federated users, feature plans. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PreflightFakeTest {

    static final ManualClock CLOCK = new ManualClock(Instant.parse("2026-03-01T09:00:00Z"));
    /** One fake for the class (PER_CLASS: one instance), closed after its last test. */
    @AutoClose
    final FakeCognito fake = FakeCognito.start();

    @Test
    void federatedUsersNeedTheirIdentityProviderInTheTarget() {
        String source = fake.seedPool("source");
        String target = fake.seedPool("target", "source_sub");
        fake.seedUser(source, "Google_1001", Map.of("identities",
                "[{\"userId\":\"1001\",\"providerName\":\"Google\",\"providerType\":\"Google\",\"primary\":true}]"), true,
                UserStatusType.EXTERNAL_PROVIDER);
        fake.seedUser(source, "Google_1002", Map.of(), true, UserStatusType.EXTERNAL_PROVIDER);
        fake.seedUser(source, "Corp_9", Map.of(), true, UserStatusType.EXTERNAL_PROVIDER);
        fake.client().createIdentityProvider(r -> r.userPoolId(target).providerName("Corp")
                .providerType(IdentityProviderTypeType.SAML).providerDetails(Map.of("MetadataURL", "https://idp.example.com/md")));

        PreflightReport report = report(source, target);

        assertFinding(report, "identity-provider-missing:Google", Severity.BLOCKER, 2);
        assertFinding(report, "identity-provider:Corp", Severity.INFO, 1);
        assertThat(report.ready()).isFalse();
        assertThat(report.generatedAt()).isEqualTo(CLOCK.instant());
    }

    @Test
    void aTargetOnALowerFeaturePlan() {
        String source = pool("plus", UserPoolTierType.PLUS);
        String target = pool("lite", UserPoolTierType.LITE);

        assertFinding(report(source, target), "feature-plan", Severity.WARNING, null);
        assertFinding(report(target, source), "feature-plan", Severity.INFO, null);
    }

    private String pool(String name, UserPoolTierType tier) {
        return fake.client().createUserPool(r -> r.poolName(name).userPoolTier(tier)
                .schema(s -> s.name("source_sub").attributeDataType("String").mutable(false))).userPool().id();
    }

    private PreflightReport report(String source, String target) {
        Map<String, String> properties = TestConfig.poolsAt(fake.endpoint(), source, target);
        properties.putAll(TestConfig.fakeProvisionedLimits());
        // The fake lacks GetUserPoolMfaConfig and the app client reads, which the report names and passes over.
        properties.put("poolsync.retry.max-attempts", "1");
        PoolsyncConfig config = TestConfig.poolsync(properties);
        return new Preflight(config, new Pools(config, new UserTypeMapperImpl()), CLOCK).report();
    }
}
