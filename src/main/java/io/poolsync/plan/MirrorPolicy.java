package io.poolsync.plan;

import java.util.Optional;

/**
 * {@code mirror}: upsert, and disable or delete the users poolsync owns whose source user is gone. Deleting frees a
 * re-created account's key, so its new user is created in the same run; a disabled copy keeps the key.
 *
 * @param action what becomes of a user whose source user is gone ({@code poolsync.mirror.action})
 */
public record MirrorPolicy(PlannedRemoval.Kind action) implements Policy {

    @Override
    public boolean creates() {
        return true;
    }

    @Override
    public PlannedUser filter(Change change) {
        if (change.kind() == Change.Kind.REPLACEMENT && action == PlannedRemoval.Kind.DISABLE) {
            return PlannedUser.conflict(change.holder(), change.planned().desired(),
                    Planner.goneOwnersDisabled(change.matchKey()));
        }
        return change.planned();
    }

    /** A user already disabled is not disabled again. */
    @Override
    public Optional<PlannedRemoval.Kind> removal(boolean enabled) {
        return action == PlannedRemoval.Kind.DISABLE && !enabled ? Optional.empty() : Optional.of(action);
    }
}
