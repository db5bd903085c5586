package io.poolsync.model;

/** The Cognito user statuses poolsync has rules for. Kept as strings on {@link PoolUser} because Cognito adds new ones. */
public final class UserStatus {
    public static final String CONFIRMED = "CONFIRMED";
    public static final String UNCONFIRMED = "UNCONFIRMED";
    public static final String FORCE_CHANGE_PASSWORD = "FORCE_CHANGE_PASSWORD";
    public static final String RESET_REQUIRED = "RESET_REQUIRED";
    public static final String EXTERNAL_PROVIDER = "EXTERNAL_PROVIDER";

    private UserStatus() {
    }
}
