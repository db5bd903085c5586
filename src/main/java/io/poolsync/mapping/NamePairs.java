package io.poolsync.mapping;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Settings written as {@code from->to} pairs (attribute renames, account maps), read the same way by the daemon and
 * the migrate-user trigger.
 */
public final class NamePairs {

    private NamePairs() {
    }

    /** The pairs as a map; each malformed pair is added to {@code problems}, naming the setting, and left out. */
    public static Map<String, String> parse(String setting, List<String> pairs, List<String> problems) {
        Map<String, String> parsed = new HashMap<>();
        for (String pair : pairs) {
            String[] parts = pair.split("->", -1);
            if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
                problems.add(setting + ": '" + pair + "' is not of the form from->to");
            } else {
                parsed.put(parts[0].trim(), parts[1].trim());
            }
        }
        return parsed;
    }
}
