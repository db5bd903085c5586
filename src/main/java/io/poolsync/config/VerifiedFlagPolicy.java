package io.poolsync.config;

import java.util.Locale;

/** What poolsync writes as email_verified / phone_number_verified: the source's flag, or always true or false. */
public enum VerifiedFlagPolicy {
    COPY, TRUE, FALSE;

    /** For the migrate-user trigger, which reads its environment without SmallRye Config. */
    public static VerifiedFlagPolicy parse(String setting, String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(setting + "=" + value + " is not one of copy, true, false");
        }
    }
}
