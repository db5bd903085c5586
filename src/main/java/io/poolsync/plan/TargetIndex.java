package io.poolsync.plan;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import io.poolsync.model.PoolUser;

/** The target pool's users by match key, read in full before anything is planned. */
public final class TargetIndex {

    private final MatchKey matchKey;
    private final Map<String, PoolUser> byKey = new HashMap<>();

    public TargetIndex(MatchKey matchKey) {
        this.matchKey = matchKey;
    }

    public void add(PoolUser user) {
        matchKey.of(user.username(), user.attributes()).ifPresent(key -> byKey.putIfAbsent(key, user));
    }

    public Optional<PoolUser> find(String key) {
        return Optional.ofNullable(byKey.get(key));
    }

    public MatchKey matchKey() {
        return matchKey;
    }

    public int size() {
        return byKey.size();
    }
}
