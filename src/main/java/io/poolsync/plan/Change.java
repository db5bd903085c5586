package io.poolsync.plan;

/**
 * One source user's entry in the full diff: what the planner would do were every change allowed, and what kind of
 * change that is, for a {@link Policy} to filter. Skips and conflicts are not changes: they are the ownership rule's
 * and the settings' answers, which no policy alters, so they never pass through a policy.
 *
 * @param planned  the full diff's answer for the user
 * @param holder   the target user the change concerns: for a replacement, poolsync's copy of a gone source user that
 *                 holds the key; empty for a create
 * @param matchKey how users are matched, which a policy's conflict reasons name
 */
public record Change(Kind kind, PlannedUser planned, String holder, MatchKey matchKey) {

    /**
     * A replacement the policy doesn't let delete poolsync's copy of the gone source user: the key stays with that
     * copy, and the source user is a conflict.
     */
    PlannedUser keyHeldByGoneOwner() {
        return PlannedUser.conflict(holder, planned.desired(), Planner.goneOwners(matchKey));
    }

    public enum Kind {
        /** The update of the target user carrying the source user's sub (or no change at all). */
        UPDATE,
        /** A create: no target user holds the source user's key. */
        CREATE,
        /**
         * The update of a target user poolsync doesn't own that the key leads to
         * ({@code poolsync.ownership.adopt-existing}); the planner wraps what the policy leaves of it in the adoption,
         * which writes the owner mark.
         */
        ADOPTION,
        /**
         * A create that first needs poolsync's copy of a gone source user, holding the key, deleted (a re-created
         * account).
         */
        REPLACEMENT
    }
}
