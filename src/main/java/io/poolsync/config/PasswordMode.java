package io.poolsync.config;

import java.util.Locale;

/** How users created in the target get a password they can use. */
public enum PasswordMode {
    /** AdminCreateUser with MessageAction=SUPPRESS, then AdminSetUserPassword(Permanent) with a random secret. */
    CONFIRMED,
    /** AdminCreateUser sends Cognito's invitation carrying a temporary password. */
    INVITE;

    public static PasswordMode parse(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "confirmed" -> CONFIRMED;
            case "invite" -> INVITE;
            default -> throw new IllegalArgumentException("poolsync.password.mode=" + value + " is refused: use "
                    + "'confirmed' (users are CONFIRMED with a random password and set their own with Forgot Password) "
                    + "or 'invite' (Cognito sends each user a temporary password). Any other way leaves users in "
                    + "FORCE_CHANGE_PASSWORD with a temporary password nobody knows, and such users can't use Forgot Password.");
        };
    }
}
