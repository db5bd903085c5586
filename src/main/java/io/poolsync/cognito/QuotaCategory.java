package io.poolsync.cognito;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Cognito's request-rate quota categories, the operations poolsync calls in each, and Cognito's default rate. */
public enum QuotaCategory {
    USER_LIST(30, "ListUsers", "ListUsersInGroup"),
    USER_CREATION(50, "AdminCreateUser"),
    USER_UPDATE(25, "AdminUpdateUserAttributes", "AdminDeleteUserAttributes", "AdminSetUserPassword", "AdminDisableUser",
            "AdminEnableUser", "AdminDeleteUser"),
    USER_READ(120, "AdminGetUser"),
    USER_RESOURCE_READ(50, "AdminListGroupsForUser"),
    USER_RESOURCE_UPDATE(25, "AdminAddUserToGroup", "AdminRemoveUserFromGroup"),
    // "Quotas in Amazon Cognito": UserPoolRead is the operations that read a pool's configuration.
    USER_POOL_READ(15, "DescribeUserPool", "GetUserPoolMfaConfig"),
    // Cognito counts the user import job operations as reads and updates of a pool's resources, and identity
    // providers and custom attributes as a pool's resources too.
    USER_POOL_RESOURCE_READ(20, "ListGroups", "GetGroup", "GetCSVHeader", "DescribeUserImportJob", "ListIdentityProviders"),
    USER_POOL_RESOURCE_UPDATE(15, "CreateGroup", "UpdateGroup", "CreateUserImportJob", "StartUserImportJob",
            "AddCustomAttributes"),
    // "Quotas in Amazon Cognito": app clients have a category of their own, UserPoolClientRead, 15 a second.
    USER_POOL_CLIENT_READ(15, "ListUserPoolClients", "DescribeUserPoolClient");

    private static final Map<String, QuotaCategory> BY_OPERATION = Arrays.stream(values())
            .flatMap(category -> category.operations.stream().map(operation -> Map.entry(operation, category)))
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    private static final Map<String, QuotaCategory> BY_SETTING = Arrays.stream(values())
            .collect(Collectors.toMap(QuotaCategory::setting, Function.identity()));

    private final double cognitoDefaultRps;
    private final Set<String> operations;

    QuotaCategory(double cognitoDefaultRps, String... operations) {
        this.cognitoDefaultRps = cognitoDefaultRps;
        this.operations = Set.of(operations);
    }

    /** The Cognito operations poolsync calls in this category. */
    public Set<String> operations() {
        return operations;
    }

    public double cognitoDefaultRps() {
        return cognitoDefaultRps;
    }

    /** The name under poolsync.rate-limits, e.g. {@code user-creation}. */
    public String setting() {
        return name().toLowerCase().replace('_', '-');
    }

    public static Optional<QuotaCategory> ofOperation(String operation) {
        return Optional.ofNullable(BY_OPERATION.get(operation));
    }

    public static Optional<QuotaCategory> ofSetting(String setting) {
        return Optional.ofNullable(BY_SETTING.get(setting));
    }
}
