package io.poolsync.plan;

import java.util.Optional;

import io.poolsync.model.PoolUser;

/**
 * The one rule of which target users poolsync may write to. A target user is poolsync's when it carries the
 * source-sub attribute (the owner mark), which poolsync writes only when it creates a user or, with
 * {@code poolsync.ownership.adopt-existing}, adopts one; and poolsync writes to it only on behalf of the source user
 * whose sub it carries. The planner decides with it; the applier checks it again on a fresh read of the user right
 * before writing to an existing user.
 *
 * @param sourceSubAttribute the target attribute holding the owner mark; empty where the target has none
 */
public record Ownership(Optional<String> sourceSubAttribute) {

    /** The source sub a target user carries: empty for a user poolsync does not own. */
    public Optional<String> owner(PoolUser user) {
        return sourceSubAttribute.flatMap(user::attribute).filter(sub -> !sub.isEmpty());
    }

    /**
     * Whether poolsync may write to this target user for the source user with this sub.
     *
     * @param adopting the write adopts a user poolsync does not own yet (it writes the owner mark)
     */
    public boolean permits(PoolUser user, String sourceSub, boolean adopting) {
        Optional<String> owner = owner(user);
        return owner.isPresent() ? owner.get().equals(sourceSub) : adopting;
    }
}
