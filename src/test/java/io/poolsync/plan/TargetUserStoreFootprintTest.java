package io.poolsync.plan;

import static io.poolsync.testing.GeneratedUsers.zeroPadded;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntFunction;

import org.junit.jupiter.api.Test;

/**
 * Heap a {@link TargetUserStore} of a million users retains, measured (used heap after full collections, before and
 * after), not timed. The store's 64-byte budget covers usernames that pack (UUIDs, or up to 16 bytes); longer ones add
 * their length.
 */
class TargetUserStoreFootprintTest {

    private static final int USERS = 1_000_000;
    private static final Digests DIGESTS = new Digests(7, 64);

    @Test
    void aMillionUsersWithGeneratedUuidUsernamesAndGroupsTakeAtMost64BytesEach() {
        long bytes = bytesPerUser(i -> new UUID(i * 0x9E3779B97F4A7C15L, i).toString(), true);
        System.out.printf("TargetUserStore: %d bytes a user (1,000,000 users, UUID usernames, group memberships)%n", bytes);
        assertThat(bytes).isLessThanOrEqualTo(64);
    }

    @Test
    void aMillionUsersWithShortUsernamesTakeAtMost64BytesEach() {
        long bytes = bytesPerUser(i -> "user-" + zeroPadded(i, 7), false);
        System.out.printf("TargetUserStore: %d bytes a user (1,000,000 users, 12-byte usernames)%n", bytes);
        assertThat(bytes).isLessThanOrEqualTo(64);
    }

    @Test
    void longUsernamesAddTheirLength() {
        // 26 bytes each: spilled whole.
        long bytes = bytesPerUser(i -> "person." + zeroPadded(i, 7) + "@example.com", false);
        System.out.printf("TargetUserStore: %d bytes a user (1,000,000 users, 26-byte usernames)%n", bytes);
        assertThat(bytes).isLessThanOrEqualTo(64 + 26);
    }

    private static long bytesPerUser(IntFunction<String> username, boolean groups) {
        long before = usedHeapAfterGc();
        TargetUserStore store = new TargetUserStore();
        for (int i = 0; i < USERS; i++) {
            String name = username.apply(i);
            store.add(new TargetUserStore.User(name, true, DIGESTS.of(name), true, DIGESTS.of("sub-" + i),
                    DIGESTS.ofAttributes(Map.of("email", name), any -> true), "CONFIRMED", i % 10 != 0,
                    1_700_000_000_000L + i));
            if (groups) {
                store.addGroup(i, "group-" + i % 5);
            }
        }
        long after = usedHeapAfterGc();
        Reference.reachabilityFence(store);
        return (after - before) / USERS;
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc(); // a measurement, not synchronisation: what stays after full collections is what is retained
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
