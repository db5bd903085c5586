package io.poolsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.poolsync.model.DesiredUser;
import io.poolsync.model.PoolGroup;
import io.poolsync.plan.GroupChange;
import io.poolsync.plan.Plan;
import io.poolsync.plan.Digests;
import io.poolsync.plan.PlannedRemoval;
import io.poolsync.plan.PlannedUser;
import io.poolsync.plan.PlannedUser.Action;
import io.poolsync.plan.PlannedUser.EnabledChange;

class PlanReportTest {

    /** Attribute values that must never leave the plan. */
    private static final List<String> SECRETS = List.of("alice.secret@x.com", "+15550009", "Alicia-Secret",
            "sub-alice-secret", "Bob-Secret", "tenant-secret");

    private static final Plan PLAN = new Plan(
            List.of(new GroupChange(GroupChange.Kind.CREATE, new PoolGroup("admins", "Admins", 1, null)),
                    new GroupChange(GroupChange.Kind.UPDATE, new PoolGroup("staff", "Staff", 2, null))),
            List.of(
                    user(Action.CREATE, "alice", Map.of("email", "alice.secret@x.com", "phone_number", "+15550009",
                            "custom:source_sub", "sub-alice-secret"), Set.of("admins", "staff"), Set.of(), false, ""),
                    user(Action.UPDATE, "bob", Map.of("given_name", "Bob-Secret", "custom:tenant", "tenant-secret"),
                            Set.of("staff"), Set.of("admins"), true, ""),
                    user(Action.UNCHANGED, "carol", Map.of(), Set.of(), Set.of(), false, ""),
                    user(Action.SKIP, "dave", Map.of(), Set.of(), Set.of(), false, "UNCONFIRMED: the user never finished sign-up"),
                    user(Action.SKIP, "erin", Map.of(), Set.of(), Set.of(), false, "UNCONFIRMED: the user never finished sign-up")),
            List.of(new PlannedRemoval("gone1", 0, new Digests(1, 64), PlannedRemoval.Kind.DISABLE),
                    new PlannedRemoval("gone2", 0, new Digests(1, 64), PlannedRemoval.Kind.DELETE),
                    new PlannedRemoval("gone3", 0, new Digests(1, 64), PlannedRemoval.Kind.DELETE)));

    @Test
    void summaryCountsEverything() {
        PlanReport.Summary summary = report(PLAN).summary();

        assertThat(summary.users()).containsOnly(Map.entry("CREATE", 1L), Map.entry("UPDATE", 1L),
                Map.entry("UNCHANGED", 1L), Map.entry("SKIP", 2L));
        assertThat(summary.skipReasons()).containsExactly(Map.entry("UNCONFIRMED: the user never finished sign-up", 2L));
        assertThat(summary.groupCreates()).isEqualTo(1);
        assertThat(summary.groupUpdates()).isEqualTo(1);
        assertThat(summary.membershipAdds()).isEqualTo(3);
        assertThat(summary.membershipRemoves()).isEqualTo(1);
        assertThat(summary.passwordRepairs()).isEqualTo(1);
        assertThat(summary.removals()).containsOnly(Map.entry("DISABLE", 1L), Map.entry("DELETE", 2L));
    }

    @Test
    void itemsListWhatChangesWithAttributeNamesOnly() {
        List<PlanReport.Item> items = report(PLAN).items();

        assertThat(items).containsExactly(
                new PlanReport.Item("group", "admins", "admins", "CREATE_GROUP", List.of(), List.of(), List.of(), false, "", List.of()),
                new PlanReport.Item("group", "staff", "staff", "UPDATE_GROUP", List.of(), List.of(), List.of(), false, "", List.of()),
                new PlanReport.Item("user", "t-alice", "alice", "CREATE",
                        List.of("custom:source_sub", "email", "phone_number"), List.of("admins", "staff"), List.of(),
                        false, "", List.of()),
                new PlanReport.Item("user", "t-bob", "bob", "UPDATE", List.of("custom:tenant", "given_name"),
                        List.of("staff"), List.of("admins"), true, "", List.of()),
                new PlanReport.Item("user", "dave", "dave", "SKIP", List.of(), List.of(), List.of(), false,
                        "UNCONFIRMED: the user never finished sign-up", List.of()),
                new PlanReport.Item("user", "erin", "erin", "SKIP", List.of(), List.of(), List.of(), false,
                        "UNCONFIRMED: the user never finished sign-up", List.of()),
                new PlanReport.Item("removal", "gone1", "", "DISABLE", List.of(), List.of(), List.of(), false,
                        "source user is gone", List.of()),
                new PlanReport.Item("removal", "gone2", "", "DELETE", List.of(), List.of(), List.of(), false,
                        "source user is gone", List.of()),
                new PlanReport.Item("removal", "gone3", "", "DELETE", List.of(), List.of(), List.of(), false,
                        "source user is gone", List.of()));
        String serialised = report(PLAN).toString();
        for (String secret : SECRETS) {
            assertThat(serialised).doesNotContain(secret);
        }
    }

    @Test
    void aRunKeepsItsPlanAndItsSummary() {
        SyncRun run = new SyncRun(SyncRun.Trigger.API, true, Clock.systemUTC());
        run.groupsPlanned(PLAN.groups());
        PLAN.users().forEach(run::userPlanned);
        run.removalsPlanned(PLAN.removals());

        assertThat(run.dryRun()).isTrue();
        assertThat(run.plan()).contains(report(PLAN));
        SyncRun.Snapshot snapshot = run.snapshot();
        assertThat(snapshot.dryRun()).isTrue();
        assertThat(snapshot.plan()).isEqualTo(report(PLAN).summary());
        // 2 group changes, a create, an update and 3 removals.
        assertThat(snapshot.counters().get(RunCounter.PLANNED_WRITES)).isEqualTo(7);
        assertThat(snapshot.counters().get(RunCounter.SKIPPED)).isEqualTo(2);
        assertThat(snapshot.counters().get(RunCounter.UNCHANGED)).isEqualTo(1);
        String reported = snapshot.toString() + run.plan().orElseThrow();
        for (String secret : SECRETS) {
            assertThat(reported).doesNotContain(secret);
        }
    }

    private static PlannedUser user(Action action, String sourceUsername, Map<String, String> attributes,
            Set<String> add, Set<String> remove, boolean repair, String reason) {
        String username = action == Action.SKIP ? sourceUsername : "t-" + sourceUsername;
        DesiredUser desired = new DesiredUser(sourceUsername, "sub-" + sourceUsername, "CONFIRMED", true,
                Map.of("email", "alice.secret@x.com", "given_name", "Alicia-Secret"), Set.of());
        return new PlannedUser(action, username, desired, attributes, EnabledChange.NONE, add, remove, repair, reason);
    }

    /** The report of a whole plan, recorded as a pass records it: groups, then users, then removals. */
    private static PlanReport report(Plan plan) {
        PlanReport.Recorder recorder = new PlanReport.Recorder();
        recorder.groups(plan.groups());
        plan.users().forEach(recorder::user);
        recorder.removals(plan.removals());
        return recorder.report();
    }
}
