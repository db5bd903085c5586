package io.poolsync.trigger;

/** The two events Cognito sends a Migrate User trigger, by their {@code triggerSource}. */
enum TriggerSource {
    /** Someone the target pool doesn't know signs in with a password. */
    AUTHENTICATION("UserMigration_Authentication"),
    /** Someone the target pool doesn't know asks to reset their password. The event carries no password. */
    FORGOT_PASSWORD("UserMigration_ForgotPassword");

    private final String value;

    TriggerSource(String value) {
        this.value = value;
    }

    String value() {
        return value;
    }

    static TriggerSource parse(String value) {
        for (TriggerSource source : values()) {
            if (source.value.equals(value)) {
                return source;
            }
        }
        throw new IllegalArgumentException("not a Migrate User trigger source: " + value);
    }
}
