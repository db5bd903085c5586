package io.poolsync.plan;

import io.poolsync.model.PoolGroup;

/** A group definition to create in the target, or to update there to match the source. */
public record GroupChange(Kind kind, PoolGroup group) {

    public enum Kind {
        CREATE, UPDATE
    }
}
