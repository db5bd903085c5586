package io.poolsync.plan;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How a source user and a target user are recognised as the same person: by username, or, where the target pool signs
 * in by email or phone ({@code UsernameAttributes}) and Cognito generates usernames, by that attribute.
 *
 * @param usernameAttributes the target pool's UsernameAttributes, in the order they are tried
 * @param caseSensitive      the target pool's username case sensitivity
 */
public record MatchKey(List<String> usernameAttributes, boolean caseSensitive) {

    public MatchKey {
        usernameAttributes = List.copyOf(usernameAttributes);
    }

    public static MatchKey byUsername(boolean caseSensitive) {
        return new MatchKey(List.of(), caseSensitive);
    }

    /** The key of a user with this username and these (target-named) attributes; empty when it has none. */
    public Optional<String> of(String username, Map<String, String> attributes) {
        return signInValue(username, attributes).map(this::normalise);
    }

    /** The Username to pass to AdminCreateUser: the username itself, or the email / phone the target signs in with. */
    public Optional<String> signInValue(String username, Map<String, String> attributes) {
        if (usernameAttributes.isEmpty()) {
            return Optional.of(username);
        }
        return usernameAttributes.stream()
                .map(attributes::get)
                .filter(value -> value != null && !value.isEmpty())
                .findFirst();
    }

    public String describe() {
        return usernameAttributes.isEmpty() ? "username" : String.join(" or ", usernameAttributes);
    }

    private String normalise(String value) {
        return caseSensitive ? value : value.toLowerCase(Locale.ROOT);
    }
}
