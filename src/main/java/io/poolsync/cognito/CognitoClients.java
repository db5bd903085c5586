package io.poolsync.cognito;

import java.time.Duration;

import io.poolsync.config.PoolsyncConfig;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/** Builds the SDK client for one pool: its Region, optional endpoint override, and credentials (optionally an assumed role). */
final class CognitoClients {

    private CognitoClients() {
    }

    static CognitoIdentityProviderClient forPool(PoolsyncConfig.Pool pool, int maxConnections) {
        Region region = Region.of(pool.effectiveRegion());
        var builder = CognitoIdentityProviderClient.builder()
                .region(region)
                .credentialsProvider(credentials(pool, region))
                .httpClient(ApacheHttpClient.builder().maxConnections(maxConnections).build())
                // STANDARD retries throttling and 5xx with exponential backoff and jitter.
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(RetryMode.STANDARD)
                        .apiCallTimeout(Duration.ofSeconds(60))
                        .build());
        pool.endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    private static AwsCredentialsProvider credentials(PoolsyncConfig.Pool pool, Region region) {
        AwsCredentialsProvider base = DefaultCredentialsProvider.builder().build();
        if (pool.roleArn().isEmpty()) {
            return base;
        }
        StsClient sts = StsClient.builder().region(region).credentialsProvider(base)
                .httpClient(ApacheHttpClient.create()).build();
        return StsAssumeRoleCredentialsProvider.builder()
                .stsClient(sts)
                .refreshRequest(request -> request.roleArn(pool.roleArn().get()).roleSessionName("poolsync"))
                .build();
    }
}
