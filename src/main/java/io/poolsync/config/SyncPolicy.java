package io.poolsync.config;

import java.util.Locale;

/** What a run may change in the target. */
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
    MIRROR;

    public static SyncPolicy parse(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "create-only" -> CREATE_ONLY;
            case "update-only" -> UPDATE_ONLY;
            case "upsert" -> UPSERT;
            case "mirror" -> MIRROR;
            default -> throw new IllegalArgumentException(
                    "poolsync.policy=" + value + " is not one of create-only, update-only, upsert, mirror");
        };
    }
}
