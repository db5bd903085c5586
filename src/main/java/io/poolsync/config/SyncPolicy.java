package io.poolsync.config;

import java.util.Locale;

/** What a run may change in the target. */
public enum SyncPolicy {
    /** Create missing users; leave existing ones as they are. */
    CREATE_ONLY,
    /** Create missing users and bring existing ones in line with the source. */
    UPSERT,
    /** Upsert, and disable or delete the users poolsync owns whose source user is gone. */
    MIRROR;

    public static SyncPolicy parse(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "create-only" -> CREATE_ONLY;
            case "upsert" -> UPSERT;
            case "mirror" -> MIRROR;
            default -> throw new IllegalArgumentException(
                    "poolsync.policy=" + value + " is not one of create-only, upsert, mirror");
        };
    }
}
