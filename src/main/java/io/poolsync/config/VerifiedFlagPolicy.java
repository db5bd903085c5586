package io.poolsync.mapping;

import java.util.Locale;

/** What poolsync writes as email_verified / phone_number_verified. */
public enum VerifiedFlagPolicy {
    COPY, TRUE, FALSE;

    public static VerifiedFlagPolicy parse(String setting, String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(setting + "=" + value + " is not one of copy, true, false");
        }
    }
}
