package io.poolsync.plan;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.poolsync.model.DesiredUser;

/**
 * What one run does for one source user.
 *
 * @param username       the target Username to write to (for a create, the one passed to AdminCreateUser)
 * @param attributes     for a create every attribute; for an update only those that differ; empty otherwise
 * @param addGroups      groups to add the user to
 * @param removeGroups   groups to take the user out of (only ever for users poolsync owns)
 * @param repairPassword an owned user left in FORCE_CHANGE_PASSWORD by an interrupted create gets its permanent password
 * @param reason         why a user is skipped; empty for other actions
 * @param signIn         identities to link and MFA settings to set
 */
public record PlannedUser(Action action, String username, DesiredUser desired, Map<String, String> attributes,
        EnabledChange enabledChange, Set<String> addGroups, Set<String> removeGroups, boolean repairPassword,
        String reason, SignInPlan signIn) {

    public enum Action {
        CREATE, UPDATE, UNCHANGED, SKIP
    }

    public enum EnabledChange {
        NONE, ENABLE, DISABLE
    }

    public PlannedUser {
        attributes = Collections.unmodifiableMap(new TreeMap<>(attributes));
        addGroups = Collections.unmodifiableSet(new TreeSet<>(addGroups));
        removeGroups = Collections.unmodifiableSet(new TreeSet<>(removeGroups));
    }

    /** A user whose sign-in methods need nothing. */
    public PlannedUser(Action action, String username, DesiredUser desired, Map<String, String> attributes,
            EnabledChange enabledChange, Set<String> addGroups, Set<String> removeGroups, boolean repairPassword,
            String reason) {
        this(action, username, desired, attributes, enabledChange, addGroups, removeGroups, repairPassword, reason,
                SignInPlan.NONE);
    }

    public PlannedUser withSignIn(SignInPlan plan) {
        return new PlannedUser(action, username, desired, attributes, enabledChange, addGroups, removeGroups,
                repairPassword, reason, plan);
    }

    static PlannedUser skip(DesiredUser desired, String reason) {
        return new PlannedUser(Action.SKIP, desired.sourceUsername(), desired, Map.of(), EnabledChange.NONE, Set.of(),
                Set.of(), false, reason);
    }

    static PlannedUser unchanged(String username, DesiredUser desired) {
        return new PlannedUser(Action.UNCHANGED, username, desired, Map.of(), EnabledChange.NONE, Set.of(), Set.of(),
                false, "");
    }
}
