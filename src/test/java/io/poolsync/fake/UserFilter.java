package io.poolsync.fake;

import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ListUsers' Filter: {@code attribute = "value"} or {@code attribute ^= "value"} on one searchable standard attribute.
 * Custom attributes are not searchable. {@code cognito:user_status} compares case-insensitively, {@code status} is
 * "Enabled" or "Disabled" (cognito-local compares it with "true"/"false" instead), the rest case-sensitively, except
 * username in a case-insensitive pool.
 */
final class UserFilter implements Predicate<FakeUser> {

    static final Set<String> SEARCHABLE = Set.of("username", "email", "phone_number", "name", "given_name", "family_name",
            "preferred_username", "cognito:user_status", "status", "sub");

    private static final Pattern GRAMMAR = Pattern.compile("^\\s*([A-Za-z_:]+)\\s*(\\^=|=)\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*$");

    final String attribute;
    final boolean prefix;
    final String value;
    private final boolean caseInsensitiveUsername;

    private UserFilter(String attribute, boolean prefix, String value, boolean caseInsensitiveUsername) {
        this.attribute = attribute;
        this.prefix = prefix;
        this.value = value;
        this.caseInsensitiveUsername = caseInsensitiveUsername;
    }

    /** Null for an absent or empty filter (everyone); InvalidParameterException for anything Cognito would refuse. */
    static UserFilter parse(String filter, FakePool pool) {
        if (filter == null || filter.isBlank()) {
            return null;
        }
        Matcher matcher = GRAMMAR.matcher(filter);
        if (!matcher.matches()) {
            throw CognitoException.invalidParameter("Error while parsing filter.");
        }
        String attribute = matcher.group(1);
        if (!SEARCHABLE.contains(attribute)) {
            throw CognitoException.invalidParameter("Invalid search attribute: " + attribute);
        }
        String value = matcher.group(3).replaceAll("\\\\(.)", "$1");
        return new UserFilter(attribute, "^=".equals(matcher.group(2)), value, pool.caseInsensitive());
    }

    /** True when the filter names at most one user, found through an index instead of a scan. */
    boolean exactLookup(FakePool pool) {
        return !prefix && ("username".equals(attribute) || "sub".equals(attribute)
                || "email".equals(attribute) && pool.signsInByEmail()
                || "phone_number".equals(attribute) && pool.signsInByPhone());
    }

    FakeUser lookup(FakePool pool) {
        FakeUser user = switch (attribute) {
            case "username" -> pool.find(value);
            case "sub" -> pool.findBySub(value);
            case "email" -> pool.byEmail(value);
            default -> pool.byPhone(value);
        };
        return user != null && test(user) ? user : null;
    }

    @Override
    public boolean test(FakeUser user) {
        switch (attribute) {
            case "cognito:user_status":
                return compare(user.status.toString().toLowerCase(Locale.ROOT), value.toLowerCase(Locale.ROOT));
            case "status":
                return compare(user.enabled ? "Enabled" : "Disabled", value);
            case "username":
                return caseInsensitiveUsername
                        ? compare(user.username.toLowerCase(Locale.ROOT), value.toLowerCase(Locale.ROOT))
                        : compare(user.username, value);
            case "sub":
                return prefix ? subStartsWith(user, value) : user.sub().equals(value);
            default:
                String actual = user.attribute(attribute);
                return actual != null && compare(actual, value);
        }
    }

    /** {@code sub ^= "..."} without building the UUID string: the segmented scans poolsync runs test it a lot. */
    static boolean subStartsWith(FakeUser user, String prefix) {
        if (prefix.length() > 36) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (subChar(user, i) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Character {@code i} of the sub's canonical form (8-4-4-4-12 lowercase hex digits). */
    static char subChar(FakeUser user, int i) {
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            return '-';
        }
        int digit = i - (i > 23 ? 4 : i > 18 ? 3 : i > 13 ? 2 : i > 8 ? 1 : 0);
        long word = digit < 16 ? user.subMsb : user.subLsb;
        return Character.forDigit((int) (word >>> (60 - 4 * (digit & 15))) & 0xF, 16);
    }

    private boolean compare(String actual, String expected) {
        return prefix ? actual.startsWith(expected) : actual.equals(expected);
    }
}
