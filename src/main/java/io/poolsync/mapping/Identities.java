package io.poolsync.mapping;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.poolsync.model.LinkedIdentity;

/**
 * Reads a user's {@code identities} attribute: a JSON array of {@code {userId, providerName, providerType, issuer,
 * primary, dateCreated}} (AWS developer guide, "Linking federated users to an existing user profile", and the
 * AdminGetUser example in the API reference). Cognito has written {@code primary} and {@code dateCreated} both as JSON
 * strings ({@code "true"}, {@code "1642699117273"}) and as a boolean and a number, so both are read.
 */
public final class Identities {

    public static final String ATTRIBUTE = "identities";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Identities() {
    }

    /**
     * @param json the attribute's value; null or empty means no identities
     * @throws IllegalArgumentException when the value is not such an array, or an entry lacks its provider or subject
     */
    public static List<LinkedIdentity> parse(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        JsonNode array;
        try {
            array = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the identities attribute is not JSON: " + e.getOriginalMessage());
        }
        if (array == null || !array.isArray()) {
            throw new IllegalArgumentException("the identities attribute is not a JSON array");
        }
        List<LinkedIdentity> identities = new ArrayList<>();
        for (JsonNode entry : array) {
            String provider = text(entry, "providerName");
            String subject = text(entry, "userId");
            if (provider.isEmpty() || subject.isEmpty()) {
                throw new IllegalArgumentException("an entry of the identities attribute has no providerName or userId");
            }
            identities.add(new LinkedIdentity(provider, text(entry, "providerType"), subject, text(entry, "issuer"),
                    flag(entry.get("primary")), millis(entry.get("dateCreated"))));
        }
        return identities;
    }

    private static String text(JsonNode entry, String field) {
        JsonNode value = entry.get(field);
        return value == null || value.isNull() ? "" : value.asText();
    }

    private static boolean flag(JsonNode value) {
        return value != null && (value.isBoolean() ? value.booleanValue() : Boolean.parseBoolean(value.asText().trim()));
    }

    private static long millis(JsonNode value) {
        if (value == null || value.isNull()) {
            return 0;
        }
        if (value.isNumber()) {
            return value.longValue();
        }
        try {
            return Long.parseLong(value.asText().trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
