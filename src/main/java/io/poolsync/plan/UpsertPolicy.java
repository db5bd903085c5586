package io.poolsync.plan;

import java.util.Optional;

/** {@code upsert}: create missing users and bring existing ones in line; users whose source user is gone stay. */
public record UpsertPolicy() implements Policy {

    @Override
    public boolean creates() {
        return true;
    }

    @Override
    public PlannedUser filter(Change change) {
        return change.kind() == Change.Kind.REPLACEMENT ? change.keyHeldByGoneOwner() : change.planned();
    }

    @Override
    public Optional<PlannedRemoval.Kind> removal(boolean enabled) {
        return Optional.empty();
    }
}
