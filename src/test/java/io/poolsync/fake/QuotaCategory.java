package io.poolsync.fake;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Cognito's per-account quota categories with their default rates (requests per second) and the operations the fake
 * counts against each. Operations missing from every category (CreateUserPool) are never throttled.
 */
public enum QuotaCategory {
    USER_LIST(30, "ListUsers", "ListUsersInGroup"),
    USER_CREATION(50, "AdminCreateUser"),
    USER_UPDATE(25, "AdminUpdateUserAttributes", "AdminDeleteUserAttributes", "AdminSetUserPassword",
            "AdminDisableUser", "AdminEnableUser", "AdminDeleteUser"),
    USER_READ(120, "AdminGetUser"),
    USER_RESOURCE_READ(50, "AdminListGroupsForUser"),
    USER_RESOURCE_UPDATE(25, "AdminAddUserToGroup", "AdminRemoveUserFromGroup"),
    USER_POOL_READ(15, "DescribeUserPool", "GetUserPoolMfaConfig"),
    USER_POOL_RESOURCE_READ(20, "ListGroups", "GetGroup", "GetCSVHeader", "DescribeUserImportJob", "ListIdentityProviders"),
    USER_POOL_RESOURCE_UPDATE(15, "CreateGroup", "UpdateGroup", "CreateUserImportJob", "StartUserImportJob",
            "AddCustomAttributes", "CreateIdentityProvider"),
    USER_POOL_CLIENT_READ(15, "ListUserPoolClients", "DescribeUserPoolClient");

    private static final Map<String, QuotaCategory> BY_OPERATION = Stream.of(values())
            .flatMap(c -> c.operations.stream().map(op -> Map.entry(op, c)))
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));

    private final int defaultRps;
    private final Set<String> operations;

    QuotaCategory(int defaultRps, String... operations) {
        this.defaultRps = defaultRps;
        this.operations = Set.of(operations);
    }

    /** Cognito's default rate for this category, in requests per second. */
    public int defaultRps() {
        return defaultRps;
    }

    public Set<String> operations() {
        return operations;
    }

    /** The category an operation (e.g. "ListUsers") counts against; empty for unthrottled operations. */
    public static Optional<QuotaCategory> of(String operation) {
        return Optional.ofNullable(BY_OPERATION.get(operation));
    }
}
