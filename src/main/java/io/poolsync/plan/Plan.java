package io.poolsync.plan;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Everything one run intends to do, user by user, in source order. */
public record Plan(List<PlannedUser> users) {

    public Plan {
        users = List.copyOf(users);
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
