package io.poolsync.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What DescribeUserPool ("UserPoolType" in the Amazon Cognito API reference) says about a pool that decides whether
 * users can move into it, for the pre-flight report.
 *
 * @param usernameAttributes     UsernameAttributes: empty when users sign in with a username
 * @param aliasAttributes        AliasAttributes: other attributes users may sign in with (email, phone_number,
 *                               preferred_username)
 * @param usernameCaseSensitive  UsernameConfiguration.CaseSensitive; pools without it are case sensitive
 * @param attributes             SchemaAttributes by name (custom ones carry "custom:")
 * @param autoVerifiedAttributes AutoVerifiedAttributes: email and/or phone_number
 * @param mfaConfiguration       MfaConfiguration: OFF, ON or OPTIONAL
 * @param migrationTrigger       LambdaConfig.UserMigration: the Migrate User trigger's ARN
 * @param emailSendingAccount    EmailConfiguration.EmailSendingAccount: COGNITO_DEFAULT (also when absent) or DEVELOPER
 * @param smsConfigured          whether SmsConfiguration names an SNS caller role, without which Cognito sends no SMS
 * @param tier                   UserPoolTier: LITE, ESSENTIALS or PLUS; {@link #UNKNOWN_TIER} when the pool reports none
 * @param estimatedUsers         EstimatedNumberOfUsers
 */
public record PoolDescription(String poolId, List<String> usernameAttributes, List<String> aliasAttributes,
        boolean usernameCaseSensitive, Map<String, AttributeDefinition> attributes, List<String> autoVerifiedAttributes,
        String mfaConfiguration, Optional<String> migrationTrigger, String emailSendingAccount, boolean smsConfigured,
        String tier, OptionalLong estimatedUsers) {

    public static final String CUSTOM_PREFIX = "custom:";
    public static final String UNKNOWN_TIER = "UNKNOWN";

    public PoolDescription {
        usernameAttributes = List.copyOf(usernameAttributes);
        aliasAttributes = List.copyOf(aliasAttributes);
        attributes = Map.copyOf(attributes);
        autoVerifiedAttributes = List.copyOf(autoVerifiedAttributes);
    }

    public Optional<AttributeDefinition> attribute(String name) {
        return Optional.ofNullable(attributes.get(name));
    }

    /**
     * One schema attribute ("SchemaAttributeType"): its type and constraints, as Cognito returns them (constraints are
     * strings in the API, null when absent).
     */
    public record AttributeDefinition(String name, String dataType, boolean mutable, boolean required,
            String minLength, String maxLength, String minValue, String maxValue) {

        public boolean custom() {
            return name.startsWith(CUSTOM_PREFIX);
        }

        /** The constraints as one line, for findings: e.g. {@code String, length 0-36, immutable}. */
        public String describe() {
            StringBuilder text = new StringBuilder(dataType);
            if (minLength != null || maxLength != null) {
                text.append(", length ").append(minLength == null ? "0" : minLength).append('-')
                        .append(maxLength == null ? "2048" : maxLength);
            }
            if (minValue != null || maxValue != null) {
                text.append(", value ").append(minValue == null ? "any" : minValue).append(" to ")
                        .append(maxValue == null ? "any" : maxValue);
            }
            return text.append(mutable ? "" : ", immutable").toString();
        }
    }

    /** An app client ("UserPoolClientType") and the flows it allows (ExplicitAuthFlows). */
    public record AppClient(String clientId, String name, List<String> explicitAuthFlows) {
        public AppClient {
            explicitAuthFlows = List.copyOf(explicitAuthFlows);
        }
    }
}
