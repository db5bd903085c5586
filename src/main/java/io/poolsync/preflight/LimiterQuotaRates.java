package io.poolsync.preflight;

import java.util.Arrays;

import io.poolsync.cognito.CognitoOperation;
import io.poolsync.cognito.QuotaCategory;
import io.poolsync.cognito.QuotaLimiter;

/**
 * The rates poolsync's limiter runs at. The Migrate User trigger runs in Lambda, outside the limiter: its sign-in
 * against the source, AdminInitiateAuth, is counted in UserAuthentication at Cognito's default of 120 a second
 * ("Quotas in Amazon Cognito").
 */
public final class LimiterQuotaRates implements QuotaRates {

    static final String USER_AUTHENTICATION = "UserAuthentication";
    private static final double USER_AUTHENTICATION_DEFAULT_RPS = 120;

    private final QuotaLimiter limiter;

    public LimiterQuotaRates(QuotaLimiter limiter) {
        this.limiter = limiter;
    }

    @Override
    public String category(String operation) {
        if (operation.equals("AdminInitiateAuth")) {
            return USER_AUTHENTICATION;
        }
        return CognitoOperation.of(operation).map(known -> known.category().cognitoName())
                .orElseThrow(() -> new IllegalArgumentException("no quota category for " + operation));
    }

    @Override
    public double rate(String category) {
        if (category.equals(USER_AUTHENTICATION)) {
            return USER_AUTHENTICATION_DEFAULT_RPS;
        }
        return Arrays.stream(QuotaCategory.values()).filter(value -> value.cognitoName().equals(category)).findFirst()
                .map(limiter::rate).orElseThrow(() -> new IllegalArgumentException("no quota category " + category));
    }
}
