package io.poolsync.plan;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.poolsync.model.DesiredUser;
import io.poolsync.model.PoolGroup;

/**
 * Everything one run intends to do, planned at once for a test: group definitions first, then users in source order,
 * then removals. The pass itself plans user by user ({@link Planner#start}).
 */
public record Plan(List<GroupChange> groups, List<PlannedUser> users, List<PlannedRemoval> removals) {

    public Plan {
        groups = List.copyOf(groups);
        users = List.copyOf(users);
        removals = List.copyOf(removals);
    }

    /**
     * The whole plan at once: {@link Planner#start}, every desired user in order, then the deferred ones settled, as a
     * pass does. Users keep their source order.
     *
     * @param sourceGroups the source's groups, already mapped: poolsync manages the memberships of these groups only
     * @param targetGroups the target's groups by name
     */
    public static Plan of(Planner planner, Iterable<DesiredUser> desiredUsers, TargetIndex target,
            Collection<PoolGroup> sourceGroups, Map<String, PoolGroup> targetGroups) {
        Planner.Planning planning = planner.start(target, sourceGroups, targetGroups);
        List<PlannedUser> planned = new ArrayList<>();
        Map<Integer, DesiredUser> deferred = new TreeMap<>();
        for (DesiredUser desired : desiredUsers) {
            Optional<PlannedUser> decided = planning.next(desired);
            if (decided.isEmpty()) {
                deferred.put(planned.size(), desired);
            }
            planned.add(decided.orElse(null));
        }
        deferred.forEach((position, desired) -> planned.set(position, planning.settle(desired)));
        return new Plan(planning.groupChanges(), planned, planning.removals());
    }

    public Map<PlannedUser.Action, Long> countByAction() {
        Map<PlannedUser.Action, Long> counts = new EnumMap<>(PlannedUser.Action.class);
        users.forEach(user -> counts.merge(user.action(), 1L, Long::sum));
        return counts;
    }

    public Map<String, Long> skipReasons() {
        return users.stream()
                .filter(user -> user.action() == PlannedUser.Action.SKIP)
                .collect(Collectors.groupingBy(PlannedUser::reason, TreeMap::new, Collectors.counting()));
    }
}
