package io.poolsync.model;

import java.util.Objects;

/**
 * A group of a pool.
 *
 * @param description may be null
 * @param precedence  may be null: Cognito groups need not have one
 * @param roleArn     may be null
 */
public record PoolGroup(String name, String description, Integer precedence, String roleArn) {

    public PoolGroup {
        Objects.requireNonNull(name);
    }

    public boolean sameDefinition(PoolGroup other) {
        return Objects.equals(description, other.description) && Objects.equals(precedence, other.precedence)
                && Objects.equals(roleArn, other.roleArn);
    }
}
