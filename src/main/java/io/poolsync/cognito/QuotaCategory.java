package io.poolsync.cognito;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The request-rate quota categories of Cognito's user pools API that poolsync spends, as AWS defines them: developer
 * guide, "Quotas in Amazon Cognito", section "Amazon Cognito user pools API operation categories and request rate
 * quotas" (https://docs.aws.amazon.com/cognito/latest/developerguide/quotas.html#category_operations, read
 * 2026-12-01). Which operation counts against which category is {@link CognitoOperation}'s.
 */
public enum QuotaCategory {
    USER_LIST("UserList", 30, false),
    USER_CREATION("UserCreation", 50, true),
    USER_ACCOUNT_RECOVERY("UserAccountRecovery", 30, false),
    USER_UPDATE("UserUpdate", 25, false),
    USER_READ("UserRead", 120, true),
    USER_RESOURCE_READ("UserResourceRead", 50, true),
    USER_RESOURCE_UPDATE("UserResourceUpdate", 25, false),
    USER_POOL_READ("UserPoolRead", 15, false),
    // The page's footnote: any single operation of these three is also held to 5 RPS per user pool.
    USER_POOL_RESOURCE_READ("UserPoolResourceRead", 20, false, 5),
    USER_POOL_RESOURCE_UPDATE("UserPoolResourceUpdate", 15, false, 5),
    USER_POOL_CLIENT_READ("UserPoolClientRead", 15, false, 5),
    LIMIT_MANAGEMENT("LimitManagement", 1, false);

    private static final Map<String, QuotaCategory> BY_SETTING = Arrays.stream(values())
            .collect(Collectors.toMap(QuotaCategory::setting, Function.identity()));

    private final String cognitoName;
    private final int defaultRps;
    private final boolean adjustable;
    private final OptionalInt perPoolOperationRps;

    QuotaCategory(String cognitoName, int defaultRps, boolean adjustable) {
        this(cognitoName, defaultRps, adjustable, OptionalInt.empty());
    }

    QuotaCategory(String cognitoName, int defaultRps, boolean adjustable, int perPoolOperationRps) {
        this(cognitoName, defaultRps, adjustable, OptionalInt.of(perPoolOperationRps));
    }

    QuotaCategory(String cognitoName, int defaultRps, boolean adjustable, OptionalInt perPoolOperationRps) {
        this.cognitoName = cognitoName;
        this.defaultRps = defaultRps;
        this.adjustable = adjustable;
        this.perPoolOperationRps = perPoolOperationRps;
    }

    /** The category's name in Cognito, in CloudWatch and in GetProvisionedLimit's {@code Category}, e.g. UserCreation. */
    public String cognitoName() {
        return cognitoName;
    }

    /** Cognito's default quota, in requests per second, for the account and Region. */
    public int defaultRps() {
        return defaultRps;
    }

    /** Whether the account can raise it; only these have a provisioned limit (GetProvisionedLimit). */
    public boolean adjustable() {
        return adjustable;
    }

    /** The cap on each single operation of this category per user pool, where Cognito sets one. */
    public OptionalInt perPoolOperationRps() {
        return perPoolOperationRps;
    }

    /** The catalogue's operations in this category. */
    public Set<CognitoOperation> operations() {
        return CognitoOperation.in(this);
    }

    /** The name under poolsync.rate-limits, e.g. {@code user-creation}. */
    public String setting() {
        return name().toLowerCase().replace('_', '-');
    }

    /** The name in the Helm chart's values and JSON, e.g. {@code userCreation}. */
    public String camelCase() {
        return Character.toLowerCase(cognitoName.charAt(0)) + cognitoName.substring(1);
    }

    public static Optional<QuotaCategory> ofSetting(String setting) {
        return Optional.ofNullable(BY_SETTING.get(setting));
    }
}
