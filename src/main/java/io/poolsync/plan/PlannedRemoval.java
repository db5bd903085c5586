package io.poolsync.plan;

/**
 * A target user poolsync owns whose source user is gone, under the mirror policy.
 *
 * @param ownerDigest the digest of the owner mark the user carried when planned (the index keeps no more); the
 *                    applier reads the user again right before the call and removes it only if it still carries it
 * @param digests     the index's digests, which made {@code ownerDigest}
 */
public record PlannedRemoval(String username, long ownerDigest, Digests digests, Kind kind) {

    public enum Kind {
        DISABLE, DELETE
    }

    /** Whether this owner mark, read from the user right before the call, is the one it carried when planned. */
    public boolean markedBy(String sourceSub) {
        return digests.of(sourceSub) == ownerDigest;
    }
}
