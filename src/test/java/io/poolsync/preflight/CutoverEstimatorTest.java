package io.poolsync.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.poolsync.cognito.QuotaCategory;
import io.poolsync.cognito.QuotaLimiter;

class CutoverEstimatorTest {

    /** Cognito's default rates, poolsync's limiter as configured with them. */
    private final QuotaRates rates = new LimiterQuotaRates(new QuotaLimiter(Map.of()));

    @Test
    void eachStrategyCountsItsCallsPerCategoryAndTheSlowestCategoryDecidesTheTime() {
        Descriptions.Counts counts = new Descriptions.Counts();
        counts.users = 6_000;
        counts.replicable = 6_000;
        counts.disabled = 60;

        List<Estimate> estimates = new CutoverEstimator(rates, 500_000).estimate(counts.build(), 0);

        assertThat(estimates).extracting(Estimate::strategy)
                .containsExactly("confirmed", "invite", "import-job", "update-only+trigger");
        Estimate confirmed = estimates.get(0);
        // 100 source pages and one empty target page; 6,000 creates; 6,000 passwords (UserAccountRecovery) and 60
        // disables (UserUpdate).
        assertThat(confirmed.calls()).containsEntry("UserList", 101L).containsEntry("UserCreation", 6_000L)
                .containsEntry("UserAccountRecovery", 6_000L).containsEntry("UserUpdate", 60L);
        assertThat(confirmed.seconds()).isEqualTo(
                (long) Math.ceil(6_000.0 / new QuotaLimiter(Map.of()).rate(QuotaCategory.USER_ACCOUNT_RECOVERY)));
        assertThat(confirmed.monthlyActiveUsers()).isEqualTo(6_000);

        Estimate invite = estimates.get(1);
        assertThat(invite.calls()).containsEntry("UserCreation", 6_000L).containsEntry("UserUpdate", 60L);
        assertThat(invite.seconds()).isEqualTo(
                (long) Math.ceil(6_000.0 / new QuotaLimiter(Map.of()).rate(QuotaCategory.USER_CREATION)));

        Estimate importJob = estimates.get(2);
        assertThat(importJob.calls()).containsEntry("UserPoolResourceUpdate", 2L).containsEntry("UserUpdate", 60L)
                .doesNotContainKey("UserCreation");
        assertThat(importJob.monthlyActiveUsers()).isEqualTo(60);

        Estimate trigger = estimates.get(3);
        assertThat(trigger.calls()).containsEntry("UserAuthentication", 6_000L).containsEntry("UserRead", 6_000L);
        // UserAuthentication at Cognito's 120 a second; UserRead at poolsync's own rate, just under its 120.
        assertThat(trigger.seconds()).isEqualTo(
                (long) Math.ceil(6_000.0 / new QuotaLimiter(Map.of()).rate(QuotaCategory.USER_READ)));
        assertThat(trigger.monthlyActiveUsers()).isEqualTo(6_000);
    }

    @Test
    void aLargeSourceNeedsAnImportJobPerMaximumOfUsers() {
        Descriptions.Counts counts = new Descriptions.Counts();
        counts.users = 1_200_000;
        counts.replicable = 1_200_000;

        Estimate importJob = new CutoverEstimator(rates, 500_000).estimate(counts.build(), 0).get(2);

        // Three CreateUserImportJob and three StartUserImportJob.
        assertThat(importJob.calls()).containsEntry("UserPoolResourceUpdate", 6L);
    }

    @Test
    void categoriesAreNamedAsCognitoNamesThem() {
        assertThat(QuotaCategory.USER_POOL_CLIENT_READ.cognitoName()).isEqualTo("UserPoolClientRead");
        assertThat(rates.category("AddCustomAttributes")).isEqualTo("UserPoolResourceUpdate");
        assertThat(rates.category("ListIdentityProviders")).isEqualTo("UserPoolResourceRead");
        assertThat(rates.category("DescribeUserPoolClient")).isEqualTo("UserPoolClientRead");
    }
}
