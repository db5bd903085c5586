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
 *
 * @param itemsTruncated more items were planned than are kept; the summary still counts them all
 */
public record PlanReport(Summary summary, List<Item> items, boolean itemsTruncated) {

    /** Items kept per run; a million-user initial plan is summarised, not kept whole. */
    static final int MAX_ITEMS = 100_000;

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
        Recorder recorder = new Recorder();
        recorder.groups(plan.groups());
        plan.users().forEach(recorder::user);
        recorder.removals(plan.removals());
        return recorder.report();
    }

    /** Builds the report as the plan is made, user by user. Thread-safe. */
    static final class Recorder {
        private final Map<String, Long> users = new TreeMap<>();
        private final Map<String, Long> skipReasons = new TreeMap<>();
        private final Map<String, Long> removals = new TreeMap<>();
        private final List<Item> items = new ArrayList<>();
        private long groupCreates;
        private long groupUpdates;
        private long membershipAdds;
        private long membershipRemoves;
        private long passwordRepairs;
        private boolean truncated;

        synchronized void groups(List<GroupChange> changes) {
            for (GroupChange change : changes) {
                if (change.kind() == GroupChange.Kind.CREATE) {
                    groupCreates++;
                } else {
                    groupUpdates++;
                }
                keep(new Item("group", change.group().name(), change.group().name(), change.kind().name() + "_GROUP",
                        List.of(), List.of(), List.of(), false, ""));
            }
        }

        synchronized void user(PlannedUser user) {
            users.merge(user.action().name(), 1L, Long::sum);
            membershipAdds += user.addGroups().size();
            membershipRemoves += user.removeGroups().size();
            if (user.repairPassword()) {
                passwordRepairs++;
            }
            if (user.action() == PlannedUser.Action.SKIP) {
                skipReasons.merge(user.reason(), 1L, Long::sum);
            }
            // Unchanged users are the bulk of a re-sync and say nothing: they are counted, not listed.
            if (user.action() != PlannedUser.Action.UNCHANGED) {
                keep(new Item("user", user.username(), user.desired().sourceUsername(), user.action().name(),
                        List.copyOf(user.attributes().keySet()), List.copyOf(user.addGroups()),
                        List.copyOf(user.removeGroups()), user.repairPassword(), user.reason()));
            }
        }

        synchronized void removals(List<PlannedRemoval> planned) {
            for (PlannedRemoval removal : planned) {
                removals.merge(removal.kind().name(), 1L, Long::sum);
                keep(new Item("removal", removal.username(), "", removal.kind().name(), List.of(), List.of(), List.of(),
                        false, "source user is gone"));
            }
        }

        private void keep(Item item) {
            if (items.size() < MAX_ITEMS) {
                items.add(item);
            } else {
                truncated = true;
            }
        }

        synchronized Summary summary() {
            return new Summary(new TreeMap<>(users), new TreeMap<>(skipReasons), groupCreates, groupUpdates,
                    membershipAdds, membershipRemoves, passwordRepairs, new TreeMap<>(removals));
        }

        synchronized PlanReport report() {
            return new PlanReport(summary(), List.copyOf(items), truncated);
        }
    }
}
