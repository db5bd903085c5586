package io.poolsync.plan;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

import io.poolsync.model.DesiredUser;

/**
 * What one run does for one source user.
 *
 * @param username   the target Username to write to (for a create, the one passed to AdminCreateUser)
 * @param attributes for a create every attribute; for an update only those that differ; empty otherwise
 * @param reason     why a user is skipped; empty for other actions
 */
public record PlannedUser(Action action, String username, DesiredUser desired, Map<String, String> attributes,
        EnabledChange enabledChange, String reason) {

    public enum Action {
        CREATE, UPDATE, UNCHANGED, SKIP
    }

    public enum EnabledChange {
        NONE, ENABLE, DISABLE
    }

    public PlannedUser {
        attributes = Collections.unmodifiableMap(new TreeMap<>(attributes));
    }

    static PlannedUser skip(DesiredUser desired, String reason) {
        return new PlannedUser(Action.SKIP, desired.sourceUsername(), desired, Map.of(), EnabledChange.NONE, reason);
    }
}
