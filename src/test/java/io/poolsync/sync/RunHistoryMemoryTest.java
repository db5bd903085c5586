package io.poolsync.sync;

import static io.poolsync.testing.GeneratedUsers.zeroPadded;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import io.poolsync.model.DesiredUser;
import io.poolsync.plan.PlannedUser;

/**
 * The run history's heap, measured in this JVM as used heap after full collections (a measurement, not a timing):
 * twenty runs of 100,000 planned users must fit in the chart's {@code -Xmx576m} beside the target index.
 */
class RunHistoryMemoryTest {

    /** What the history may take of the chart's 576 MB heap; the rest is the target index's and the run's own. */
    private static final long HISTORY_BUDGET = 64L << 20;
    private static final int USERS_PER_RUN = 100_000;
    private static final int MEASURED_RUNS = 10;

    @Test
    void aRetainedPlanItemCostsAFewHundredBytesAndTheKeptItemsAreBounded() {
        // The median of three measurements, each over the items of ten runs held at once: other threads of the test JVM
        // allocate too, which adds to one, and release what earlier test classes left them, which takes from one (a
        // full suite measured -916 bytes, and 912, over one run's items); over ten runs' the same megabytes weigh a
        // tenth as much per item. In a JVM of its own (the pom's heap-measurements) one outlier is the most seen.
        long[] measured = new long[3];
        for (int attempt = 0; attempt < measured.length; attempt++) {
            long before = usedHeapAfterGc();
            List<SyncRun> runs = new ArrayList<>();
            for (int r = 0; r < MEASURED_RUNS; r++) {
                SyncRun run = new SyncRun(SyncRun.Trigger.API, true, Clock.systemUTC());
                run.groupsPlanned(List.of());
                for (int i = 0; i < PlanReport.MAX_ITEMS; i++) {
                    run.userPlanned(create(i));
                }
                runs.add(run);
            }
            measured[attempt] = (usedHeapAfterGc() - before) / ((long) MEASURED_RUNS * PlanReport.MAX_ITEMS);
            Reference.reachabilityFence(runs);
        }
        Arrays.sort(measured);
        long perItem = measured[measured.length / 2];
        System.out.printf("heap retained per kept CREATE plan item: %d bytes%n", perItem);

        assertThat(perItem).as("bytes per kept item").isBetween(50L, 2_000L);
        long worstCaseHistory = SyncService.KEPT_DETAILED_RUNS
                * (2L * PlanReport.MAX_ITEMS * perItem + SyncRun.MAX_KEPT_FAILURES * 2L * perItem);
        assertThat(worstCaseHistory).as("the newest runs' items and failures, at most").isLessThan(HISTORY_BUDGET);
    }

    @Test
    void twentyRunsOfAHundredThousandPlannedUsersFitTheBudget() {
        long before = usedHeapAfterGc();
        Deque<SyncRun> history = new ArrayDeque<>();
        for (int r = 0; r < SyncService.KEPT_RUNS; r++) {
            SyncRun run = new SyncRun(SyncRun.Trigger.SCHEDULE, true, Clock.systemUTC());
            SyncService.remember(history, run);
            run.groupsPlanned(List.of());
            for (int i = 0; i < USERS_PER_RUN; i++) {
                run.userPlanned(create(i));
            }
            run.finish();
        }
        long retained = usedHeapAfterGc() - before;
        System.out.printf("heap retained by %d runs of %d planned users: %d KB%n", SyncService.KEPT_RUNS,
                USERS_PER_RUN, retained >> 10);

        assertThat(retained).isLessThan(HISTORY_BUDGET);
        SyncRun newest = history.getFirst();
        assertThat(newest.plan().orElseThrow().items()).hasSize(PlanReport.MAX_ITEMS);
        assertThat(newest.plan().orElseThrow().itemsNote()).contains("90000 items beyond the 10000 kept");
        assertThat(newest.summary().plan().users()).containsEntry("CREATE", (long) USERS_PER_RUN);
        SyncRun oldest = history.getLast();
        assertThat(oldest.plan().orElseThrow().items()).isEmpty();
        assertThat(oldest.plan().orElseThrow().itemsNote()).contains("runs older than the last 5 are not kept");
        assertThat(oldest.counters().get(RunCounter.PLANNED_WRITES)).isEqualTo(USERS_PER_RUN);
    }

    /** A user to create as the planner hands it over: fresh strings, as a parsed ListUsers page gives them. */
    private static PlannedUser create(int i) {
        Map<String, String> attributes = new TreeMap<>();
        attributes.put(new String("email"), "user" + i + "@example.com");
        attributes.put(new String("email_verified"), new String("true"));
        attributes.put(new String("given_name"), "Given" + i);
        attributes.put(new String("family_name"), "Family" + i);
        attributes.put(new String("custom:source_sub"), "3f1c0b9e-0000-4000-8000-" + zeroPadded(i, 12));
        DesiredUser desired = new DesiredUser("user" + i, "3f1c0b9e-0000-4000-8000-" + zeroPadded(i, 12),
                new String("CONFIRMED"), true, attributes, Set.of());
        return new PlannedUser(PlannedUser.Action.CREATE, "user" + i, desired, attributes,
                PlannedUser.EnabledChange.NONE, Set.of(), Set.of(), false, "");
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc(); // a measurement, not synchronisation: what stays after full collections is what is retained
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
