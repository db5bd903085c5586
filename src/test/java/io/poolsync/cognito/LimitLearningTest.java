package io.poolsync.cognito;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.poolsync.config.InvalidConfigException;
import io.poolsync.config.PoolsyncConfig;
import io.poolsync.fake.FakeCognito;
import io.poolsync.fake.Quotas;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where each category's limit comes from: a setting, the account's provisioned limit, or Cognito's default. */
class LimitLearningTest {

    private static final Set<QuotaCategory> ADJUSTABLE_SPENT = Set.of(QuotaCategory.USER_CREATION, QuotaCategory.USER_READ,
            QuotaCategory.USER_RESOURCE_READ);

    @Test
    void the_provisioned_limits_of_the_adjustable_categories_are_read_with_get_provisioned_limit() {
        Quotas raised = Quotas.cognitoDefaults().withRate(io.poolsync.fake.QuotaCategory.USER_CREATION, 80)
                .withRate(io.poolsync.fake.QuotaCategory.USER_READ, 200);
        try (FakeCognito fake = FakeCognito.builder().quotas(raised).start();
                CognitoIdentityProviderClient client = learningClient(fake)) {
            assertThat(ProvisionedLimits.read(client, ADJUSTABLE_SPENT, "shared")).isEqualTo(Map.of(
                    QuotaCategory.USER_CREATION, new QuotaLimit(80, QuotaLimit.Source.PROVISIONED),
                    QuotaCategory.USER_READ, new QuotaLimit(200, QuotaLimit.Source.PROVISIONED),
                    QuotaCategory.USER_RESOURCE_READ, new QuotaLimit(50, QuotaLimit.Source.PROVISIONED)));
            assertThat(fake.stats().calls("GetProvisionedLimit")).isEqualTo(3);
        }
    }

    @Test
    void access_denied_leaves_cognitos_defaults_after_one_call() {
        try (FakeCognito fake = FakeCognito.start(); CognitoIdentityProviderClient client = learningClient(fake)) {
            fake.denyGetProvisionedLimit(true);
            assertThat(ProvisionedLimits.read(client, ADJUSTABLE_SPENT, "target")).isEmpty();
            assertThat(fake.stats().calls("GetProvisionedLimit")).isEqualTo(1);
        }
    }

    /** cognito-local answers an operation it doesn't implement with HTTP 500 CognitoLocal#Unsupported. */
    @Test
    void an_endpoint_that_fails_the_call_leaves_cognitos_defaults_after_one_unretried_call() {
        try (FakeCognito fake = FakeCognito.builder().faultRate(1).start();
                CognitoIdentityProviderClient client = learningClient(fake)) {
            assertThat(ProvisionedLimits.read(client, ADJUSTABLE_SPENT, "target")).isEmpty();
            assertThat(fake.stats().calls("GetProvisionedLimit")).isEqualTo(1);
        }
    }

    @Test
    void a_configured_limit_wins_and_only_adjustable_categories_are_asked_about() {
        assertThat(Pools.toLearn(Map.of())).isEqualTo(ADJUSTABLE_SPENT);
        assertThat(Pools.toLearn(Map.of(QuotaCategory.USER_CREATION, new QuotaLimit(70, QuotaLimit.Source.CONFIGURED))))
                .containsExactlyInAnyOrder(QuotaCategory.USER_READ, QuotaCategory.USER_RESOURCE_READ);
    }

    @Test
    void the_limiter_reports_each_limit_and_its_source() {
        QuotaLimiter limiter = new QuotaLimiter(Pools.configured(limits(Optional.of(12.0), Optional.empty())));
        limiter.limit(QuotaCategory.USER_CREATION, new QuotaLimit(80, QuotaLimit.Source.PROVISIONED));
        assertThat(limiter.limit(QuotaCategory.USER_UPDATE)).isEqualTo(new QuotaLimit(12, QuotaLimit.Source.CONFIGURED));
        assertThat(limiter.limit(QuotaCategory.USER_CREATION)).isEqualTo(new QuotaLimit(80, QuotaLimit.Source.PROVISIONED));
        assertThat(limiter.limit(QuotaCategory.USER_ACCOUNT_RECOVERY)).isEqualTo(new QuotaLimit(30, QuotaLimit.Source.DEFAULT));
        assertThat(limiter.rate(QuotaCategory.USER_UPDATE)).isEqualTo(12 * QuotaLimiter.TARGET_SHARE);
    }

    @Test
    void a_limit_of_zero_fails_start_up_naming_the_setting() {
        assertThatThrownBy(() -> Pools.configured(limits(Optional.empty(), Optional.of(0.0))))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("poolsync.rate-limits.user-list must be above 0");
    }

    private static CognitoIdentityProviderClient learningClient(FakeCognito fake) {
        QuotaLimiter limiter = new QuotaLimiter(Map.of());
        return fake.clientBuilder().overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())
                .addExecutionInterceptor(new QuotaInterceptor(limiter))).build();
    }

    private static PoolsyncConfig.RateLimits limits(Optional<Double> userUpdate, Optional<Double> userList) {
        return new Limits(userUpdate, userList);
    }

    /**
     * A named class, not an anonymous one: the interface's constraints make Quarkus see an interceptor binding on its
     * methods, which it refuses on an anonymous class when it builds any @QuarkusTest's application.
     */
    private record Limits(Optional<Double> userUpdate, Optional<Double> userList) implements PoolsyncConfig.RateLimits {
        public Optional<Double> userCreation() { return Optional.empty(); }
        public Optional<Double> userAccountRecovery() { return Optional.empty(); }
        public Optional<Double> userRead() { return Optional.empty(); }
        public Optional<Double> userResourceRead() { return Optional.empty(); }
        public Optional<Double> userResourceUpdate() { return Optional.empty(); }
        public Optional<Double> userPoolClientRead() { return Optional.empty(); }
        public Optional<Double> userPoolRead() { return Optional.empty(); }
        public Optional<Double> userPoolResourceRead() { return Optional.empty(); }
        public Optional<Double> userPoolResourceUpdate() { return Optional.empty(); }
        public Optional<Double> limitManagement() { return Optional.empty(); }
        public Optional<Boolean> shared() { return Optional.empty(); }
    }
}
