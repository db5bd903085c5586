package io.poolsync.plan;

import java.util.Optional;

/**
 * {@code update-only}: bring existing users in line and create nobody, the policy of a password-preserving cutover in
 * which the migrate-user trigger creates each user at its first sign-in.
 */
public record UpdateOnlyPolicy() implements Policy {

    static final String NOT_CREATED = "update-only: not in the target yet; the migrate-user trigger or a later run "
            + "under another policy creates it";

    @Override
    public boolean creates() {
        return false;
    }

    @Override
    public PlannedUser filter(Change change) {
        return switch (change.kind()) {
            case UPDATE, ADOPTION -> change.planned();
            case CREATE -> PlannedUser.skip(change.planned().desired(), NOT_CREATED);
            case REPLACEMENT -> change.keyHeldByGoneOwner();
        };
    }

    @Override
    public Optional<PlannedRemoval.Kind> removal(boolean enabled) {
        return Optional.empty();
    }
}
