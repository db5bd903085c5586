package io.poolsync.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Rules that derive a seeded test user's attributes, enabled flag and groups from its number. */
public final class GeneratedUsers {

    public static final List<String> GROUPS = List.of("admins", "staff");

    private GeneratedUsers() {
    }

    /**
     * An email (every other one verified), a phone number for every third user (every other of those verified), and
     * given and family name; mutable, for the caller's custom attributes.
     */
    public static Map<String, String> contactAndNames(String username, int i) {
        Map<String, String> attributes = new HashMap<>();
        attributes.put("email", username + "@example.com");
        attributes.put("email_verified", Boolean.toString(i % 2 == 0));
        if (i % 3 == 0) {
            attributes.put("phone_number", "+1555" + zeroPadded(i, 7));
            attributes.put("phone_number_verified", Boolean.toString(i % 6 == 0));
        }
        attributes.put("given_name", "Given" + i);
        attributes.put("family_name", "Family" + i);
        return attributes;
    }

    /**
     * {@code number} in {@code width} digits, zeros in front: what {@code String.format("%0<width>d", number)} gives,
     * without parsing a pattern for each of the millions of users the heap measurements name (that took half their time).
     */
    public static String zeroPadded(long number, int width) {
        String digits = Long.toString(number);
        return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
    }

    /** Every tenth user is disabled. */
    public static boolean enabled(int i) {
        return i % 10 != 7;
    }

    /** Every ninth user is in admins, every fourth in staff: members of none, one and both {@link #GROUPS}. */
    public static List<String> groups(int i) {
        List<String> groups = new ArrayList<>();
        if (i % 9 == 0) {
            groups.add("admins");
        }
        if (i % 4 == 0) {
            groups.add("staff");
        }
        return groups;
    }
}
