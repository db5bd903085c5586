package io.poolsync.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What DescribeUserPool says about a pool that decides how poolsync writes to it.
 *
 * @param usernameAttributes    empty when users sign in with a username; otherwise "email" and/or "phone_number",
 *                              and Cognito generates the username
 * @param usernameCaseSensitive Cognito's UsernameConfiguration.CaseSensitive; pools without it are case sensitive
 */
public record PoolSchema(String poolId, List<String> usernameAttributes, boolean usernameCaseSensitive,
        Map<String, SchemaAttribute> attributes, PasswordPolicy passwordPolicy) {

    public PoolSchema {
        usernameAttributes = List.copyOf(usernameAttributes);
        attributes = Map.copyOf(attributes);
    }

    public Optional<SchemaAttribute> attribute(String name) {
        return Optional.ofNullable(attributes.get(name));
    }

    public record SchemaAttribute(String name, boolean mutable) {
    }

    public record PasswordPolicy(int minimumLength, boolean requireUppercase, boolean requireLowercase,
            boolean requireNumbers, boolean requireSymbols) {

        /** Cognito's policy for pools created without one. */
        public static final PasswordPolicy COGNITO_DEFAULT = new PasswordPolicy(8, true, true, true, true);
    }
}
