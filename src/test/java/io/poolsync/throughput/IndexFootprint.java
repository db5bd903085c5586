package io.poolsync.throughput;

import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import io.poolsync.model.PoolUser;
import io.poolsync.plan.Digests;
import io.poolsync.plan.MatchKey;
import io.poolsync.plan.TargetIndex;
import io.poolsync.testing.GeneratedUsers;

/**
 * Heap a {@link TargetIndex} retains per target user, measured in this JVM: used heap after full collections, before
 * and after adding N users through its public {@code add(PoolUser)}. Every string is a fresh copy, as a parsed
 * ListUsers page hands them over, so nothing is shared that the real scan would not share.
 */
final class IndexFootprint {

    private IndexFootprint() {
    }

    static long bytesPerUser(int users) {
        long before = usedHeapAfterGc();
        // The benchmark's source attributes are the ones compared.
        Set<String> compared = new HashSet<>(MigrationPools.attributesOf(0).keySet());
        compared.add("phone_number");
        compared.add("phone_number_verified");
        TargetIndex index = new TargetIndex(MatchKey.byUsername(true), Optional.of(MigrationPools.SOURCE_SUB), compared,
                true, Digests.seeded());
        for (int i = 0; i < users; i++) {
            index.add(asScanned(i));
        }
        long after = usedHeapAfterGc();
        Reference.reachabilityFence(index);
        return (after - before) / users;
    }

    /** A target user as the scan would read it: the bench's attributes, the target's sub and the source sub. */
    private static PoolUser asScanned(int i) {
        Map<String, String> attributes = new TreeMap<>();
        MigrationPools.attributesOf(i).forEach((name, value) -> attributes.put(new String(name), new String(value)));
        attributes.put(new String(PoolUser.SUB), UUID.nameUUIDFromBytes(("target-" + i).getBytes()).toString());
        attributes.put(new String(MigrationPools.SOURCE_SUB), UUID.nameUUIDFromBytes(("source-" + i).getBytes()).toString());
        return new PoolUser(new String(MigrationPools.username(i)), attributes, GeneratedUsers.enabled(i),
                new String("CONFIRMED"));
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc(); // a measurement, not synchronisation: what stays after full collections is what is retained
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
