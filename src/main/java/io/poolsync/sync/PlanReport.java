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
 * @param itemsNote why some or all items are not kept (the summary still counts them all); null when all are
 */
public record PlanReport(Summary summary, List<Item> items, String itemsNote) {

    /**
     * Items kept per run, and as many again for conflicts: a million-user initial plan is summarised, not kept whole,
     * so twenty runs of any size fit in the heap (see {@code PlanMemoryTest}).
     */
    static final int MAX_ITEMS = 10_000;

    public record Summary(Map<String, Long> users, Map<String, Long> skipReasons, long groupCreates, long groupUpdates,
            long membershipAdds, long membershipRemoves, long passwordRepairs, Map<String, Long> removals) {
    }

    /**
     * @param kind one of user, group, removal
     */
    public record Item(String kind, String username, String sourceUsername, String action, List<String> changedAttributes,
            List<String> addGroups, List<String> removeGroups, boolean repairPassword, String reason,
            List<String> removedAttributes) {
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
        private final ArrayList<Item> items = new ArrayList<>();
        private long groupCreates;
        private long groupUpdates;
        private long membershipAdds;
        private long membershipRemoves;
        private long passwordRepairs;
        private int conflicts;
        private long dropped;
        private boolean forgotten;
        private String forgottenWhy;

        synchronized void groups(List<GroupChange> changes) {
            for (GroupChange change : changes) {
                if (change.kind() == GroupChange.Kind.CREATE) {
                    groupCreates++;
                } else {
                    groupUpdates++;
                }
                keep(new Item("group", change.group().name(), change.group().name(), change.kind().name() + "_GROUP",
                        List.of(), List.of(), List.of(), false, "", List.of()));
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
                String reason = user.reason();
                if (user.adopt()) {
                    reason = "adopts a target user poolsync did not create (poolsync.ownership.adopt-existing)";
                } else if (!user.replaces().isEmpty()) {
                    reason = "replaces " + user.replaces() + ", poolsync's copy of a source user that is gone, once "
                            + "mirror has deleted it";
                }
                Item item = new Item("user", user.username(), user.desired().sourceUsername(), user.action().name(),
                        List.copyOf(user.attributes().keySet()), List.copyOf(user.addGroups()),
                        List.copyOf(user.removeGroups()), user.repairPassword(), reason,
                        List.copyOf(user.removedAttributes()));
                if (user.action() == PlannedUser.Action.CONFLICT) {
                    keepConflict(item);
                } else {
                    keep(item);
                }
            }
        }

        synchronized void removals(List<PlannedRemoval> planned) {
            for (PlannedRemoval removal : planned) {
                removals.merge(removal.kind().name(), 1L, Long::sum);
                keep(new Item("removal", removal.username(), "", removal.kind().name(), List.of(), List.of(), List.of(),
                        false, "source user is gone", List.of()));
            }
        }

        private void keep(Item item) {
            if (forgotten) {
                return;
            }
            if (items.size() - conflicts < MAX_ITEMS) {
                items.add(item);
            } else {
                dropped++;
            }
        }

        /** Conflicts need the operator: they have a budget of their own, so a large plan never crowds them out. */
        private void keepConflict(Item item) {
            if (forgotten) {
                return;
            }
            if (conflicts < MAX_ITEMS) {
                items.add(item);
                conflicts++;
            } else {
                dropped++;
            }
        }

        /** Drops the items, keeping the summary: an older run's history. */
        synchronized void forgetItems(String why) {
            forgotten = true;
            forgottenWhy = why;
            items.clear();
            items.trimToSize();
        }

        synchronized Summary summary() {
            return new Summary(new TreeMap<>(users), new TreeMap<>(skipReasons), groupCreates, groupUpdates,
                    membershipAdds, membershipRemoves, passwordRepairs, new TreeMap<>(removals));
        }

        synchronized PlanReport report() {
            String note = forgotten ? forgottenWhy
                    : dropped > 0 ? dropped + " items beyond the " + MAX_ITEMS + " kept per run (and as many conflicts) "
                            + "were dropped; the summary counts them all" : null;
            return new PlanReport(summary(), List.copyOf(items), note);
        }
    }
}
