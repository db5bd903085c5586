package io.poolsync.model;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A user as either pool holds it: what ListUsers returns, minus what poolsync never reads.
 *
 * @param createdAt the user's UserCreateDate; {@link Instant#MAX} where it is not known
 */
public record PoolUser(String username, Map<String, String> attributes, boolean enabled, String status,
        Instant createdAt) {

    public static final String SUB = "sub";

    public PoolUser {
        attributes = Collections.unmodifiableMap(new TreeMap<>(attributes));
        createdAt = createdAt == null ? Instant.MAX : createdAt;
    }

    /** A user whose creation date poolsync does not need. */
    public PoolUser(String username, Map<String, String> attributes, boolean enabled, String status) {
        this(username, attributes, enabled, status, Instant.MAX);
    }

    public Optional<String> attribute(String name) {
        return Optional.ofNullable(attributes.get(name));
    }
}
