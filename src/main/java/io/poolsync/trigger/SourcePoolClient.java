package io.poolsync.trigger;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.poolsync.model.PoolUser;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminGetUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminInitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidPasswordException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.PasswordResetRequiredException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotConfirmedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/** The source pool through the AWS SDK: the only class of the trigger that calls it. */
final class SourcePoolClient implements SourcePool {

    /**
     * Cognito waits five seconds for the trigger and the trigger makes two calls, so each gets two, retries included.
     * A source that can't answer in time refuses one sign-in rather than hanging every one.
     */
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(2);

    private final CognitoIdentityProviderClient cognito;
    private final String poolId;
    private final String clientId;
    private final Optional<String> clientSecret;

    SourcePoolClient(CognitoIdentityProviderClient cognito, String poolId, String clientId, Optional<String> clientSecret) {
        this.cognito = cognito;
        this.poolId = poolId;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    static SourcePoolClient create(TriggerSettings settings) {
        Region region = Region.of(settings.region());
        // The URLConnection client: no connection pool to set up, the smallest and fastest to start in a Lambda.
        var builder = CognitoIdentityProviderClient.builder()
                .region(region)
                .credentialsProvider(credentials(settings, region))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(configuration -> configuration.apiCallTimeout(CALL_TIMEOUT));
        settings.endpoint().ifPresent(builder::endpointOverride);
        return new SourcePoolClient(builder.build(), settings.poolId(), settings.clientId(), settings.clientSecret());
    }

    /** The function's role, or a role it assumes to reach a source pool in another account. */
    private static AwsCredentialsProvider credentials(TriggerSettings settings, Region region) {
        AwsCredentialsProvider base = DefaultCredentialsProvider.builder().build();
        if (settings.roleArn().isEmpty()) {
            return base;
        }
        StsClient sts = StsClient.builder().region(region).credentialsProvider(base)
                .httpClient(UrlConnectionHttpClient.create()).build();
        return StsAssumeRoleCredentialsProvider.builder()
                .stsClient(sts)
                .refreshRequest(request -> request.roleArn(settings.roleArn().get()).roleSessionName("poolsync-migrate-user"))
                .build();
    }

    @Override
    public SignIn signIn(String userName, String password) {
        Map<String, String> parameters = new HashMap<>();
        parameters.put("USERNAME", userName);
        parameters.put("PASSWORD", password);
        clientSecret.ifPresent(secret -> parameters.put("SECRET_HASH", secretHash(userName, clientId, secret)));
        try {
            // The SDK redacts AuthParameters from its toString and logs, so the password goes nowhere but the request.
            AdminInitiateAuthResponse response = cognito.adminInitiateAuth(request -> request.userPoolId(poolId)
                    .clientId(clientId).authFlow(AuthFlowType.ADMIN_USER_PASSWORD_AUTH).authParameters(parameters));
            return response.challengeName() == null ? SignIn.SIGNED_IN : SignIn.CHALLENGED;
        } catch (NotAuthorizedException | UserNotFoundException | PasswordResetRequiredException
                | UserNotConfirmedException | InvalidPasswordException e) {
            // InvalidPasswordException: what cognito-local answers for a wrong password.
            throw MigrationFailedException.denied("the source pool refused the sign-in: "
                    + e.awsErrorDetails().errorCode() + ": " + e.awsErrorDetails().errorMessage());
        } catch (SdkException e) {
            throw MigrationFailedException.unavailable("AdminInitiateAuth on the source pool " + poolId + " failed", e);
        }
    }

    @Override
    public Optional<PoolUser> user(String userName) {
        try {
            AdminGetUserResponse user = cognito.adminGetUser(request -> request.userPoolId(poolId).username(userName));
            return Optional.of(new PoolUser(user.username(), attributes(user.userAttributes()),
                    Boolean.TRUE.equals(user.enabled()), user.userStatusAsString()));
        } catch (UserNotFoundException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw MigrationFailedException.unavailable("AdminGetUser on the source pool " + poolId + " failed", e);
        }
    }

    private static Map<String, String> attributes(List<AttributeType> attributes) {
        Map<String, String> map = new TreeMap<>();
        attributes.forEach(attribute -> map.put(attribute.name(), attribute.value() == null ? "" : attribute.value()));
        return map;
    }

    /** Cognito's SECRET_HASH, required when the app client has a secret: Base64(HMAC-SHA256(secret, username + client id)). */
    static String secretHash(String userName, String clientId, String clientSecret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(clientSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal((userName + clientId).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}
