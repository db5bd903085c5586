package io.poolsync.plan;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.poolsync.model.PoolUser;

/**
 * The target pool read in full before anything is planned: its users by match key and by the source sub they carry,
 * and the groups each belongs to.
 */
public final class TargetIndex {

    private final MatchKey matchKey;
    private final Optional<String> sourceSubAttribute;
    private final List<PoolUser> users = new ArrayList<>();
    private final Map<String, PoolUser> byKey = new HashMap<>();
    private final Map<String, PoolUser> bySourceSub = new HashMap<>();
    private final Map<String, Set<String>> groupsByUsername = new HashMap<>();

    public TargetIndex(MatchKey matchKey, Optional<String> sourceSubAttribute) {
        this.matchKey = matchKey;
        this.sourceSubAttribute = sourceSubAttribute;
    }

    public synchronized void add(PoolUser user) {
        users.add(user);
        matchKey.of(user.username(), user.attributes()).ifPresent(key -> byKey.putIfAbsent(key, user));
        sourceSub(user).ifPresent(sub -> bySourceSub.putIfAbsent(sub, user));
    }

    public synchronized void addMembership(String username, String group) {
        groupsByUsername.computeIfAbsent(username, name -> new HashSet<>()).add(group);
    }

    public Optional<PoolUser> find(String key) {
        return Optional.ofNullable(byKey.get(key));
    }

    public Optional<PoolUser> findBySourceSub(String sub) {
        return Optional.ofNullable(bySourceSub.get(sub));
    }

    public Set<String> groupsOf(String username) {
        return groupsByUsername.getOrDefault(username, Set.of());
    }

    /** The source sub a target user carries: it marks the users poolsync owns. */
    public Optional<String> sourceSub(PoolUser user) {
        return sourceSubAttribute.flatMap(user::attribute).filter(sub -> !sub.isEmpty());
    }

    public Collection<PoolUser> users() {
        return users;
    }

    public MatchKey matchKey() {
        return matchKey;
    }

    public int size() {
        return users.size();
    }
}
