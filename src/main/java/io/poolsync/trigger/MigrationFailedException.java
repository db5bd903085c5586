package io.poolsync.trigger;

/**
 * A user the trigger doesn't migrate; Cognito then refuses the sign-in or the reset. The message is what Cognito gets
 * back and may show the person signing in, so it never tells an unknown user from a wrong password; the detail does,
 * for the function's log only.
 */
final class MigrationFailedException extends RuntimeException {

    static final String DENIED = "Incorrect username or password.";
    static final String UNAVAILABLE = "User migration is unavailable; try again later.";

    private final String detail;

    private MigrationFailedException(String message, String detail, Throwable cause, boolean stackTrace) {
        super(message, cause, false, stackTrace);
        this.detail = detail;
    }

    /** The source doesn't let this person in. Routine, not a fault: no stack trace, and never a cause. */
    static MigrationFailedException denied(String detail) {
        return new MigrationFailedException(DENIED, detail, null, false);
    }

    /** The source pool couldn't answer: throttling, an outage, or a misconfigured trigger. */
    static MigrationFailedException unavailable(String detail, Throwable cause) {
        return new MigrationFailedException(UNAVAILABLE, detail + ": " + cause.getMessage(), cause, true);
    }

    String detail() {
        return detail;
    }
}
