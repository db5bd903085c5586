package io.poolsync.plan;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Everything one run intends to do: group definitions first, then users in source order, then removals. */
public record Plan(List<GroupChange> groups, List<PlannedUser> users, List<PlannedRemoval> removals) {

    public Plan {
        groups = List.copyOf(groups);
        users = List.copyOf(users);
        removals = List.copyOf(removals);
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
