package io.poolsync.plan;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.poolsync.plan.PlannedUser.Action;
import io.poolsync.plan.PlannedUser.EnabledChange;

/**
 * {@code create-only}: create missing users and change nobody who exists, except to finish poolsync's own interrupted
 * create (the password repair of {@code confirmed} mode). An adoption writes the owner mark only.
 */
public record CreateOnlyPolicy() implements Policy {

    @Override
    public boolean creates() {
        return true;
    }

    @Override
    public PlannedUser filter(Change change) {
        PlannedUser planned = change.planned();
        return switch (change.kind()) {
            case CREATE -> planned;
            case UPDATE -> planned.repairPassword()
                    ? new PlannedUser(Action.UPDATE, planned.username(), planned.desired(), Map.of(),
                            EnabledChange.NONE, Set.of(), Set.of(), true, "")
                    : PlannedUser.unchanged(planned.username(), planned.desired());
            case ADOPTION -> PlannedUser.unchanged(planned.username(), planned.desired());
            case REPLACEMENT -> change.keyHeldByGoneOwner();
        };
    }

    @Override
    public Optional<PlannedRemoval.Kind> removal(boolean enabled) {
        return Optional.empty();
    }
}
