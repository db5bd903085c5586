package io.poolsync.bulk;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.poolsync.model.CsvImportTemplate;

/**
 * Cognito's user import CSV for one target pool: its header, and a user as one line, or why a user can't be one.
 *
 * <p>Cognito's rules: every column of GetCSVHeader is present; {@code cognito:username} and {@code cognito:mfa_enabled}
 * are set; at least one of the pool's auto-verified attributes is verified; values are not quoted, a comma in a value
 * is escaped with a backslash, leading and trailing blanks are trimmed; {@code birthdate} is mm/dd/yyyy; a line holds at
 * most 16,000 characters. A value Cognito's format can't carry exactly (a line break, a backslash, a double quote,
 * surrounding blanks) keeps its user out of the file: AdminCreateUser creates that user instead.
 */
public final class CsvImportFormat {

    static final String USERNAME = "cognito:username";
    static final String MFA_ENABLED = "cognito:mfa_enabled";
    static final String BIRTHDATE = "birthdate";
    static final int MAX_LINE_CHARS = 16_000;

    private static final Pattern ISO_DATE = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})");

    private final List<String> columns;
    private final Map<String, Integer> columnIndex = new HashMap<>();
    private final Set<String> autoVerified;
    private final String mfaEnabled;

    /** A user as an import line, or the reason it can't be one. */
    public record Row(String line, String unfitReason) {

        static Row of(String line) {
            return new Row(line, null);
        }

        static Row unfit(String reason) {
            return new Row(null, reason);
        }

        public boolean fits() {
            return line != null;
        }
    }

    public CsvImportFormat(CsvImportTemplate template) {
        this.columns = template.columns();
        for (int i = 0; i < columns.size(); i++) {
            columnIndex.put(columns.get(i), i);
        }
        if (!columnIndex.containsKey(USERNAME) || !columnIndex.containsKey(MFA_ENABLED)) {
            throw new IllegalStateException("GetCSVHeader for " + template.poolId() + " lacks " + USERNAME + " or "
                    + MFA_ENABLED + ": " + columns);
        }
        this.autoVerified = new TreeSet<>(template.autoVerifiedAttributes());
        // MFA that is required must be on for every imported user; optional MFA starts off, as for AdminCreateUser.
        this.mfaEnabled = Boolean.toString("ON".equals(template.mfaConfiguration()));
    }

    /** The first line of every file: the columns, in GetCSVHeader's order. */
    public String header() {
        return String.join(",", columns);
    }

    public Row render(String username, Map<String, String> attributes) {
        if (username.isEmpty() || username.chars().anyMatch(Character::isWhitespace) || !carriesExactly(username)) {
            return Row.unfit("the username has a blank or a character an import line can't carry");
        }
        if (autoVerified.stream().noneMatch(name -> attributes.containsKey(name)
                && "true".equals(attributes.get(name + "_verified")))) {
            return Row.unfit("no verified " + String.join(" or ", autoVerified)
                    + ": an imported user resets its password through a verified auto-verified attribute");
        }
        String[] fields = new String[columns.size()];
        fields[columnIndex.get(USERNAME)] = username;
        fields[columnIndex.get(MFA_ENABLED)] = mfaEnabled;
        for (Map.Entry<String, String> attribute : attributes.entrySet()) {
            String name = attribute.getKey();
            Integer column = columnIndex.get(name);
            if (column == null) {
                return Row.unfit(name + " has no column in the target's CSV header");
            }
            String value = attribute.getValue();
            if (!carriesExactly(value)) {
                return Row.unfit(name + " holds a line break, backslash, double quote or surrounding blank, which an "
                        + "import line can't carry exactly");
            }
            if (name.equals(BIRTHDATE)) {
                Matcher date = ISO_DATE.matcher(value);
                if (!date.matches()) {
                    return Row.unfit("birthdate is not YYYY-MM-DD, so it can't be written as mm/dd/yyyy");
                }
                value = date.group(2) + "/" + date.group(3) + "/" + date.group(1);
            }
            fields[column] = value.replace(",", "\\,");
        }
        List<String> line = new ArrayList<>(fields.length);
        for (String field : fields) {
            line.add(field == null ? "" : field);
        }
        String joined = String.join(",", line);
        if (joined.length() > MAX_LINE_CHARS) {
            return Row.unfit("the user's line would exceed Cognito's " + MAX_LINE_CHARS + " characters");
        }
        return Row.of(joined);
    }

    /** Cognito trims values and documents no escape but the comma's. */
    private static boolean carriesExactly(String value) {
        return value.equals(value.strip()) && value.chars().noneMatch(ch -> ch == '\n' || ch == '\r' || ch == '\\'
                || ch == '"');
    }
}
