package io.poolsync.plan;

import java.util.Optional;

import io.poolsync.config.SyncPolicy;

/**
 * What a run may change in the target ({@code poolsync.policy}): the planner computes the full diff, with the ownership
 * rule ({@link Ownership}) applied, and the policy filters each {@link Change} of it and picks the removals. A policy
 * never widens the diff: whom poolsync may write to at all is the ownership rule's, never a policy's, choice.
 */
public interface Policy {

    /** The policy a setting names; {@code mirrorAction} is what mirror does with a user whose source user is gone. */
    static Policy of(SyncPolicy policy, PlannedRemoval.Kind mirrorAction) {
        return switch (policy) {
            case CREATE_ONLY -> new CreateOnlyPolicy();
            case UPDATE_ONLY -> new UpdateOnlyPolicy();
            case UPSERT -> new UpsertPolicy();
            case MIRROR -> new MirrorPolicy(mirrorAction);
        };
    }

    /**
     * Whether users the target lacks may be created. The planner decides such a user at once under a policy that
     * creates nobody, rather than holding it until the whole source is read to settle claims on its key: the claim could
     * only compete with other users the target lacks under the same key, whom that policy leaves alone as well, so no
     * result would change; waiting would only report them after the scan (a stopped run not at all) and spool each to
     * disk, the whole source in update-only's cutover.
     */
    boolean creates();

    /** What this policy lets a run do of one change. */
    PlannedUser filter(Change change);

    /**
     * What this policy does with a target user poolsync owns whose source user is gone; empty to keep it as it is.
     *
     * @param enabled whether the user is enabled in the target
     */
    Optional<PlannedRemoval.Kind> removal(boolean enabled);
}
