package io.poolsync.rest;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import io.poolsync.plan.GroupChange;
import io.poolsync.plan.PlannedRemoval;
import io.poolsync.plan.PlannedUser;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * The {@code action} and {@code username} query parameters of a run's plan and failures: one action, exactly; a text
 * that the username or the source username contains, ignoring case. An action no item can have is a 400, so a typo
 * doesn't pass for an empty list.
 *
 * @param action   null for any
 * @param username lower case; null for any
 */
record ItemFilter(String action, String username) {

    static final String ACTION_DOC = "Only items of this action: a user's (CREATE, UPDATE, SKIP, ...), a removal's "
            + "(DISABLE, DELETE), a group's (CREATE_GROUP, UPDATE_GROUP), or IMPORT_JOB for a failed import job";
    static final String USERNAME_DOC = "Only items whose username or source username contains this, ignoring case";
    /** Cognito usernames are 1 to 128 characters (Amazon Cognito API Reference, AdminCreateUser: Username). */
    static final int MAX_USERNAME = 128;

    /** Every action a plan item or failure can have; IMPORT_JOB is how SyncService records a failed import job. */
    static final Set<String> ACTIONS = actions();

    private static Set<String> actions() {
        Set<String> actions = new TreeSet<>();
        Arrays.stream(PlannedUser.Action.values()).map(Enum::name).forEach(actions::add);
        Arrays.stream(PlannedRemoval.Kind.values()).map(Enum::name).forEach(actions::add);
        Arrays.stream(GroupChange.Kind.values()).map(kind -> kind.name() + "_GROUP").forEach(actions::add);
        actions.add("IMPORT_JOB");
        return Set.copyOf(actions);
    }

    static ItemFilter parse(String action, String username, UriInfo uri) {
        String wanted = action == null || action.isBlank() ? null : action.trim().toUpperCase(Locale.ROOT);
        if (wanted != null && !ACTIONS.contains(wanted)) {
            throw badRequest("action must be one of " + String.join(", ", new TreeSet<>(ACTIONS)), uri);
        }
        String text = username == null || username.isBlank() ? null : username.trim().toLowerCase(Locale.ROOT);
        if (text != null && text.length() > MAX_USERNAME) {
            throw badRequest("username is a text of at most " + MAX_USERNAME + " characters", uri);
        }
        return new ItemFilter(wanted, text);
    }

    boolean matches(String itemAction, String itemUsername, String itemSourceUsername) {
        return (action == null || action.equals(itemAction))
                && (username == null || contains(itemUsername) || contains(itemSourceUsername));
    }

    private boolean contains(String name) {
        return name != null && name.toLowerCase(Locale.ROOT).contains(username);
    }

    private static WebApplicationException badRequest(String detail, UriInfo uri) {
        return new WebApplicationException(Problem.response(Response.Status.BAD_REQUEST, detail, uri.getPath()));
    }
}
