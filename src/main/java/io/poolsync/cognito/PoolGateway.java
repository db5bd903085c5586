package io.poolsync.cognito;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.poolsync.model.CsvImportTemplate;
import io.poolsync.model.IdentityProvider;
import io.poolsync.model.ImportJob;
import io.poolsync.model.PoolDescription;
import io.poolsync.model.PoolDescription.AppClient;
import io.poolsync.model.PoolDescription.AttributeDefinition;
import io.poolsync.model.MfaFactors;
import io.poolsync.model.MfaSettings;
import io.poolsync.model.PoolGroup;
import io.poolsync.model.PoolSchema;
import io.poolsync.model.PoolSchema.PasswordPolicy;
import io.poolsync.model.PoolSchema.SchemaAttribute;
import io.poolsync.model.PoolUser;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminGetUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminListGroupsForUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GetUserPoolMfaConfigResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ListIdentityProvidersResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ListUserPoolClientsResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NumberAttributeConstraintsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.SchemaAttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.StringAttributeConstraintsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ListGroupsResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ListUsersInGroupResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ListUsersResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.PasswordPolicyType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserImportJobType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolType;

/** The only code that calls Cognito: one pool, read and write, every failure turned into a {@link PoolCallException}. */
public final class PoolGateway implements SourcePool, TargetPool, PoolInspector, AutoCloseable {

    /** ListUsers' maximum page size. */
    static final int PAGE_LIMIT = 60;

    /** sub is a lowercase hex UUID: one segment per leading digit covers the pool exactly once. */
    private static final String SUB_PREFIXES = "0123456789abcdef";

    private final CognitoIdentityProviderClient client;
    private final String poolId;
    private final UserTypeMapper mapper;
    private final int scanners;
    private final PresignedUpload presignedUpload = new PresignedUpload();

    /** @param scanners parallel scanners for a full scan; 1 pages through the pool plainly */
    public PoolGateway(CognitoIdentityProviderClient client, String poolId, UserTypeMapper mapper, int scanners) {
        this.client = client;
        this.poolId = poolId;
        this.mapper = mapper;
        this.scanners = scanners;
    }

    public String poolId() {
        return poolId;
    }

    @Override
    public PoolSchema describe() {
        UserPoolType pool = call("DescribeUserPool", () -> client.describeUserPool(r -> r.userPoolId(poolId)).userPool());
        Map<String, SchemaAttribute> attributes = new HashMap<>();
        pool.schemaAttributes().forEach(attribute -> attributes.put(attribute.name(),
                new SchemaAttribute(attribute.name(), !Boolean.FALSE.equals(attribute.mutable()))));
        boolean caseSensitive = pool.usernameConfiguration() == null
                || !Boolean.FALSE.equals(pool.usernameConfiguration().caseSensitive());
        return new PoolSchema(poolId, pool.usernameAttributesAsStrings(), caseSensitive, attributes, passwordPolicy(pool));
    }

    /** Cognito's estimate of the pool's user count (DescribeUserPool), for progress; empty when it reports none. */
    @Override
    public OptionalLong estimatedUsers() {
        Integer estimate = call("DescribeUserPool",
                () -> client.describeUserPool(r -> r.userPoolId(poolId)).userPool().estimatedNumberOfUsers());
        return estimate == null || estimate <= 0 ? OptionalLong.empty() : OptionalLong.of(estimate);
    }

    private static PasswordPolicy passwordPolicy(UserPoolType pool) {
        PasswordPolicyType policy = pool.policies() == null ? null : pool.policies().passwordPolicy();
        if (policy == null) {
            return PasswordPolicy.COGNITO_DEFAULT;
        }
        return new PasswordPolicy(policy.minimumLength() == null ? 8 : policy.minimumLength(),
                Boolean.TRUE.equals(policy.requireUppercase()), Boolean.TRUE.equals(policy.requireLowercase()),
                Boolean.TRUE.equals(policy.requireNumbers()), Boolean.TRUE.equals(policy.requireSymbols()));
    }

    /**
     * With more than one scanner and no filter, the 16 {@code sub} prefix segments are read concurrently, so the sink
     * must be thread-safe. A filter can't be combined with the segment filter, so a filtered scan is plain.
     */
    @Override
    public void forEachUser(Optional<String> filter, Consumer<PoolUser> sink) {
        if (filter.isPresent() || scanners == 1) {
            scan(filter, sink);
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(scanners, runnable -> {
            Thread thread = new Thread(runnable, "poolsync-scan-" + poolId);
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> segments = new ArrayList<>();
            for (char prefix : SUB_PREFIXES.toCharArray()) {
                segments.add(pool.submit(() -> scan(Optional.of("sub ^= \"" + prefix + "\""), sink)));
            }
            for (Future<?> segment : segments) {
                segment.get();
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PoolCallException("ListUsers", "Interrupted", "scan interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Pages through one filter's users; each page's token is used at once, well inside its hour of validity. */
    private void scan(Optional<String> filter, Consumer<PoolUser> sink) {
        String token = null;
        do {
            String pageToken = token;
            ListUsersResponse page = call("ListUsers", () -> client.listUsers(
                    r -> r.userPoolId(poolId).limit(PAGE_LIMIT).paginationToken(pageToken).filter(filter.orElse(null))));
            page.users().forEach(user -> sink.accept(mapper.toPoolUser(user)));
            // A short page does not mean the end: only a missing token does.
            token = page.paginationToken();
        } while (token != null && !token.isEmpty());
    }

    @Override
    public List<PoolGroup> groups() {
        List<PoolGroup> groups = new ArrayList<>();
        String token = null;
        do {
            String pageToken = token;
            ListGroupsResponse page = call("ListGroups",
                    () -> client.listGroups(r -> r.userPoolId(poolId).limit(PAGE_LIMIT).nextToken(pageToken)));
            page.groups().forEach(group -> groups.add(
                    new PoolGroup(group.groupName(), group.description(), group.precedence(), group.roleArn())));
            token = page.nextToken();
        } while (token != null && !token.isEmpty());
        return groups;
    }

    @Override
    public void forEachMember(String group, Consumer<PoolUser> sink) {
        String token = null;
        do {
            String pageToken = token;
            ListUsersInGroupResponse page = call("ListUsersInGroup", () -> client.listUsersInGroup(
                    r -> r.userPoolId(poolId).groupName(group).limit(PAGE_LIMIT).nextToken(pageToken)));
            page.users().forEach(user -> sink.accept(mapper.toPoolUser(user)));
            token = page.nextToken();
        } while (token != null && !token.isEmpty());
    }

    @Override
    public Set<String> groupsOf(String username) {
        Set<String> groups = new TreeSet<>();
        String token = null;
        do {
            String pageToken = token;
            AdminListGroupsForUserResponse page = call("AdminListGroupsForUser", () -> client.adminListGroupsForUser(
                    r -> r.userPoolId(poolId).username(username).limit(PAGE_LIMIT).nextToken(pageToken)));
            page.groups().forEach(group -> groups.add(group.groupName()));
            token = page.nextToken();
        } while (token != null && !token.isEmpty());
        return groups;
    }

    @Override
    public Optional<PoolUser> findUser(String username) {
        try {
            AdminGetUserResponse user = client.adminGetUser(r -> r.userPoolId(poolId).username(username));
            return Optional.of(mapper.toPoolUser(user.username(), user.userAttributes(), user.enabled(),
                    user.userStatusAsString(), user.userCreateDate()));
        } catch (UserNotFoundException e) {
            return Optional.empty();
        } catch (CognitoIdentityProviderException | SdkClientException e) {
            throw translate("AdminGetUser", e);
        }
    }

    @Override
    public void createUser(String username, Map<String, String> attributes, List<String> invitationMediums) {
        call("AdminCreateUser", () -> client.adminCreateUser(r -> {
            r.userPoolId(poolId).username(username).userAttributes(mapper.toAttributes(attributes));
            if (invitationMediums.isEmpty()) {
                r.messageAction(MessageActionType.SUPPRESS);
            } else {
                r.desiredDeliveryMediumsWithStrings(invitationMediums);
            }
        }));
    }

    @Override
    public void setPermanentPassword(String username, String password) {
        call("AdminSetUserPassword", () -> client.adminSetUserPassword(
                r -> r.userPoolId(poolId).username(username).password(password).permanent(true)));
    }

    @Override
    public void updateAttributes(String username, Map<String, String> attributes) {
        call("AdminUpdateUserAttributes", () -> client.adminUpdateUserAttributes(
                r -> r.userPoolId(poolId).username(username).userAttributes(mapper.toAttributes(attributes))));
    }

    @Override
    public void deleteAttributes(String username, Collection<String> names) {
        call("AdminDeleteUserAttributes", () -> client.adminDeleteUserAttributes(
                r -> r.userPoolId(poolId).username(username).userAttributeNames(names)));
    }

    @Override
    public void setEnabled(String username, boolean enabled) {
        if (enabled) {
            call("AdminEnableUser", () -> client.adminEnableUser(r -> r.userPoolId(poolId).username(username)));
        } else {
            call("AdminDisableUser", () -> client.adminDisableUser(r -> r.userPoolId(poolId).username(username)));
        }
    }

    @Override
    public void deleteUser(String username) {
        call("AdminDeleteUser", () -> client.adminDeleteUser(r -> r.userPoolId(poolId).username(username)));
    }

    @Override
    public void createGroup(PoolGroup group) {
        call("CreateGroup", () -> client.createGroup(r -> r.userPoolId(poolId).groupName(group.name())
                .description(group.description()).precedence(group.precedence()).roleArn(group.roleArn())));
    }

    @Override
    public void updateGroup(PoolGroup group) {
        call("UpdateGroup", () -> client.updateGroup(r -> r.userPoolId(poolId).groupName(group.name())
                .description(group.description()).precedence(group.precedence()).roleArn(group.roleArn())));
    }

    @Override
    public void addToGroup(String username, String group) {
        call("AdminAddUserToGroup",
                () -> client.adminAddUserToGroup(r -> r.userPoolId(poolId).username(username).groupName(group)));
    }

    @Override
    public void removeFromGroup(String username, String group) {
        call("AdminRemoveUserFromGroup",
                () -> client.adminRemoveUserFromGroup(r -> r.userPoolId(poolId).username(username).groupName(group)));
    }

    @Override
    public List<IdentityProvider> identityProviders() {
        List<IdentityProvider> providers = new ArrayList<>();
        String token = null;
        do {
            String pageToken = token;
            // MaxResults is 1..60 (API reference, ListIdentityProviders).
            ListIdentityProvidersResponse page = call("ListIdentityProviders", () -> client.listIdentityProviders(
                    r -> r.userPoolId(poolId).maxResults(PAGE_LIMIT).nextToken(pageToken)));
            page.providers().forEach(provider -> providers.add(
                    new IdentityProvider(provider.providerName(), provider.providerTypeAsString())));
            token = page.nextToken();
        } while (token != null && !token.isEmpty());
        return providers;
    }

    @Override
    public MfaFactors mfaFactors() {
        GetUserPoolMfaConfigResponse config = call("GetUserPoolMfaConfig",
                () -> client.getUserPoolMfaConfig(r -> r.userPoolId(poolId)));
        Set<String> factors = new HashSet<>();
        // A factor's configuration is present only when the pool has it (API reference, GetUserPoolMfaConfig); SMS
        // also needs the SNS role Cognito sends messages with (SmsConfiguration).
        if (config.smsMfaConfiguration() != null && config.smsMfaConfiguration().smsConfiguration() != null) {
            factors.add(MfaSettings.SMS);
        }
        if (config.emailMfaConfiguration() != null) {
            factors.add(MfaSettings.EMAIL);
        }
        if (config.softwareTokenMfaConfiguration() != null
                && Boolean.TRUE.equals(config.softwareTokenMfaConfiguration().enabled())) {
            factors.add(MfaSettings.TOTP);
        }
        String mode = config.mfaConfigurationAsString();
        return new MfaFactors(mode == null ? "OFF" : mode, factors);
    }

    @Override
    public MfaSettings mfaSettings(String username) {
        AdminGetUserResponse user = call("AdminGetUser", () -> client.adminGetUser(r -> r.userPoolId(poolId).username(username)));
        // The list is absent, not empty, for a user without MFA; MFAOptions is the deprecated SMS-only form.
        List<String> enabled = user.hasUserMFASettingList() ? user.userMFASettingList() : List.of();
        return new MfaSettings(new HashSet<>(enabled), Optional.ofNullable(user.preferredMfaSetting()).filter(enabled::contains));
    }

    @Override
    public void linkIdentity(String username, String providerName, String subject) {
        call("AdminLinkProviderForUser", () -> client.adminLinkProviderForUser(r -> r.userPoolId(poolId)
                .destinationUser(d -> d.providerName("Cognito").providerAttributeValue(username))
                .sourceUser(s -> s.providerName(providerName).providerAttributeName("Cognito_Subject")
                        .providerAttributeValue(subject))));
    }

    @Override
    public void setMfaPreference(String username, MfaSettings settings) {
        String preferred = settings.preferred().orElse("");
        call("AdminSetUserMFAPreference", () -> client.adminSetUserMFAPreference(r -> r.userPoolId(poolId).username(username)
                .smsMfaSettings(s -> s.enabled(settings.uses(MfaSettings.SMS)).preferredMfa(preferred.equals(MfaSettings.SMS)))
                .emailMfaSettings(e -> e.enabled(settings.uses(MfaSettings.EMAIL))
                        .preferredMfa(preferred.equals(MfaSettings.EMAIL)))));
    }

    @Override
    public CsvImportTemplate importTemplate() {
        List<String> columns = call("GetCSVHeader", () -> client.getCSVHeader(r -> r.userPoolId(poolId)).csvHeader());
        UserPoolType pool = call("DescribeUserPool", () -> client.describeUserPool(r -> r.userPoolId(poolId)).userPool());
        return new CsvImportTemplate(poolId, pool.name(), columns, pool.autoVerifiedAttributesAsStrings(),
                pool.mfaConfigurationAsString() == null ? "OFF" : pool.mfaConfigurationAsString());
    }

    @Override
    public ImportJob createImportJob(String jobName, String cloudWatchLogsRoleArn) {
        return importJob(call("CreateUserImportJob", () -> client.createUserImportJob(
                r -> r.userPoolId(poolId).jobName(jobName).cloudWatchLogsRoleArn(cloudWatchLogsRoleArn)).userImportJob()));
    }

    @Override
    public void upload(ImportJob job, Path csv) {
        presignedUpload.put(job.preSignedUrl(), csv, job.jobId());
    }

    @Override
    public ImportJob startImportJob(String jobId) {
        return importJob(call("StartUserImportJob",
                () -> client.startUserImportJob(r -> r.userPoolId(poolId).jobId(jobId)).userImportJob()));
    }

    @Override
    public ImportJob describeImportJob(String jobId) {
        return importJob(call("DescribeUserImportJob",
                () -> client.describeUserImportJob(r -> r.userPoolId(poolId).jobId(jobId)).userImportJob()));
    }

    private static ImportJob importJob(UserImportJobType job) {
        return new ImportJob(job.jobId(), job.jobName(), job.statusAsString(),
                job.preSignedUrl() == null ? null : URI.create(job.preSignedUrl()), count(job.importedUsers()),
                count(job.skippedUsers()), count(job.failedUsers()), job.completionMessage());
    }

    private static long count(Long value) {
        return value == null ? 0 : value;
    }

    private static <T> T call(String operation, Supplier<T> request) {
        try {
            return request.get();
        } catch (CognitoIdentityProviderException | SdkClientException e) {
            throw translate(operation, e);
        }
    }

    private static PoolCallException translate(String operation, RuntimeException e) {
        if (e instanceof CognitoIdentityProviderException cognito && cognito.awsErrorDetails() != null) {
            return new PoolCallException(operation, cognito.awsErrorDetails().errorCode(),
                    cognito.awsErrorDetails().errorMessage(), e);
        }
        return new PoolCallException(operation, e.getClass().getSimpleName(), e.getMessage(), e);
    }

    @Override
    public PoolDescription describePool() {
        UserPoolType pool = call("DescribeUserPool", () -> client.describeUserPool(r -> r.userPoolId(poolId)).userPool());
        Map<String, AttributeDefinition> attributes = new HashMap<>();
        pool.schemaAttributes().forEach(attribute -> attributes.put(attribute.name(), definition(attribute)));
        boolean caseSensitive = pool.usernameConfiguration() == null
                || !Boolean.FALSE.equals(pool.usernameConfiguration().caseSensitive());
        // EmailConfigurationType: without an EmailSendingAccount, Cognito sends with its own default sender.
        String sendingAccount = pool.emailConfiguration() == null || pool.emailConfiguration().emailSendingAccountAsString() == null
                ? "COGNITO_DEFAULT"
                : pool.emailConfiguration().emailSendingAccountAsString();
        Integer estimate = pool.estimatedNumberOfUsers();
        return new PoolDescription(poolId, pool.usernameAttributesAsStrings(), pool.aliasAttributesAsStrings(), caseSensitive,
                attributes, pool.autoVerifiedAttributesAsStrings(),
                pool.mfaConfigurationAsString() == null ? "OFF" : pool.mfaConfigurationAsString(),
                Optional.ofNullable(pool.lambdaConfig() == null ? null : pool.lambdaConfig().userMigration()),
                sendingAccount,
                pool.smsConfiguration() != null && pool.smsConfiguration().snsCallerArn() != null,
                pool.userPoolTierAsString() == null ? PoolDescription.UNKNOWN_TIER : pool.userPoolTierAsString(),
                estimate == null || estimate < 0 ? OptionalLong.empty() : OptionalLong.of(estimate));
    }

    private static AttributeDefinition definition(SchemaAttributeType attribute) {
        StringAttributeConstraintsType strings = attribute.stringAttributeConstraints();
        NumberAttributeConstraintsType numbers = attribute.numberAttributeConstraints();
        return new AttributeDefinition(attribute.name(),
                attribute.attributeDataTypeAsString() == null ? "String" : attribute.attributeDataTypeAsString(),
                !Boolean.FALSE.equals(attribute.mutable()), Boolean.TRUE.equals(attribute.required()),
                strings == null ? null : strings.minLength(), strings == null ? null : strings.maxLength(),
                numbers == null ? null : numbers.minValue(), numbers == null ? null : numbers.maxValue());
    }

    @Override
    public List<AppClient> appClients() {
        List<AppClient> clients = new ArrayList<>();
        String token = null;
        do {
            String pageToken = token;
            ListUserPoolClientsResponse page = call("ListUserPoolClients",
                    () -> client.listUserPoolClients(r -> r.userPoolId(poolId).maxResults(PAGE_LIMIT).nextToken(pageToken)));
            page.userPoolClients().forEach(summary -> {
                UserPoolClientType described = call("DescribeUserPoolClient", () -> client.describeUserPoolClient(
                        r -> r.userPoolId(poolId).clientId(summary.clientId())).userPoolClient());
                clients.add(new AppClient(described.clientId(), described.clientName(),
                        described.explicitAuthFlowsAsStrings()));
            });
            token = page.nextToken();
        } while (token != null && !token.isEmpty());
        return clients;
    }

    /** AddCustomAttributes takes each name without "custom:", at most 25 attributes a request. */
    @Override
    public void addCustomAttributes(List<AttributeDefinition> attributes) {
        for (int from = 0; from < attributes.size(); from += 25) {
            List<SchemaAttributeType> batch = attributes.subList(from, Math.min(from + 25, attributes.size())).stream()
                    .map(PoolGateway::customAttribute).toList();
            call("AddCustomAttributes", () -> client.addCustomAttributes(r -> r.userPoolId(poolId).customAttributes(batch)));
        }
    }

    private static SchemaAttributeType customAttribute(AttributeDefinition attribute) {
        SchemaAttributeType.Builder type = SchemaAttributeType.builder()
                .name(attribute.name().substring(PoolDescription.CUSTOM_PREFIX.length()))
                .attributeDataType(attribute.dataType()).mutable(attribute.mutable());
        if (attribute.minLength() != null || attribute.maxLength() != null) {
            type.stringAttributeConstraints(c -> c.minLength(attribute.minLength()).maxLength(attribute.maxLength()));
        }
        if (attribute.minValue() != null || attribute.maxValue() != null) {
            type.numberAttributeConstraints(c -> c.minValue(attribute.minValue()).maxValue(attribute.maxValue()));
        }
        return type.build();
    }

    @Override
    public void close() {
        client.close();
    }
}
