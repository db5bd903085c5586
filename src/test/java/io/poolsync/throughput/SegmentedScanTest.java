package io.poolsync.throughput;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.poolsync.cognito.PoolGateway;
import io.poolsync.cognito.UserTypeMapperImpl;
import io.poolsync.fake.FakeCognito;
import io.poolsync.fake.FakeUserView;
import io.poolsync.fake.Quotas;
import io.poolsync.model.PoolUser;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

/**
 * The 16-segment scan ({@code sub ^= "0"} ... {@code "f"}, read concurrently) returns exactly the users of the plain
 * scan, each once, and both return exactly what the pool holds, over short pages (a page may hold anything from 0 to 60
 * users while more remain) and with 5% of calls failing and being retried.
 */
class SegmentedScanTest {

    static final int USERS = 3_000;

    @Test
    void sixteenSegmentsReadExactlyThePlainScansUsers() {
        try (FakeCognito fake = FakeCognito.builder().quotas(Quotas.unlimited()).shortPages(true).faultRate(0.05)
                .randomSeed(4).start();
                CognitoIdentityProviderClient client = fake.clientBuilder()
                        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(10).circuitBreakerEnabled(false).build()))
                        .build()) {
            MigrationPools pools = MigrationPools.create(fake, false);
            pools.seedSource(USERS);

            AtomicInteger plainRepeats = new AtomicInteger();
            AtomicInteger segmentedRepeats = new AtomicInteger();
            Map<String, PoolUser> plain = scan(new PoolGateway(client, pools.source(), new UserTypeMapperImpl(), 1),
                    plainRepeats);
            Map<String, PoolUser> segmented = scan(new PoolGateway(client, pools.source(), new UserTypeMapperImpl(), 16),
                    segmentedRepeats);

            assertThat(plainRepeats).as("users the plain scan returned twice").hasValue(0);
            assertThat(segmentedRepeats).as("users the segmented scan returned twice").hasValue(0);
            assertThat(segmented).isEqualTo(plain);
            assertThat(segmented).isEqualTo(stored(fake, pools));
            assertThat(fake.stats().calls("ListUsers")).as("short pages: more calls than full pages would take")
                    .isGreaterThan(2L * USERS / 60 + 16);
            assertThat(fake.stats().faults()).isPositive();
        }
    }

    private static Map<String, PoolUser> scan(PoolGateway gateway, AtomicInteger repeats) {
        Map<String, PoolUser> users = new ConcurrentHashMap<>();
        gateway.forEachUser(Optional.empty(), user -> {
            if (users.put(user.username(), user) != null) {
                repeats.incrementAndGet();
            }
        });
        return users;
    }

    /** The pool's users as the fake stores them. */
    private static Map<String, PoolUser> stored(FakeCognito fake, MigrationPools pools) {
        Map<String, PoolUser> users = new HashMap<>();
        for (int i = 0; i < USERS; i++) {
            FakeUserView user = fake.user(pools.source(), MigrationPools.username(i)).orElseThrow();
            users.put(user.username(), new PoolUser(user.username(), user.attributes(), user.enabled(),
                    user.status().toString(), user.created()));
        }
        assertThat(fake.userCount(pools.source())).isEqualTo(USERS);
        return users;
    }
}
