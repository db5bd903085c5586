package io.poolsync.cognito;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.poolsync.cognito.QuotaCategory.LIMIT_MANAGEMENT;
import static io.poolsync.cognito.QuotaCategory.USER_ACCOUNT_RECOVERY;
import static io.poolsync.cognito.QuotaCategory.USER_CREATION;
import static io.poolsync.cognito.QuotaCategory.USER_LIST;
import static io.poolsync.cognito.QuotaCategory.USER_POOL_CLIENT_READ;
import static io.poolsync.cognito.QuotaCategory.USER_POOL_READ;
import static io.poolsync.cognito.QuotaCategory.USER_POOL_RESOURCE_READ;
import static io.poolsync.cognito.QuotaCategory.USER_POOL_RESOURCE_UPDATE;
import static io.poolsync.cognito.QuotaCategory.USER_READ;
import static io.poolsync.cognito.QuotaCategory.USER_RESOURCE_READ;
import static io.poolsync.cognito.QuotaCategory.USER_RESOURCE_UPDATE;
import static io.poolsync.cognito.QuotaCategory.USER_UPDATE;

/**
 * The catalogue: every Cognito operation the daemon calls, with the quota category AWS counts it against ("Quotas in
 * Amazon Cognito", section "Amazon Cognito user pools API operation categories and request rate quotas", read
 * 2026-12-01). The gateway's gating, the limiter, the metrics, the README's quota table and the chart's rate-limit
 * values all come from here. A call to an operation that is not listed is refused before it is sent.
 */
public enum CognitoOperation {
    LIST_USERS("ListUsers", USER_LIST),
    LIST_USERS_IN_GROUP("ListUsersInGroup", USER_LIST),
    ADMIN_CREATE_USER("AdminCreateUser", USER_CREATION),
    ADMIN_SET_USER_PASSWORD("AdminSetUserPassword", USER_ACCOUNT_RECOVERY),
    ADMIN_UPDATE_USER_ATTRIBUTES("AdminUpdateUserAttributes", USER_UPDATE),
    ADMIN_DELETE_USER_ATTRIBUTES("AdminDeleteUserAttributes", USER_UPDATE),
    ADMIN_LINK_PROVIDER_FOR_USER("AdminLinkProviderForUser", USER_UPDATE),
    ADMIN_DISABLE_USER("AdminDisableUser", USER_UPDATE),
    ADMIN_ENABLE_USER("AdminEnableUser", USER_UPDATE),
    ADMIN_DELETE_USER("AdminDeleteUser", USER_UPDATE),
    ADMIN_ADD_USER_TO_GROUP("AdminAddUserToGroup", USER_UPDATE),
    ADMIN_REMOVE_USER_FROM_GROUP("AdminRemoveUserFromGroup", USER_UPDATE),
    ADMIN_GET_USER("AdminGetUser", USER_READ),
    ADMIN_LIST_GROUPS_FOR_USER("AdminListGroupsForUser", USER_RESOURCE_READ),
    ADMIN_SET_USER_MFA_PREFERENCE("AdminSetUserMFAPreference", USER_RESOURCE_UPDATE),
    DESCRIBE_USER_POOL("DescribeUserPool", USER_POOL_READ),
    // Not in the page's list; taken as UserPoolRead, "operations that read your user pools".
    GET_USER_POOL_MFA_CONFIG("GetUserPoolMfaConfig", USER_POOL_READ),
    LIST_GROUPS("ListGroups", USER_POOL_RESOURCE_READ),
    GET_CSV_HEADER("GetCSVHeader", USER_POOL_RESOURCE_READ),
    DESCRIBE_USER_IMPORT_JOB("DescribeUserImportJob", USER_POOL_RESOURCE_READ),
    LIST_IDENTITY_PROVIDERS("ListIdentityProviders", USER_POOL_RESOURCE_READ),
    LIST_USER_POOL_CLIENTS("ListUserPoolClients", USER_POOL_CLIENT_READ),
    DESCRIBE_USER_POOL_CLIENT("DescribeUserPoolClient", USER_POOL_CLIENT_READ),
    CREATE_GROUP("CreateGroup", USER_POOL_RESOURCE_UPDATE),
    UPDATE_GROUP("UpdateGroup", USER_POOL_RESOURCE_UPDATE),
    CREATE_USER_IMPORT_JOB("CreateUserImportJob", USER_POOL_RESOURCE_UPDATE),
    START_USER_IMPORT_JOB("StartUserImportJob", USER_POOL_RESOURCE_UPDATE),
    ADD_CUSTOM_ATTRIBUTES("AddCustomAttributes", USER_POOL_RESOURCE_UPDATE),
    GET_PROVISIONED_LIMIT("GetProvisionedLimit", LIMIT_MANAGEMENT);

    private static final Map<String, CognitoOperation> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toMap(CognitoOperation::apiName, Function.identity()));
    private static final Map<QuotaCategory, Set<CognitoOperation>> BY_CATEGORY = Arrays.stream(QuotaCategory.values())
            .collect(Collectors.toMap(Function.identity(), category -> Collections.unmodifiableSet(
                    Arrays.stream(values()).filter(operation -> operation.category == category)
                            .collect(Collectors.toCollection(() -> EnumSet.noneOf(CognitoOperation.class))))));

    private final String apiName;
    private final QuotaCategory category;

    CognitoOperation(String apiName, QuotaCategory category) {
        this.apiName = apiName;
        this.category = category;
    }

    /** The operation's name in the API (the SDK's operation name), e.g. AdminCreateUser. */
    public String apiName() {
        return apiName;
    }

    public QuotaCategory category() {
        return category;
    }

    public static Optional<CognitoOperation> of(String apiName) {
        return Optional.ofNullable(apiName).map(BY_NAME::get);
    }

    static Set<CognitoOperation> in(QuotaCategory category) {
        return BY_CATEGORY.get(category);
    }
}
