package io.poolsync.model;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the target should hold for one source user, after the mapping rules.
 *
 * @param attributes target attribute names and values, including the source-sub attribute where the target has it
 */
public record DesiredUser(String sourceUsername, String sourceSub, String sourceStatus, boolean enabled,
        Map<String, String> attributes) {

    public DesiredUser {
        attributes = Collections.unmodifiableMap(new TreeMap<>(attributes));
    }
}
