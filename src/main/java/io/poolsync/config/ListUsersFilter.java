package io.poolsync.config;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A ListUsers filter checked against Cognito's grammar: one standard attribute, {@code =} or {@code ^=}, a quoted value. */
public final class ListUsersFilter {

    /** The attributes Cognito can filter on; custom attributes can't be filtered. */
    public static final Set<String> FILTERABLE = Set.of("username", "email", "phone_number", "name", "given_name",
            "family_name", "preferred_username", "cognito:user_status", "status", "sub");
    private static final Pattern GRAMMAR = Pattern.compile("\\s*([\\w:]+)\\s*(\\^?=)\\s*\"([^\"]*)\"\\s*");

    private ListUsersFilter() {
    }

    /** The filter, normalised; an IllegalArgumentException naming the setting when Cognito would refuse it. */
    public static String parse(String setting, String filter) {
        Matcher matcher = GRAMMAR.matcher(filter);
        if (!matcher.matches()) {
            throw new IllegalArgumentException(setting + "='" + filter + "' is not a ListUsers filter: expected "
                    + "attribute = \"value\" or attribute ^= \"prefix\"");
        }
        String attribute = matcher.group(1);
        if (!FILTERABLE.contains(attribute)) {
            throw new IllegalArgumentException(setting + ": ListUsers can't filter on " + attribute
                    + " (only " + String.join(", ", FILTERABLE.stream().sorted().toList()) + ")");
        }
        return attribute + " " + matcher.group(2) + " \"" + matcher.group(3) + "\"";
    }
}
