package io.poolsync.contract;

import java.util.EnumMap;
import java.util.Map;

import org.junit.jupiter.api.AutoClose;

import io.poolsync.testing.CognitoLocal;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

/**
 * The contract against cognito-local 5.3.0 (node_modules). Its gaps against real Cognito are listed in
 * {@link #knownGaps()}; each affected test checks the gap still reproduces and then aborts with the reason below.
 */
class CognitoLocalContractTest extends CognitoContract {

    /** One emulator for the class (one instance of it), closed after its last test. */
    @AutoClose
    private final CognitoLocal local = CognitoLocal.start();
    @AutoClose
    private final CognitoIdentityProviderClient client = local.client();

    @Override
    protected CognitoIdentityProviderClient client() {
        return client;
    }

    @Override
    protected CognitoIdentityProviderClient clientWithoutRetries() {
        return CognitoIdentityProviderClient.builder()
                .endpointOverride(local.endpoint())
                .region(Region.of("local"))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(ApacheHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    @Override
    protected Map<Gap, String> knownGaps() {
        Map<Gap, String> gaps = new EnumMap<>(Gap.class);
        gaps.put(Gap.LIST_USERS_PAGING, "cognito-local has no ListUsers paging: it ignores Limit and returns every user "
                + "in one page without a PaginationToken (use the fake for paging)");
        gaps.put(Gap.LIST_USERS_LIMIT_MAX_60, "cognito-local accepts ListUsers Limit > 60 instead of answering "
                + "InvalidParameterException (use the fake)");
        gaps.put(Gap.LIST_USERS_IN_GROUP_PAGING, "cognito-local has no ListUsersInGroup paging: it ignores Limit and "
                + "returns every member without a NextToken (use the fake)");
        gaps.put(Gap.THROTTLING, "cognito-local has no quotas: it never answers TooManyRequestsException (use the fake)");
        gaps.put(Gap.UPDATE_UNKNOWN_USER_NOT_FOUND, "cognito-local answers NotAuthorizedException, not "
                + "UserNotFoundException, to AdminUpdateUserAttributes for an unknown user");
        gaps.put(Gap.DUPLICATE_GROUP_REJECTED, "cognito-local silently replaces an existing group on CreateGroup "
                + "instead of answering GroupExistsException");
        gaps.put(Gap.UNKNOWN_GROUP_IN_POOL_WITHOUT_GROUPS, "cognito-local answers HTTP 500 (a StormDB 'non-existant "
                + "object' error), not ResourceNotFoundException, when a pool that has no group yet is asked for a group");
        gaps.put(Gap.CREATE_USER_CHECKS_SCHEMA, "cognito-local's AdminCreateUser stores attributes missing from the "
                + "schema instead of answering InvalidParameterException");
        gaps.put(Gap.IDENTITY_PROVIDERS, "cognito-local implements no identity provider operations "
                + "(CreateIdentityProvider, ListIdentityProviders, DescribeIdentityProvider; use the fake)");
        gaps.put(Gap.LINK_PROVIDER_FOR_USER, "cognito-local has no AdminLinkProviderForUser (use the fake)");
        gaps.put(Gap.ADMIN_SET_USER_MFA_PREFERENCE, "cognito-local has SetUserMFAPreference (with a user's access token) "
                + "but no AdminSetUserMFAPreference (use the fake)");
        return gaps;
    }
}
