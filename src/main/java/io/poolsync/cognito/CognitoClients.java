package io.poolsync.cognito;

import java.time.Duration;

import io.poolsync.config.PoolsyncConfig;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/** Builds the SDK client for one pool: its Region, optional endpoint override, and credentials (optionally an assumed role). */
final class CognitoClients {

    private CognitoClients() {
    }

    /** @param maxAttempts attempts per call, the first included; 1 never retries */
    static CognitoIdentityProviderClient forPool(PoolsyncConfig.Pool pool, int maxConnections, QuotaLimiter limiter,
            int maxAttempts) {
        Region region = Region.of(pool.effectiveRegion());
        var builder = CognitoIdentityProviderClient.builder()
                .region(region)
                .credentialsProvider(credentials(pool, region))
                .httpClient(ApacheHttpClient.builder().maxConnections(maxConnections).build())
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        // Throttling and 5xx are retried with exponential backoff and jitter. No circuit breaker: the
                        // limiter already keeps poolsync under its quota, and a throttled call must be retried, not dropped.
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(maxAttempts).circuitBreakerEnabled(false).build())
                        .addExecutionInterceptor(new QuotaInterceptor(limiter))
                        .apiCallTimeout(Duration.ofMinutes(5))
                        .apiCallAttemptTimeout(Duration.ofSeconds(30))
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
