package io.poolsync.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.poolsync.plan.GroupChange;
import io.poolsync.plan.Plan;
import io.poolsync.plan.PlannedRemoval;
import io.poolsync.plan.PlannedUser;

/**
 * A run's plan as it is kept and returned: a summary, and one item per group or user that the plan touches or skips.
 * Attribute names only, never values: some attributes are sensitive.
 */
public record PlanReport(Summary summary, List<Item> items) {

    public record Summary(Map<String, Long> users, Map<String, Long> skipReasons, long groupCreates, long groupUpdates,
            long membershipAdds, long membershipRemoves, long passwordRepairs, Map<String, Long> removals) {
    }

    /**
     * @param kind one of user, group, removal
     */
    public record Item(String kind, String username, String sourceUsername, String action, List<String> changedAttributes,
            List<String> addGroups, List<String> removeGroups, boolean repairPassword, String reason) {
    }

    static PlanReport of(Plan plan) {
        Map<String, Long> users = new TreeMap<>();
        plan.countByAction().forEach((action, count) -> users.put(action.name(), count));
        Map<String, Long> removals = new TreeMap<>();
        plan.removals().forEach(removal -> removals.merge(removal.kind().name(), 1L, Long::sum));
        long adds = plan.users().stream().mapToLong(user -> user.addGroups().size()).sum();
        long removes = plan.users().stream().mapToLong(user -> user.removeGroups().size()).sum();
        long repairs = plan.users().stream().filter(PlannedUser::repairPassword).count();
        long groupCreates = plan.groups().stream().filter(change -> change.kind() == GroupChange.Kind.CREATE).count();
        Summary summary = new Summary(users, plan.skipReasons(), groupCreates, plan.groups().size() - groupCreates, adds,
                removes, repairs, removals);

        // Unchanged users are the bulk of a re-sync and say nothing: they are counted, not listed.
        List<Item> items = new ArrayList<>();
        for (GroupChange change : plan.groups()) {
            items.add(new Item("group", change.group().name(), change.group().name(), change.kind().name() + "_GROUP",
                    List.of(), List.of(), List.of(), false, ""));
        }
        for (PlannedUser user : plan.users()) {
            if (user.action() != PlannedUser.Action.UNCHANGED) {
                items.add(new Item("user", user.username(), user.desired().sourceUsername(), user.action().name(),
                        List.copyOf(user.attributes().keySet()), List.copyOf(user.addGroups()),
                        List.copyOf(user.removeGroups()), user.repairPassword(), user.reason()));
            }
        }
        for (PlannedRemoval removal : plan.removals()) {
            items.add(new Item("removal", removal.username(), "", removal.kind().name(), List.of(), List.of(), List.of(),
                    false, "source user is gone"));
        }
        return new PlanReport(summary, List.copyOf(items));
    }
}
