package io.poolsync.fake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.TooManyRequestsException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;

/** The fake's quotas: token buckets per category, one budget for all pools, the statistics. */
class FakeCognitoThrottlingTest {

    @Test
    void defaultQuotasAreCognitos() {
        Quotas defaults = Quotas.cognitoDefaults();

        assertThat(defaults.rate(QuotaCategory.USER_LIST)).hasValue(30);
        assertThat(defaults.rate(QuotaCategory.USER_CREATION)).hasValue(50);
        assertThat(defaults.rate(QuotaCategory.USER_UPDATE)).hasValue(25);
        assertThat(defaults.rate(QuotaCategory.USER_READ)).hasValue(120);
        assertThat(defaults.rate(QuotaCategory.USER_RESOURCE_READ)).hasValue(50);
        assertThat(defaults.rate(QuotaCategory.USER_RESOURCE_UPDATE)).hasValue(25);
        assertThat(defaults.rate(QuotaCategory.USER_POOL_READ)).hasValue(15);
        assertThat(defaults.rate(QuotaCategory.USER_POOL_RESOURCE_READ)).hasValue(20);
        assertThat(defaults.rate(QuotaCategory.USER_POOL_RESOURCE_UPDATE)).hasValue(15);
        assertThat(QuotaCategory.of("ListUsersInGroup")).hasValue(QuotaCategory.USER_LIST);
        assertThat(QuotaCategory.of("AdminDeleteUser")).hasValue(QuotaCategory.USER_UPDATE);
        assertThat(QuotaCategory.of("AdminRemoveUserFromGroup")).hasValue(QuotaCategory.USER_UPDATE);
        assertThat(QuotaCategory.of("AdminSetUserPassword")).hasValue(QuotaCategory.USER_ACCOUNT_RECOVERY);
        assertThat(defaults.rate(QuotaCategory.USER_ACCOUNT_RECOVERY)).hasValue(30);
        assertThat(defaults.rate(QuotaCategory.LIMIT_MANAGEMENT)).hasValue(1);
        assertThat(QuotaCategory.of("GetGroup")).hasValue(QuotaCategory.USER_POOL_RESOURCE_READ);
        assertThat(QuotaCategory.of("CreateUserPool")).isEmpty();
        assertThat(Quotas.unlimited().rate(QuotaCategory.USER_LIST)).isEmpty();
        assertThat(defaults.withRate(QuotaCategory.USER_LIST, 7).rate(QuotaCategory.USER_LIST)).hasValue(7);
        assertThat(defaults.withoutLimit(QuotaCategory.USER_LIST).rate(QuotaCategory.USER_LIST)).isEmpty();
        assertThat(defaults.scaled(0.5).rate(QuotaCategory.USER_READ)).hasValue(60);
    }

    /** The page's footnote: one pool's single UserPoolResourceRead operation is held to 5 RPS within the category's 20. */
    @Test
    void aSingleUserPoolResourceOperationIsCappedPerPool() {
        try (FakeCognito fake = FakeCognito.builder().randomSeed(3).start();
                var client = fake.clientWithoutRetries()) {
            String one = fake.seedPool("one");
            String two = fake.seedPool("two");
            int accepted = 0;
            long started = System.nanoTime();
            for (int i = 0; i < 8; i++) {
                for (String pool : List.of(one, two)) {
                    try {
                        client.listGroups(r -> r.userPoolId(pool));
                        accepted++;
                    } catch (software.amazon.awssdk.services.cognitoidentityprovider.model.TooManyRequestsException e) {
                        // the per-pool cap
                    }
                }
            }
            org.junit.jupiter.api.Assumptions.assumeTrue(System.nanoTime() - started < 900_000_000L,
                    "16 calls took a second or more on this machine");
            assertThat(accepted).as("5 a pool within one second; the category's 20 never binds: %s", fake.stats().summary()).isEqualTo(10);
        }
    }

    @Test
    void noSlidingWindowEverHoldsMoreThanTheRate() {
        // the bucket against a synthetic clock: bursts, gaps and jitter, 200k arrivals
        QuotaLimiter limiter = new QuotaLimiter(25);
        FakeStats stats = new FakeStats();
        SplittableRandom random = new SplittableRandom(7);
        long now = 0;
        int accepted = 0;
        for (int i = 0; i < 200_000; i++) {
            now += random.nextInt(10) == 0 ? random.nextLong(50_000_000L) : random.nextLong(2_000_000L);
            if (limiter.tryAcquire(now)) {
                stats.recordAccepted(QuotaCategory.USER_UPDATE, now);
                accepted++;
            }
        }
        assertThat(stats.maxAcceptedInAnyWindow(QuotaCategory.USER_UPDATE)).isEqualTo(25);
        assertThat(stats.maxAcceptedPerSecond(QuotaCategory.USER_UPDATE)).isLessThanOrEqualTo(25);
        // and it does admit the rate: ~ duration x rps
        double seconds = now / 1e9;
        assertThat(accepted).isBetween((int) (seconds * 25 * 0.9), (int) (seconds * 25) + 25);
    }

    @Test
    void burstAboveTheRateIsAnsweredTooManyRequestsAndNoWindowExceedsTheRate() throws Exception {
        try (FakeCognito fake = FakeCognito.start(); CognitoIdentityProviderClient client = fake.clientWithoutRetries()) {
            String pool = fake.seedPool("burst");
            AtomicInteger throttled = new AtomicInteger();
            AtomicInteger ok = new AtomicInteger();

            parallel(4, 25, () -> {
                try {
                    client.describeUserPool(r -> r.userPoolId(pool));
                    ok.incrementAndGet();
                } catch (TooManyRequestsException e) {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("TooManyRequestsException");
                    throttled.incrementAndGet();
                }
            });

            FakeStats stats = fake.stats();
            assertThat(throttled.get()).isPositive();
            assertThat(stats.calls("DescribeUserPool")).isEqualTo(100);
            assertThat(stats.throttled("DescribeUserPool")).isEqualTo(throttled.get());
            assertThat(stats.throttled(QuotaCategory.USER_POOL_READ)).isEqualTo(throttled.get());
            assertThat(stats.accepted(QuotaCategory.USER_POOL_READ)).isEqualTo(ok.get());
            assertThat(stats.maxAcceptedInAnyWindow(QuotaCategory.USER_POOL_READ)).isBetween(1, 15);
            assertThat(stats.maxAcceptedPerSecond(QuotaCategory.USER_POOL_READ)).isBetween(1, 15);
            assertThat(stats.acceptedPerSecond(QuotaCategory.USER_POOL_READ).values()).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(15));
        }
    }

    @Test
    void oneBudgetIsSharedByEveryPoolAndRefillsOverTime() throws Exception {
        int rps = 10;
        try (FakeCognito fake = FakeCognito.builder().quotas(Quotas.unlimited().withRate(QuotaCategory.USER_LIST, rps)).start();
             CognitoIdentityProviderClient client = fake.clientWithoutRetries()) {
            String source = fake.seedPool("source");
            String target = fake.seedPool("target");
            long deadline = System.nanoTime() + Duration.ofMillis(2500).toNanos();
            long started = System.nanoTime();
            AtomicInteger accepted = new AtomicInteger();

            parallel(4, Integer.MAX_VALUE, () -> {
                if (System.nanoTime() > deadline) {
                    throw new StopLoop();
                }
                String pool = accepted.get() % 2 == 0 ? source : target;
                try {
                    client.listUsers(r -> r.userPoolId(pool));
                    accepted.incrementAndGet();
                } catch (TooManyRequestsException expected) {
                    // throttled
                }
            });
            double seconds = (System.nanoTime() - started) / 1e9;

            FakeStats stats = fake.stats();
            assertThat(stats.maxAcceptedInAnyWindow(QuotaCategory.USER_LIST)).isEqualTo(rps);
            assertThat(stats.acceptedPerSecond(QuotaCategory.USER_LIST).values()).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(rps));
            // both pools drew on the one budget: at most rps per second in total
            assertThat(accepted.get()).isBetween((int) (seconds * rps * 0.8), (int) Math.ceil(seconds) * rps + rps);
            assertThat(stats.throttled("ListUsers")).isPositive();
        }
    }

    @Test
    void createUserPoolIsNeverThrottledAndQuotasCanChangeAtRuntime() {
        Quotas tiny = Quotas.unlimited();
        for (QuotaCategory category : QuotaCategory.values()) {
            tiny = tiny.withRate(category, 1);
        }
        try (FakeCognito fake = FakeCognito.builder().quotas(tiny).start(); CognitoIdentityProviderClient client = fake.clientWithoutRetries()) {
            List<String> pools = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                int n = i;
                pools.add(client.createUserPool(r -> r.poolName("seed-" + n)).userPool().id());
            }
            client.describeUserPool(r -> r.userPoolId(pools.get(0)));
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.describeUserPool(r -> r.userPoolId(pools.get(1))))
                    .isInstanceOf(TooManyRequestsException.class);

            fake.quotas(Quotas.unlimited());
            for (String pool : pools) {
                client.describeUserPool(r -> r.userPoolId(pool));
            }
            assertThat(fake.stats().throttled()).isEqualTo(1);
        }
    }

    @Test
    void unlimitedQuotasNeverThrottleButStillRecordTheLoad() throws Exception {
        try (FakeCognito fake = FakeCognito.builder().quotas(Quotas.unlimited()).start(); CognitoIdentityProviderClient client = fake.clientWithoutRetries()) {
            String pool = fake.seedPool("free");
            fake.seedUser(pool, "u", Map.of(), true, UserStatusType.CONFIRMED);

            parallel(4, 75, () -> client.adminGetUser(r -> r.userPoolId(pool).username("u")));

            assertThat(fake.stats().throttled()).isZero();
            assertThat(fake.stats().accepted(QuotaCategory.USER_READ)).isEqualTo(300);
            assertThat(fake.stats().maxAcceptedInAnyWindow(QuotaCategory.USER_READ)).isPositive();
            fake.stats().reset();
            assertThat(fake.stats().calls()).isZero();
        }
    }

    @Test
    void theDefaultClientBacksOffAndGetsThroughThrottling() {
        try (FakeCognito fake = FakeCognito.builder().quotas(Quotas.unlimited().withRate(QuotaCategory.USER_READ, 5)).start()) {
            String pool = fake.seedPool("retry");
            fake.seedUser(pool, "u", Map.of(), true, UserStatusType.CONFIRMED);

            for (int i = 0; i < 8; i++) {
                assertThat(fake.client().adminGetUser(r -> r.userPoolId(pool).username("u")).username()).isEqualTo("u");
            }

            assertThat(fake.stats().throttled("AdminGetUser")).isPositive();
            assertThat(fake.stats().maxAcceptedInAnyWindow(QuotaCategory.USER_READ)).isLessThanOrEqualTo(5);
        }
    }

    /** Thrown by a task to end its thread's loop. */
    static final class StopLoop extends RuntimeException {
    }

    interface Task {
        void run() throws Exception;
    }

    /** Runs {@code task} {@code times} times on each of {@code threads} threads (or until it throws StopLoop). */
    static void parallel(int threads, int times, Task task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < times; i++) {
                        try {
                            task.run();
                        } catch (StopLoop stop) {
                            return null;
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
