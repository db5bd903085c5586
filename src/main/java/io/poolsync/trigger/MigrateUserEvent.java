package io.poolsync.trigger;

import java.util.Map;

/**
 * What the trigger reads from a Migrate User event. The event itself goes back to Cognito with only its
 * {@code response} filled in.
 *
 * @param password what the person typed at sign-in; null in the forgot-password flow. Never logged, hence toString.
 */
record MigrateUserEvent(TriggerSource triggerSource, String userName, String password) {

    /** Reads the event as the Lambda runtime hands it over: the event JSON as nested maps. */
    static MigrateUserEvent from(Map<String, Object> event) {
        if (!(event.get("triggerSource") instanceof String triggerSource)) {
            throw new IllegalArgumentException("the event has no triggerSource");
        }
        if (!(event.get("userName") instanceof String userName) || userName.isEmpty()) {
            throw new IllegalArgumentException("the event has no userName");
        }
        Object password = event.get("request") instanceof Map<?, ?> request ? request.get("password") : null;
        return new MigrateUserEvent(TriggerSource.parse(triggerSource), userName,
                password instanceof String text ? text : null);
    }

    @Override
    public String toString() {
        return "MigrateUserEvent[triggerSource=" + triggerSource.value() + ", userName=" + userName + "]";
    }
}
