package io.poolsync.fake;

import java.util.ArrayList;
import java.util.List;

/** One entry of a pool's SchemaAttributes. Custom attributes carry the "custom:" prefix in {@link #name}. */
final class SchemaAttribute {

    final String name;
    String dataType;
    boolean developerOnly;
    boolean mutable;
    boolean required;
    String minLength;
    String maxLength;
    String minValue;
    String maxValue;

    SchemaAttribute(String name, String dataType, boolean mutable, boolean required, String minLength, String maxLength) {
        this.name = name;
        this.dataType = dataType;
        this.mutable = mutable;
        this.required = required;
        this.minLength = minLength;
        this.maxLength = maxLength;
    }

    boolean custom() {
        return name.startsWith("custom:");
    }

    /** Cognito's standard attributes, as DescribeUserPool lists them for a pool created without overrides. */
    static List<SchemaAttribute> standard() {
        List<SchemaAttribute> list = new ArrayList<>();
        list.add(new SchemaAttribute("sub", "String", false, true, "1", "2048"));
        for (String name : List.of("name", "given_name", "family_name", "middle_name", "nickname", "preferred_username",
                "profile", "picture", "website", "email")) {
            list.add(new SchemaAttribute(name, "String", true, false, "0", "2048"));
        }
        list.add(new SchemaAttribute("email_verified", "Boolean", true, false, null, null));
        list.add(new SchemaAttribute("gender", "String", true, false, "0", "2048"));
        list.add(new SchemaAttribute("birthdate", "String", true, false, "10", "10"));
        list.add(new SchemaAttribute("zoneinfo", "String", true, false, "0", "2048"));
        list.add(new SchemaAttribute("locale", "String", true, false, "0", "2048"));
        list.add(new SchemaAttribute("phone_number", "String", true, false, "0", "2048"));
        list.add(new SchemaAttribute("phone_number_verified", "Boolean", true, false, null, null));
        list.add(new SchemaAttribute("address", "String", true, false, "0", "2048"));
        SchemaAttribute updatedAt = new SchemaAttribute("updated_at", "Number", true, false, null, null);
        updatedAt.minValue = "0";
        list.add(updatedAt);
        // Real Cognito lists "identities" (federated links) too; cognito-local does not.
        list.add(new SchemaAttribute("identities", "String", true, false, null, null));
        return list;
    }

    private static int bound(String text, int absent) {
        if (text == null || text.isEmpty()) {
            return absent;
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return absent;
        }
    }

    /** Checks a value against the type and constraints; returns an error text or null. */
    String check(String value) {
        switch (dataType) {
            case "Boolean":
                return "true".equals(value) || "false".equals(value) ? null : "Attribute value must be true or false";
            case "Number":
                try {
                    double number = Double.parseDouble(value);
                    if (minValue != null && number < Double.parseDouble(minValue)
                            || maxValue != null && number > Double.parseDouble(maxValue)) {
                        return "Number is out of range";
                    }
                    return null;
                } catch (NumberFormatException e) {
                    return "Number is not valid";
                }
            default:
                if (value.length() > bound(maxLength, Integer.MAX_VALUE)) {
                    return "String must be no longer than " + maxLength + " characters";
                }
                if (!value.isEmpty() && value.length() < bound(minLength, 0)) {
                    return "String must be at least " + minLength + " characters";
                }
                return null;
        }
    }
}
