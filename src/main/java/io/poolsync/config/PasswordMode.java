package io.poolsync.config;

/**
 * How users created in the target get a password they can use. There is no third way: AdminCreateUser alone leaves
 * users in FORCE_CHANGE_PASSWORD with a temporary password nobody knows, and such users can't use Forgot Password.
 */
public enum PasswordMode {
    /** AdminCreateUser with MessageAction=SUPPRESS, then AdminSetUserPassword(Permanent) with a random secret. */
    CONFIRMED,
    /** AdminCreateUser sends Cognito's invitation carrying a temporary password. */
    INVITE
}
