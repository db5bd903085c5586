package io.poolsync.trigger;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The user the trigger tells Cognito to create.
 *
 * @param userAttributes  the target attributes, after the mapping rules
 * @param finalUserStatus {@code CONFIRMED} or {@code RESET_REQUIRED} at sign-in; empty in the forgot-password flow, where
 *                        Cognito goes on to send the reset code whatever the trigger says
 */
record MigrationAnswer(Map<String, String> userAttributes, Optional<String> finalUserStatus) {

    static final String CONFIRMED = "CONFIRMED";
    static final String RESET_REQUIRED = "RESET_REQUIRED";
    /** The user keeps the password they just used, or resets it: a welcome message would only confuse them. */
    static final String SUPPRESS = "SUPPRESS";

    MigrationAnswer {
        userAttributes = Map.copyOf(userAttributes);
    }

    /**
     * The event's {@code response}: the fields Cognito sent (all null in practice) with this answer filled in. Others,
     * such as {@code forceAliasCreation}, stay as sent, so an email already used by another target user fails the
     * migration rather than moving that alias away from its owner.
     */
    Map<String, Object> toResponse(Object received) {
        Map<String, Object> response = new LinkedHashMap<>();
        if (received instanceof Map<?, ?> fields) {
            fields.forEach((name, value) -> response.put(String.valueOf(name), value));
        }
        response.put("userAttributes", new LinkedHashMap<>(userAttributes));
        finalUserStatus.ifPresent(status -> response.put("finalUserStatus", status));
        response.put("messageAction", SUPPRESS);
        return response;
    }
}
