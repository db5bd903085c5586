package io.poolsync.preflight;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

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
        return QuotaCategory.ofOperation(operation).map(LimiterQuotaRates::awsName)
                .orElseThrow(() -> new IllegalArgumentException("no quota category for " + operation));
    }

    @Override
    public double rate(String category) {
        if (category.equals(USER_AUTHENTICATION)) {
            return USER_AUTHENTICATION_DEFAULT_RPS;
        }
        return Arrays.stream(QuotaCategory.values()).filter(value -> awsName(value).equals(category)).findFirst()
                .map(limiter::rate).orElseThrow(() -> new IllegalArgumentException("no quota category " + category));
    }

    /** USER_POOL_READ is UserPoolRead. */
    static String awsName(QuotaCategory category) {
        return Arrays.stream(category.name().split("_"))
                .map(word -> word.charAt(0) + word.substring(1).toLowerCase(Locale.ROOT)).collect(Collectors.joining());
    }
}
