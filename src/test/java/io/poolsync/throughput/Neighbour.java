package io.poolsync.throughput;

import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.poolsync.fake.FakeCognito;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.TooManyRequestsException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;

/**
 * Another tenant of the account's UserUpdate quota: an application updating its users' attributes at a steady rate in
 * a pool of its own, without retries, so each throttle shows.
 */
final class Neighbour implements AutoCloseable {

    private final CognitoIdentityProviderClient client;
    private final ScheduledExecutorService clock;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong throttled = new AtomicLong();

    private Neighbour(FakeCognito fake, double perSecond) {
        String pool = fake.seedPool("neighbour");
        fake.seedUser(pool, "app-user", Map.of("given_name", "App"), true, UserStatusType.CONFIRMED);
        this.client = fake.clientWithoutRetries();
        this.clock = Executors.newScheduledThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "neighbour");
            thread.setDaemon(true);
            return thread;
        });
        long every = (long) (1e9 / perSecond);
        clock.scheduleAtFixedRate(() -> update(pool), 0, every, TimeUnit.NANOSECONDS);
    }

    static Neighbour start(FakeCognito fake, double perSecond) {
        return new Neighbour(fake, perSecond);
    }

    private void update(String pool) {
        try {
            client.adminUpdateUserAttributes(r -> r.userPoolId(pool).username("app-user")
                    .userAttributes(a -> a.name("given_name").value("App" + System.nanoTime())));
            accepted.incrementAndGet();
        } catch (TooManyRequestsException e) {
            throttled.incrementAndGet();
        }
    }

    long accepted() {
        return accepted.get();
    }

    long throttled() {
        return throttled.get();
    }

    @Override
    public void close() {
        clock.shutdownNow();
        try {
            clock.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        client.close();
    }
}
