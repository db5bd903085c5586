package io.poolsync.config;

/** What a run may change in the target; {@code poolsync.policy} names it in kebab-case, e.g. {@code create-only}. */
public enum SyncPolicy {
    /** Create missing users; leave existing ones as they are. */
    CREATE_ONLY,
    /**
     * Bring existing users in line with the source and create nobody: during a cutover that migrates passwords through
     * the migrate-user trigger, which only fires for users the target doesn't have yet.
     */
    UPDATE_ONLY,
    /** Create missing users and bring existing ones in line with the source. */
    UPSERT,
    /** Upsert, and disable or delete the users poolsync owns whose source user is gone. */
    MIRROR
}
