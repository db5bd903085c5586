package io.poolsync.fake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ListUsersResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserType;

/**
 * A hundred thousand users seeded directly into the fake, then read back over HTTP with the real SDK, the way
 * poolsync scans, 16 {@code sub ^= "x"} segments in parallel pages of 60: each user exactly once, and the fake's
 * retained heap per user bounded. Seed and scan times go to stdout and target/fake-cognito-large-pool.txt as figures,
 * not assertions (times are the benchmark's business; a million users took half a minute of the suite for the same
 * assertions). Excluded with {@code -DexcludedGroups=slow}.
 */
@Tag("slow")
class FakeCognitoLargePoolTest {

    private static final int USERS = 100_000;
    private static final int SCANNERS = 4;

    @Test
    @DisplayName("SLOW: 100,000 users seeded directly, then paged through HTTP exactly once each")
    void aHundredThousandUsersSeedAndScan() throws Exception {
        try (FakeCognito fake = FakeCognito.builder().quotas(Quotas.unlimited()).threads(8).randomSeed(1).start()) {
            String pool = fake.seedPool("large", "source_sub");
            long heapBefore = retainedHeap();

            long seedStart = System.nanoTime();
            for (int i = 0; i < USERS; i++) {
                fake.seedUser(pool, username(i), Map.of("email", "user" + i + "@example.com", "email_verified", "true",
                        "given_name", "Given" + i, "custom:source_sub", "src-" + i), true, UserStatusType.CONFIRMED);
            }
            Duration seedTime = Duration.ofNanos(System.nanoTime() - seedStart);
            long heapAfterSeed = retainedHeap();
            long bytesPerUser = (heapAfterSeed - heapBefore) / USERS;

            BitSet seen = new BitSet(USERS);
            AtomicInteger duplicates = new AtomicInteger();
            AtomicLong pages = new AtomicLong();
            AtomicLong maxCallNanos = new AtomicLong();
            long scanStart = System.nanoTime();
            ExecutorService scanners = Executors.newFixedThreadPool(SCANNERS);
            try {
                CognitoIdentityProviderClient client = fake.client();
                List<Future<?>> segments = new ArrayList<>();
                for (char hex : "0123456789abcdef".toCharArray()) {
                    segments.add(scanners.submit(() -> {
                        String token = null;
                        do {
                            String next = token;
                            long callStart = System.nanoTime();
                            ListUsersResponse page = client.listUsers(r -> r.userPoolId(pool).limit(60)
                                    .filter("sub ^= \"" + hex + "\"").paginationToken(next));
                            maxCallNanos.accumulateAndGet(System.nanoTime() - callStart, Math::max);
                            pages.incrementAndGet();
                            synchronized (seen) {
                                for (UserType user : page.users()) {
                                    int index = Integer.parseInt(user.username().substring(1));
                                    if (seen.get(index)) {
                                        duplicates.incrementAndGet();
                                    }
                                    seen.set(index);
                                }
                            }
                            token = page.paginationToken();
                        } while (token != null);
                        return null;
                    }));
                }
                for (Future<?> segment : segments) {
                    segment.get();
                }
            } finally {
                scanners.shutdownNow();
            }
            Duration scanTime = Duration.ofNanos(System.nanoTime() - scanStart);
            long heapAfterScan = retainedHeap();

            String figures = String.format("FakeCognito %,d users: seed %.1f s (%.0f users/s), retained heap %d MB "
                            + "(%d bytes/user, 4 attributes + sub); HTTP scan with the SDK, %d threads x 16 sub-prefix segments, "
                            + "Limit 60: %.1f s, %d pages (%.0f users/s), slowest call %d ms; heap after scan %d MB; "
                            + "max heap %d MB, %d cores",
                    USERS, seedTime.toMillis() / 1e3, USERS / (seedTime.toNanos() / 1e9), (heapAfterSeed - heapBefore) >> 20,
                    bytesPerUser, SCANNERS, scanTime.toMillis() / 1e3, pages.get(), USERS / (scanTime.toNanos() / 1e9),
                    maxCallNanos.get() / 1_000_000, heapAfterScan >> 20, Runtime.getRuntime().maxMemory() >> 20,
                    Runtime.getRuntime().availableProcessors());
            System.out.println(figures);
            write(figures);

            assertThat(fake.userCount(pool)).isEqualTo(USERS);
            assertThat(duplicates).hasValue(0);
            assertThat(seen.cardinality()).isEqualTo(USERS);
            assertThat(fake.stats().calls("ListUsers")).isEqualTo(pages.get());
            assertThat(bytesPerUser).as("retained bytes per user").isLessThan(600);
        }
    }

    private static String username(int i) {
        return String.format("u%07d", i);
    }

    /** Heap in use after a full collection (one: each costs ~1 s with 400 MB live). */
    private static long retainedHeap() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void write(String figures) throws IOException {
        Path target = Path.of("target");
        if (Files.isDirectory(target)) {
            Files.writeString(target.resolve("fake-cognito-large-pool.txt"), figures + System.lineSeparator());
        }
    }
}
