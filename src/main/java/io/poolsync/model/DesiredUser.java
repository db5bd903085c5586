package io.poolsync.model;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the target should hold for one source user, after the mapping rules.
 *
 * @param attributes target attribute names and values, including the source-sub attribute where the target has it
 * @param groups     the groups the source user is a member of
 * @param sourceCreatedAt the source user's UserCreateDate: of two source users with one match key, the earlier wins
 */
public record DesiredUser(String sourceUsername, String sourceSub, String sourceStatus, boolean enabled,
        Map<String, String> attributes, Set<String> groups, Instant sourceCreatedAt) {

    public DesiredUser {
        attributes = Collections.unmodifiableMap(new TreeMap<>(attributes));
        groups = Collections.unmodifiableSet(new TreeSet<>(groups));
        sourceCreatedAt = sourceCreatedAt == null ? Instant.MAX : sourceCreatedAt;
    }

    public DesiredUser(String sourceUsername, String sourceSub, String sourceStatus, boolean enabled,
            Map<String, String> attributes, Set<String> groups) {
        this(sourceUsername, sourceSub, sourceStatus, enabled, attributes, groups, Instant.MAX);
    }

    public DesiredUser withGroups(Set<String> memberOf) {
        return new DesiredUser(sourceUsername, sourceSub, sourceStatus, enabled, attributes, memberOf, sourceCreatedAt);
    }
}
