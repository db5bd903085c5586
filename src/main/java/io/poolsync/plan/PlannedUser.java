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
 * @param username          the target Username to write to (for a create, the one passed to AdminCreateUser; for a
 *                          conflict, the target user holding the match key, or the one the user would have had)
 * @param attributes        for a create every attribute; for an update only those that differ; empty otherwise
 * @param addGroups         groups to add the user to
 * @param removeGroups      groups to take the user out of (only ever for users poolsync owns)
 * @param repairPassword    an owned user left in FORCE_CHANGE_PASSWORD by an interrupted create gets its permanent password
 * @param reason            why a user is skipped or in conflict; empty for other actions
 * @param removedAttributes attributes the source user no longer has, deleted from the owned target user
 * @param adopt             the update takes over a target user poolsync did not create, writing the owner mark
 *                          ({@code poolsync.ownership.adopt-existing})
 * @param replaces          for a create, the owned target user whose removal (mirror, delete) frees the username and
 *                          must happen first; empty otherwise
 * @param signIn            identities to link and MFA settings to set
 * @param reread            an update planned from the target index's digests, which show the user's attributes or
 *                          linked identities differ but not how, or an adopted user whose links depend on the target's
 *                          {@code identities} attribute: the applier's read of the user decides
 *                          ({@link Planner#confirm}); until then {@code attributes} holds only the owner mark of an
 *                          adoption, {@code removedAttributes} nothing, {@code signIn} no links
 */
public record PlannedUser(Action action, String username, DesiredUser desired, Map<String, String> attributes,
        EnabledChange enabledChange, Set<String> addGroups, Set<String> removeGroups, boolean repairPassword,
        String reason, Set<String> removedAttributes, boolean adopt, String replaces, SignInPlan signIn,
        boolean reread) {

    public enum Action {
        CREATE, UPDATE, UNCHANGED, SKIP,
        /** The user's match key is held by a target user poolsync may not write to for it: reported, left alone. */
        CONFLICT
    }

    public enum EnabledChange {
        NONE, ENABLE, DISABLE
    }

    public PlannedUser {
        attributes = Collections.unmodifiableMap(new TreeMap<>(attributes));
        addGroups = Collections.unmodifiableSet(new TreeSet<>(addGroups));
        removeGroups = Collections.unmodifiableSet(new TreeSet<>(removeGroups));
        removedAttributes = Collections.unmodifiableSet(new TreeSet<>(removedAttributes));
    }

    public PlannedUser(Action action, String username, DesiredUser desired, Map<String, String> attributes,
            EnabledChange enabledChange, Set<String> addGroups, Set<String> removeGroups, boolean repairPassword,
            String reason) {
        this(action, username, desired, attributes, enabledChange, addGroups, removeGroups, repairPassword, reason,
                Set.of(), false, "", SignInPlan.NONE, false);
    }

    /** A user planned exactly, whose sign-in methods need nothing. */
    public PlannedUser(Action action, String username, DesiredUser desired, Map<String, String> attributes,
            EnabledChange enabledChange, Set<String> addGroups, Set<String> removeGroups, boolean repairPassword,
            String reason, Set<String> removedAttributes, boolean adopt, String replaces) {
        this(action, username, desired, attributes, enabledChange, addGroups, removeGroups, repairPassword, reason,
                removedAttributes, adopt, replaces, SignInPlan.NONE, false);
    }

    /** Whether the applier writes anything for this user. */
    public boolean writes() {
        return action == Action.CREATE || action == Action.UPDATE;
    }

    public PlannedUser withSignIn(SignInPlan plan) {
        return new PlannedUser(action, username, desired, attributes, enabledChange, addGroups, removeGroups,
                repairPassword, reason, removedAttributes, adopt, replaces, plan, reread);
    }

    static PlannedUser skip(DesiredUser desired, String reason) {
        return new PlannedUser(Action.SKIP, desired.sourceUsername(), desired, Map.of(), EnabledChange.NONE, Set.of(),
                Set.of(), false, reason);
    }

    static PlannedUser conflict(String targetUsername, DesiredUser desired, String reason) {
        return new PlannedUser(Action.CONFLICT, targetUsername, desired, Map.of(), EnabledChange.NONE, Set.of(),
                Set.of(), false, reason);
    }

    static PlannedUser unchanged(String username, DesiredUser desired) {
        return new PlannedUser(Action.UNCHANGED, username, desired, Map.of(), EnabledChange.NONE, Set.of(), Set.of(),
                false, "");
    }
}
