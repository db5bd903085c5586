package io.poolsync.model;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A user as either pool holds it: what ListUsers returns, minus what poolsync never reads. */
public record PoolUser(String username, Map<String, String> attributes, boolean enabled, String status) {

    public static final String SUB = "sub";

    public PoolUser {
        attributes = Collections.unmodifiableMap(new TreeMap<>(attributes));
    }

    public Optional<String> attribute(String name) {
        return Optional.ofNullable(attributes.get(name));
    }
}
