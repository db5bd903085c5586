package io.poolsync.fake;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.Lock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;

/**
 * How users sign in, as the API reference describes it: identity providers (CreateIdentityProvider,
 * DescribeIdentityProvider, ListIdentityProviders), linked identities (AdminLinkProviderForUser, kept in the user's
 * {@code identities} attribute as the developer guide's "Linking federated users to an existing user profile" shows),
 * the pool's MFA configuration (SetUserPoolMfaConfig, GetUserPoolMfaConfig) and users' MFA settings
 * (AdminSetUserMFAPreference; AdminGetUser's UserMFASettingList and PreferredMfaSetting).
 *
 * <p>Where the reference names an error but not its cause, the fake assumes one: linking to a user with an immutable
 * attribute set is InvalidParameterException ("All attributes in the DestinationUser profile must be mutable");
 * linking to an unknown provider is ResourceNotFoundException; a sixth link is LimitExceededException; an identity
 * already linked, or already a user of the pool, is InvalidParameterException (the SourceUser must be "a user who
 * doesn't exist yet in the user pool"); enabling SMS or email MFA needs the pool's factor and the user's phone number
 * or email, else InvalidParameterException; AdminSetUserMFAPreference answers UserNotConfirmedException for an
 * UNCONFIRMED user and PasswordResetRequiredException for a RESET_REQUIRED one.
 */
final class FakeSignIn {

    static final int MAX_LINKS = 5;
    static final Set<String> PROVIDER_TYPES = Set.of("SAML", "Facebook", "Google", "LoginWithAmazon", "SignInWithApple",
            "OIDC");
    static final String SMS = "SMS_MFA";
    static final String EMAIL = "EMAIL_OTP";
    static final String TOTP = "SOFTWARE_TOKEN_MFA";

    /** One identity provider of a pool. */
    record Provider(String name, String type, Map<String, String> details, Map<String, String> attributeMapping,
            List<String> idpIdentifiers, long created) {
    }

    private final CognitoApi api;
    private final ObjectMapper mapper = new ObjectMapper();

    FakeSignIn(CognitoApi api) {
        this.api = api;
    }

    static String identityKey(String provider, String subject) {
        return provider + "\u0000" + subject;
    }

    // ---------------------------------------------------------------- identity providers

    byte[] createIdentityProvider(JsonNode request) throws IOException {
        FakePool pool = pool(request);
        String name = required(request, "ProviderName");
        // ProviderName: 1 to 32 characters, no underscore (it separates provider and subject in federated usernames).
        if (name.length() > 32 || name.contains("_") || name.isBlank()) {
            throw CognitoException.invalidParameter("1 validation error detected: Value '" + name
                    + "' at 'providerName' failed to satisfy constraint: Member must satisfy regular expression pattern");
        }
        String type = required(request, "ProviderType");
        if (!PROVIDER_TYPES.contains(type)) {
            throw CognitoException.invalidParameter("1 validation error detected: Value '" + type
                    + "' at 'providerType' failed to satisfy enum value set: " + PROVIDER_TYPES);
        }
        if (!request.path("ProviderDetails").isObject()) {
            throw CognitoException.invalidParameter("1 validation error detected: Value null at 'providerDetails' "
                    + "failed to satisfy constraint: Member must not be null");
        }
        Provider provider = new Provider(name, type, strings(request.get("ProviderDetails")),
                strings(request.get("AttributeMapping")), texts(request.get("IdpIdentifiers")), System.currentTimeMillis());
        return locked(pool.lock.writeLock(), () -> {
            if (pool.identityProviders.containsKey(name)) {
                throw new CognitoException("DuplicateProviderException", 400, "A provider with the name " + name
                        + " already exists in this user pool.");
            }
            pool.identityProviders.put(name, provider);
            ObjectNode response = mapper.createObjectNode();
            describe(response.putObject("IdentityProvider"), pool, provider);
            return response;
        });
    }

    byte[] describeIdentityProvider(JsonNode request) throws IOException {
        FakePool pool = pool(request);
        String name = required(request, "ProviderName");
        return locked(pool.lock.readLock(), () -> {
            Provider provider = pool.identityProviders.get(name);
            if (provider == null) {
                throw new CognitoException("ResourceNotFoundException", 400, "Identity provider " + name
                        + " does not exist.");
            }
            ObjectNode response = mapper.createObjectNode();
            describe(response.putObject("IdentityProvider"), pool, provider);
            return response;
        });
    }

    byte[] listIdentityProviders(JsonNode request) throws IOException {
        FakePool pool = pool(request);
        int max = request.hasNonNull("MaxResults") ? request.get("MaxResults").asInt() : CognitoApi.MAX_LIMIT;
        if (max < 1 || max > CognitoApi.MAX_LIMIT) {
            throw CognitoException.invalidParameter("1 validation error detected: Value '" + max
                    + "' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and 60");
        }
        String token = request.hasNonNull("NextToken") ? request.get("NextToken").asText() : null;
        return locked(pool.lock.readLock(), () -> {
            Iterator<Provider> providers = (token == null ? pool.identityProviders
                    : pool.identityProviders.tailMap(token, true)).values().iterator();
            ObjectNode response = mapper.createObjectNode();
            ArrayNode page = response.putArray("Providers");
            for (int i = 0; i < max && providers.hasNext(); i++) {
                Provider provider = providers.next();
                ObjectNode entry = page.addObject();
                entry.put("ProviderName", provider.name());
                entry.put("ProviderType", provider.type());
                entry.put("LastModifiedDate", seconds(provider.created()));
                entry.put("CreationDate", seconds(provider.created()));
            }
            if (providers.hasNext()) {
                response.put("NextToken", providers.next().name());
            }
            return response;
        });
    }

    private void describe(ObjectNode node, FakePool pool, Provider provider) {
        node.put("UserPoolId", pool.id);
        node.put("ProviderName", provider.name());
        node.put("ProviderType", provider.type());
        node.set("ProviderDetails", mapper.valueToTree(provider.details()));
        node.set("AttributeMapping", mapper.valueToTree(provider.attributeMapping()));
        node.set("IdpIdentifiers", mapper.valueToTree(provider.idpIdentifiers()));
        node.put("LastModifiedDate", seconds(provider.created()));
        node.put("CreationDate", seconds(provider.created()));
    }

    // ---------------------------------------------------------------- linked identities

    byte[] adminLinkProviderForUser(JsonNode request) throws IOException {
        FakePool pool = pool(request);
        JsonNode destination = request.get("DestinationUser");
        JsonNode source = request.get("SourceUser");
        if (destination == null || !destination.isObject() || source == null || !source.isObject()) {
            throw CognitoException.invalidParameter("1 validation error detected: DestinationUser and SourceUser "
                    + "must not be null");
        }
        String destinationProvider = required(destination, "ProviderName");
        String destinationValue = required(destination, "ProviderAttributeValue");
        String provider = required(source, "ProviderName");
        String attribute = required(source, "ProviderAttributeName");
        String subject = required(source, "ProviderAttributeValue");
        if (provider.equals("Cognito")) {
            throw CognitoException.invalidParameter("Invalid SourceUser: Cognito users with a username/password may not "
                    + "be passed in as a SourceUser, only as a DestinationUser");
        }
        return locked(pool.lock.writeLock(), () -> {
            // A native destination is named by its username; a federated one by its provider's user id.
            FakeUser user = destinationProvider.equals("Cognito") ? pool.require(destinationValue)
                    : pool.require(destinationProvider + "_" + destinationValue);
            Provider idp = pool.identityProviders.get(provider);
            if (idp == null) {
                throw new CognitoException("ResourceNotFoundException", 400, "Identity provider " + provider
                        + " does not exist.");
            }
            if (!attribute.equals("Cognito_Subject") && !idp.type().equals("SAML") && !idp.type().equals("OIDC")) {
                throw CognitoException.invalidParameter("Social identity providers link on Cognito_Subject only.");
            }
            FakeUser existing = pool.find(provider + "_" + subject);
            if (existing != null && existing.status != UserStatusType.EXTERNAL_PROVIDER) {
                throw CognitoException.invalidParameter("Invalid SourceUser: Cognito users with a username/password may "
                        + "not be passed in as a SourceUser, only as a DestinationUser");
            }
            if (existing != null || pool.linkedIdentities.containsKey(identityKey(provider, subject))) {
                throw CognitoException.invalidParameter("Merging is not currently supported, provider user already "
                        + "exists in the user pool.");
            }
            for (int i = 0; i < user.attributes.length; i += 2) {
                SchemaAttribute schema = pool.schema.get(user.attributes[i]);
                if (schema != null && !schema.mutable) {
                    throw CognitoException.invalidParameter("All attributes of the DestinationUser must be mutable; "
                            + schema.name + " is not.");
                }
            }
            ArrayNode identities = identities(user);
            if (identities.size() >= MAX_LINKS) {
                throw new CognitoException("LimitExceededException", 400, "A user can have at most " + MAX_LINKS
                        + " linked identities.");
            }
            ObjectNode identity = identities.addObject();
            identity.put("userId", subject);
            identity.put("providerName", provider);
            identity.put("providerType", idp.type());
            identity.putNull("issuer");
            identity.put("primary", false);
            identity.put("dateCreated", System.currentTimeMillis());
            user.put(pool.schema.get("identities").name, mapper.writeValueAsString(identities));
            pool.linkedIdentities.put(identityKey(provider, subject), user);
            user.modified = System.currentTimeMillis();
            return mapper.createObjectNode();
        });
    }

    /** The user's identities attribute as a JSON array; empty when unset. */
    ArrayNode identities(FakeUser user) throws IOException {
        String json = user.attribute("identities");
        return json == null || json.isEmpty() ? mapper.createArrayNode() : (ArrayNode) mapper.readTree(json);
    }

    /** Seeding: adds an identity to a user's identities attribute, as a federated sign-in or a link would. */
    void seedIdentity(FakePool pool, FakeUser user, String provider, String providerType, String subject, boolean primary)
            throws IOException {
        if (pool.linkedIdentities.containsKey(identityKey(provider, subject))) {
            throw new IllegalArgumentException(provider + " identity " + subject + " is already in " + pool.id);
        }
        ArrayNode identities = identities(user);
        ObjectNode identity = identities.addObject();
        identity.put("userId", subject);
        identity.put("providerName", provider);
        identity.put("providerType", providerType);
        identity.putNull("issuer");
        // Cognito has written these as strings in some pools; the seeding writes them so, which readers must accept.
        identity.put("primary", Boolean.toString(primary));
        identity.put("dateCreated", Long.toString(System.currentTimeMillis()));
        user.put(pool.schema.get("identities").name, mapper.writeValueAsString(identities));
        pool.linkedIdentities.put(identityKey(provider, subject), user);
    }

    // ---------------------------------------------------------------- MFA

    byte[] setUserPoolMfaConfig(JsonNode request) throws IOException {
        FakePool pool = pool(request);
        String mode = request.hasNonNull("MfaConfiguration") ? request.get("MfaConfiguration").asText() : null;
        if (mode != null && !Set.of("OFF", "ON", "OPTIONAL").contains(mode)) {
            throw CognitoException.invalidParameter("Invalid MfaConfiguration: " + mode);
        }
        return locked(pool.lock.writeLock(), () -> {
            if (request.has("SmsMfaConfiguration")) {
                JsonNode role = request.path("SmsMfaConfiguration").path("SmsConfiguration").path("SnsCallerArn");
                pool.smsCallerArn = role.isTextual() ? role.asText() : null;
            }
            if (request.has("EmailMfaConfiguration")) {
                pool.emailMfa = request.get("EmailMfaConfiguration").isObject();
            }
            if (request.has("SoftwareTokenMfaConfiguration")) {
                pool.totpMfa = request.path("SoftwareTokenMfaConfiguration").path("Enabled").asBoolean(false);
            }
            if (mode != null) {
                if (!mode.equals("OFF") && pool.smsCallerArn == null && !pool.emailMfa && !pool.totpMfa) {
                    throw CognitoException.invalidParameter("At least one MFA method must be enabled to turn MFA on.");
                }
                pool.mfaConfiguration = mode;
            }
            return mfaConfig(pool);
        });
    }

    byte[] getUserPoolMfaConfig(JsonNode request) throws IOException {
        FakePool pool = pool(request);
        return locked(pool.lock.readLock(), () -> mfaConfig(pool));
    }

    private ObjectNode mfaConfig(FakePool pool) {
        ObjectNode response = mapper.createObjectNode();
        if (pool.smsCallerArn != null) {
            response.putObject("SmsMfaConfiguration").putObject("SmsConfiguration").put("SnsCallerArn", pool.smsCallerArn);
        }
        if (pool.emailMfa) {
            response.putObject("EmailMfaConfiguration").put("Subject", "Your code");
        }
        response.putObject("SoftwareTokenMfaConfiguration").put("Enabled", pool.totpMfa);
        response.put("MfaConfiguration", pool.mfaConfiguration);
        return response;
    }

    byte[] adminSetUserMfaPreference(JsonNode request) throws IOException {
        FakePool pool = pool(request);
        String username = required(request, "Username");
        JsonNode sms = request.get("SMSMfaSettings");
        JsonNode email = request.get("EmailMfaSettings");
        JsonNode totp = request.get("SoftwareTokenMfaSettings");
        return locked(pool.lock.writeLock(), () -> {
            FakeUser user = pool.require(username);
            if (user.status == UserStatusType.UNCONFIRMED) {
                throw new CognitoException("UserNotConfirmedException", 400, "User is not confirmed.");
            }
            if (user.status == UserStatusType.RESET_REQUIRED) {
                throw new CognitoException("PasswordResetRequiredException", 400, "Password reset required for the user");
            }
            LinkedHashSet<String> enabled = new LinkedHashSet<>(List.of(user.mfaEnabled));
            String preferred = user.preferredMfa;
            int preferences = 0;
            for (Object[] setting : new Object[][] {{SMS, sms}, {EMAIL, email}, {TOTP, totp}}) {
                String factor = (String) setting[0];
                JsonNode node = (JsonNode) setting[1];
                if (node == null || node.isNull()) {
                    continue;
                }
                boolean on = node.path("Enabled").asBoolean(false);
                if (on) {
                    check(pool, user, factor);
                    enabled.add(factor);
                } else {
                    enabled.remove(factor);
                    if (factor.equals(preferred)) {
                        preferred = null;
                    }
                }
                if (node.path("PreferredMfa").asBoolean(false)) {
                    if (!on) {
                        throw CognitoException.invalidParameter("A preferred MFA method must be enabled: " + factor);
                    }
                    preferences++;
                    preferred = factor;
                }
            }
            if (preferences > 1) {
                throw CognitoException.invalidParameter("Only one MFA method can be preferred.");
            }
            user.mfaEnabled = enabled.toArray(String[]::new);
            user.preferredMfa = preferred;
            user.modified = System.currentTimeMillis();
            return mapper.createObjectNode();
        });
    }

    private static void check(FakePool pool, FakeUser user, String factor) {
        switch (factor) {
            case SMS -> {
                if (pool.smsCallerArn == null) {
                    throw CognitoException.invalidParameter("SMS multi-factor authentication is not enabled for this user pool.");
                }
                if (user.attribute("phone_number") == null) {
                    throw CognitoException.invalidParameter("User does not have delivery config set to turn on SMS_MFA");
                }
            }
            case EMAIL -> {
                if (!pool.emailMfa) {
                    throw CognitoException.invalidParameter("Email multi-factor authentication is not enabled for this user pool.");
                }
                if (user.attribute("email") == null) {
                    throw CognitoException.invalidParameter("User does not have delivery config set to turn on EMAIL_OTP");
                }
            }
            default -> {
                if (!user.softwareTokenVerified) {
                    throw CognitoException.invalidParameter("User has not verified software token mfa");
                }
            }
        }
    }

    /** AdminGetUser's MFA fields; the list is left out for a user without MFA, as Cognito does. */
    static void writeMfa(com.fasterxml.jackson.core.JsonGenerator g, FakeUser user) throws IOException {
        if (user.mfaEnabled.length > 0) {
            g.writeArrayFieldStart("UserMFASettingList");
            for (String factor : user.mfaEnabled) {
                g.writeString(factor);
            }
            g.writeEndArray();
        }
        if (user.preferredMfa != null) {
            g.writeStringField("PreferredMfaSetting", user.preferredMfa);
        }
    }

    // ---------------------------------------------------------------- helpers

    interface Body {
        ObjectNode write() throws IOException;
    }

    private byte[] locked(Lock lock, Body body) throws IOException {
        lock.lock();
        try {
            return mapper.writeValueAsBytes(body.write());
        } finally {
            lock.unlock();
        }
    }

    private FakePool pool(JsonNode request) {
        return api.poolOrThrow(required(request, "UserPoolId"));
    }

    private static BigDecimal seconds(long epochMillis) {
        return BigDecimal.valueOf(epochMillis, 3);
    }

    private static String required(JsonNode request, String field) {
        JsonNode node = request.get(field);
        if (node == null || node.isNull() || node.asText().isEmpty()) {
            throw CognitoException.invalidParameter("1 validation error detected: Value null at '"
                    + Character.toLowerCase(field.charAt(0)) + field.substring(1)
                    + "' failed to satisfy constraint: Member must not be null");
        }
        return node.asText();
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> values = new LinkedHashMap<>();
        if (object != null && object.isObject()) {
            object.fields().forEachRemaining(entry -> values.put(entry.getKey(), entry.getValue().asText()));
        }
        return values;
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        if (array != null) {
            array.forEach(value -> values.add(value.asText()));
        }
        return values;
    }
}
