package io.poolsync.plan;

/**
 * A target user poolsync owns whose source user is gone, under the mirror policy.
 *
 * @param sourceSub the owner mark the user carried when planned; checked again right before the call
 */
public record PlannedRemoval(String username, String sourceSub, Kind kind) {

    public enum Kind {
        DISABLE, DELETE
    }
}
