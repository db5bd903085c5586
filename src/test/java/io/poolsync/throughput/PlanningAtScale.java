package io.poolsync.throughput;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import com.sun.management.OperatingSystemMXBean;

import io.poolsync.config.VerifiedFlagPolicy;
import io.poolsync.mapping.AttributeRules;
import io.poolsync.model.PoolUser;
import io.poolsync.model.UserStatus;
import io.poolsync.plan.MatchKey;
import io.poolsync.plan.PlannedRemoval;
import io.poolsync.plan.PlannedUser;
import io.poolsync.plan.Planner;
import io.poolsync.plan.UpsertPolicy;
import io.poolsync.plan.TargetIndex;
import io.poolsync.testing.GeneratedUsers;

/**
 * The {@code scale-10m} scenario's in-memory half, run in a JVM of its own with {@code -Xmx1g} (see
 * {@link ScaleBenchmark}'s {@code --planning-only}): poolsync's production index and planner over the benchmark's users
 * (a re-sync, 1% changed, users in the order a scan hands them over), without HTTP, so ten million users take minutes
 * rather than the hours a scan through the fake takes on two shared cores. Prints one line of figures, read from this
 * JVM's MXBeans: heap after GC per target user, peak heap, GC pauses, CPU.
 */
public final class PlanningAtScale {

    private static final String SOURCE_SUB = MigrationPools.SOURCE_SUB;

    public static void main(String[] args) {
        int users = Integer.parseInt(args[0]);
        int staleEvery = 100;
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpuBefore = os.getProcessCpuTime();
        long gcBefore = gcMillis();
        long started = System.nanoTime();
        long baseline = usedAfterGc();
        // Heap in use, garbage included, sampled: the most the run needed at once.
        java.util.concurrent.atomic.AtomicLong peak = new java.util.concurrent.atomic.AtomicLong();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();

        Set<String> managed = new java.util.HashSet<>(MigrationPools.attributesOf(0).keySet());
        managed.addAll(Set.of("phone_number", "phone_number_verified"));
        Planner planner = new Planner(Set.of(UserStatus.CONFIRMED), Set.of(SOURCE_SUB), managed, Set.of(),
                new UpsertPolicy(), true, false);
        AttributeRules rules = new AttributeRules(Set.of(PoolUser.SUB), Map.of(), VerifiedFlagPolicy.COPY,
                VerifiedFlagPolicy.COPY, Optional.of(SOURCE_SUB));
        TargetIndex index = planner.index(MatchKey.byUsername(true), Optional.of(SOURCE_SUB));
        for (int i = 0; i < users; i++) {
            Map<String, String> copy = new TreeMap<>(MigrationPools.attributesOf(i));
            copy.put(SOURCE_SUB, sourceSub(i));
            copy.put(PoolUser.SUB, UUID.nameUUIDFromBytes(("target-" + i).getBytes()).toString());
            if (i % staleEvery == 0) {
                copy.put("given_name", "Before" + i);
            }
            index.add(new PoolUser(MigrationPools.username(i), copy, GeneratedUsers.enabled(i), UserStatus.CONFIRMED));
        }
        long indexed = usedAfterGc();

        Planner.Planning planning = planner.start(index, java.util.List.of(), Map.of());
        Map<PlannedUser.Action, Long> actions = new EnumMap<>(PlannedUser.Action.class);
        long deferred = 0;
        for (int i = 0; i < users; i++) {
            Map<String, String> attributes = new TreeMap<>(MigrationPools.attributesOf(i));
            attributes.put(PoolUser.SUB, sourceSub(i));
            Optional<PlannedUser> planned = planning.next(rules.desire(new PoolUser(MigrationPools.username(i), attributes,
                    GeneratedUsers.enabled(i), UserStatus.CONFIRMED)));
            if (planned.isEmpty()) {
                deferred++;
            } else {
                actions.merge(planned.get().action(), 1L, Long::sum);
            }
        }
        int removals = planning.removals().size();
        long planned = usedAfterGc();
        sampler.interrupt();
        StringBuilder collectors = new StringBuilder();
        ManagementFactory.getGarbageCollectorMXBeans().forEach(gc -> collectors.append(String.format(java.util.Locale.ROOT,
                "[%s: %d, %.2f s]", gc.getName().replace(' ', '_'), gc.getCollectionCount(), gc.getCollectionTime() / 1e3)));
        java.lang.ref.Reference.reachabilityFence(index);

        System.out.printf(java.util.Locale.ROOT, "RESULT users=%d wallSeconds=%.1f cpuSeconds=%.1f gcSeconds=%.2f "
                        + "maxHeapMiB=%d peakHeapMiB=%d indexBytesPerUser=%d afterPlanningBytesPerUser=%d actions=%s "
                        + "deferred=%d removals=%d collectors=%s (%d full collections of them the measurement's own)%n",
                users, (System.nanoTime() - started) / 1e9,
                (os.getProcessCpuTime() - cpuBefore) / 1e9, (gcMillis() - gcBefore - measuringGcMillis) / 1e3,
                Runtime.getRuntime().maxMemory() >> 20, peak.get() >> 20, (indexed - baseline) / users,
                (planned - baseline) / users, actions, deferred, removals, collectors, MEASURING_COLLECTIONS);
    }

    /** The source user's sub, as the fake would generate one: a UUID per number. */
    private static String sourceSub(int i) {
        return UUID.nameUUIDFromBytes(("source-" + i).getBytes()).toString();
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    }

    private static final int MEASURING_COLLECTIONS = 6;

    /** GC time spent in the measurement's own full collections, left out of the figures. */
    private static long measuringGcMillis;

    private static long usedAfterGc() {
        long before = gcMillis();
        for (int i = 0; i < 2; i++) {
            System.gc(); // a measurement, not synchronisation: what stays after full collections is what is retained
        }
        measuringGcMillis += gcMillis() - before;
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
