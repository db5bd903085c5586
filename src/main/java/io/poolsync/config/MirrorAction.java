package io.poolsync.config;

/** What {@code mirror} does to an owned target user whose source user is gone. */
public enum MirrorAction {
    DISABLE, DELETE
}
