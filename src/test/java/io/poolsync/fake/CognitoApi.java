package io.poolsync.fake;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.function.Function;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;

/**
 * The Cognito operations of the fake: JSON 1.1 request in, JSON response out, {@link CognitoException} for errors.
 * Where cognito-local and real Cognito differ, this follows real Cognito; each such place says so.
 */
final class CognitoApi {

    static final int MAX_LIMIT = 60;
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+$");
    private static final Pattern PHONE = Pattern.compile("^\\+[0-9]{4,20}$");
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+");
    private static final Pattern CUSTOM_NAME = Pattern.compile("[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]{1,20}");
    private static final Pattern ROLE_ARN = Pattern.compile(
            "arn:[\\w+=/,.@-]+:[\\w+=/,.@-]+:([\\w+=/,.@-]*)?:[0-9]+:[\\w+=/,.@-]+(:[\\w+=/,.@-]+)?(:[\\w+=/,.@-]+)?");
    private static final Set<String> DATA_TYPES = Set.of("String", "Number", "DateTime", "Boolean");

    private final ObjectMapper mapper = new ObjectMapper();
    private final JsonFactory json = mapper.getFactory();
    private final ConcurrentHashMap<String, FakePool> pools = new ConcurrentHashMap<>();
    private final FakeCognito fake;
    private final PageTokens tokens;
    private final FakeImportJobs importJobs;
    private final FakeSignIn signIn;
    private final String region;
    private final SplittableRandom random;
    private long poolSeed;

    CognitoApi(FakeCognito fake, String region, long seed, PageTokens tokens) {
        this.fake = fake;
        this.region = region;
        this.poolSeed = seed;
        this.random = new SplittableRandom(seed);
        this.tokens = tokens;
        this.importJobs = new FakeImportJobs(this, fake);
        this.signIn = new FakeSignIn(this);
    }

    FakeSignIn signIn() {
        return signIn;
    }

    FakeImportJobs importJobs() {
        return importJobs;
    }

    byte[] handle(String operation, byte[] body) throws IOException {
        JsonNode request = body.length == 0 ? JsonNodeFactory.instance.objectNode() : mapper.readTree(body);
        if (request == null || !request.isObject()) {
            throw new CognitoException("SerializationException", 400, "Request body is not a JSON object");
        }
        return switch (operation) {
            case "CreateUserPool" -> createUserPool(request);
            case "DescribeUserPool" -> describeUserPool(request);
            case "AddCustomAttributes" -> addCustomAttributes(request);
            case "ListUsers" -> listUsers(request);
            case "AdminGetUser" -> adminGetUser(request);
            case "AdminCreateUser" -> adminCreateUser(request);
            case "AdminSetUserPassword" -> adminSetUserPassword(request);
            case "AdminUpdateUserAttributes" -> adminUpdateUserAttributes(request);
            case "AdminDeleteUserAttributes" -> adminDeleteUserAttributes(request);
            case "AdminDisableUser" -> setEnabled(request, false);
            case "AdminEnableUser" -> setEnabled(request, true);
            case "AdminDeleteUser" -> adminDeleteUser(request);
            case "ListGroups" -> listGroups(request);
            case "CreateGroup" -> createGroup(request);
            case "UpdateGroup" -> updateGroup(request);
            case "GetGroup" -> getGroup(request);
            case "ListUsersInGroup" -> listUsersInGroup(request);
            case "AdminAddUserToGroup" -> membership(request, true);
            case "AdminRemoveUserFromGroup" -> membership(request, false);
            case "AdminListGroupsForUser" -> adminListGroupsForUser(request);
            case "GetCSVHeader" -> importJobs.getCsvHeader(request);
            case "CreateUserImportJob" -> importJobs.create(request);
            case "StartUserImportJob" -> importJobs.start(request);
            case "DescribeUserImportJob" -> importJobs.describe(request);
            case "CreateIdentityProvider" -> signIn.createIdentityProvider(request);
            case "DescribeIdentityProvider" -> signIn.describeIdentityProvider(request);
            case "ListIdentityProviders" -> signIn.listIdentityProviders(request);
            case "AdminLinkProviderForUser" -> signIn.adminLinkProviderForUser(request);
            case "SetUserPoolMfaConfig" -> signIn.setUserPoolMfaConfig(request);
            case "GetUserPoolMfaConfig" -> signIn.getUserPoolMfaConfig(request);
            case "AdminSetUserMFAPreference" -> signIn.adminSetUserMfaPreference(request);
            case "GetProvisionedLimit" -> getProvisionedLimit(request);
            case "ListUserPoolClients" -> listUserPoolClients(request);
            case "DescribeUserPoolClient" -> describeUserPoolClient(request);
            default -> throw CognitoException.unsupported(operation);
        };
    }

    // ---------------------------------------------------------------- pools

    private byte[] createUserPool(JsonNode request) throws IOException {
        FakePool pool = newPool(request);
        pools.put(pool.id, pool);
        return read(pool, g -> {
            g.writeFieldName("UserPool");
            writePool(g, pool);
        });
    }

    FakePool newPool(JsonNode request) {
        String name = required(request, "PoolName");
        if (name.length() > 128) {
            throw CognitoException.invalidParameter("PoolName must be at most 128 characters");
        }
        List<String> usernameAttributes = texts(request, "UsernameAttributes");
        for (String attribute : usernameAttributes) {
            if (!attribute.equals("email") && !attribute.equals("phone_number")) {
                throw CognitoException.invalidParameter("Invalid UsernameAttributes: " + attribute);
            }
        }
        if (!usernameAttributes.isEmpty() && !texts(request, "AliasAttributes").isEmpty()) {
            throw CognitoException.invalidParameter(
                    "Only one of AliasAttributes or UsernameAttributes can be set in a User Pool.");
        }
        Boolean caseSensitive = null;
        JsonNode usernameConfiguration = request.get("UsernameConfiguration");
        if (usernameConfiguration != null && !usernameConfiguration.isNull()) {
            if (!usernameConfiguration.has("CaseSensitive")) {
                throw CognitoException.invalidParameter("UsernameConfiguration.CaseSensitive is required.");
            }
            caseSensitive = usernameConfiguration.get("CaseSensitive").asBoolean();
        }
        FakePool.PasswordPolicy policy = FakePool.PasswordPolicy.cognitoDefault();
        JsonNode passwordPolicy = request.path("Policies").path("PasswordPolicy");
        if (passwordPolicy.isObject()) {
            policy = new FakePool.PasswordPolicy(passwordPolicy.path("MinimumLength").asInt(8),
                    passwordPolicy.path("RequireUppercase").asBoolean(false),
                    passwordPolicy.path("RequireLowercase").asBoolean(false),
                    passwordPolicy.path("RequireNumbers").asBoolean(false),
                    passwordPolicy.path("RequireSymbols").asBoolean(false),
                    passwordPolicy.path("TemporaryPasswordValidityDays").asInt(7));
        }
        String tier = request.path("UserPoolTier").asText("ESSENTIALS");
        if (!Set.of("LITE", "ESSENTIALS", "PLUS").contains(tier)) {
            throw CognitoException.invalidParameter("Invalid UserPoolTier " + tier);
        }
        List<SchemaAttribute> schema = SchemaAttribute.standard();
        Map<String, SchemaAttribute> byName = new LinkedHashMap<>();
        schema.forEach(attribute -> byName.put(attribute.name, attribute));
        int customs = 0;
        for (JsonNode entry : request.path("Schema")) {
            String attributeName = required(entry, "Name");
            SchemaAttribute standard = byName.get(attributeName);
            if (standard != null) {
                if (standard.name.equals("sub")) {
                    throw CognitoException.invalidParameter("sub cannot be redefined in the schema.");
                }
                if (entry.has("Mutable")) {
                    standard.mutable = entry.get("Mutable").asBoolean();
                }
                if (entry.has("Required")) {
                    standard.required = entry.get("Required").asBoolean();
                }
                constraints(entry, standard);
                continue;
            }
            if (!CUSTOM_NAME.matcher(attributeName).matches()) {
                throw CognitoException.invalidParameter("Custom attribute names must be 1 to 20 characters: " + attributeName);
            }
            if (entry.path("Required").asBoolean(false)) {
                throw CognitoException.invalidParameter("Required custom attributes are not supported currently.");
            }
            String type = entry.path("AttributeDataType").asText("String");
            if (!DATA_TYPES.contains(type)) {
                throw CognitoException.invalidParameter("Invalid AttributeDataType " + type);
            }
            String fullName = "custom:" + attributeName;
            if (byName.containsKey(fullName)) {
                throw CognitoException.invalidParameter("Duplicate custom attribute " + fullName);
            }
            if (++customs > 50) {
                throw CognitoException.invalidParameter("A user pool can have at most 50 custom attributes.");
            }
            // The API documents no default for Mutable; Cognito and cognito-local treat an omitted flag as mutable.
            SchemaAttribute custom = new SchemaAttribute(fullName, type, entry.path("Mutable").asBoolean(true), false, null, null);
            custom.developerOnly = entry.path("DeveloperOnlyAttribute").asBoolean(false);
            constraints(entry, custom);
            schema.add(custom);
            byName.put(fullName, custom);
        }
        String id;
        long seed;
        synchronized (this) {
            seed = poolSeed++;
            do {
                id = region + "_" + randomAlphanumeric(9);
            } while (pools.containsKey(id));
        }
        String arn = "arn:aws:cognito-idp:" + region + ":000000000000:userpool/" + id;
        FakePool pool = new FakePool(id, name, arn, schema, usernameAttributes, caseSensitive, policy,
                texts(request, "AutoVerifiedAttributes"), seed * 0x9E3779B97F4A7C15L);
        pool.tier = tier;
        return pool;
    }

    private String randomAlphanumeric(int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    private static void constraints(JsonNode entry, SchemaAttribute attribute) {
        JsonNode strings = entry.get("StringAttributeConstraints");
        if (strings != null && strings.isObject()) {
            attribute.minLength = strings.hasNonNull("MinLength") ? strings.get("MinLength").asText() : null;
            attribute.maxLength = strings.hasNonNull("MaxLength") ? strings.get("MaxLength").asText() : null;
        }
        JsonNode numbers = entry.get("NumberAttributeConstraints");
        if (numbers != null && numbers.isObject()) {
            attribute.minValue = numbers.hasNonNull("MinValue") ? numbers.get("MinValue").asText() : null;
            attribute.maxValue = numbers.hasNonNull("MaxValue") ? numbers.get("MaxValue").asText() : null;
        }
    }

    /**
     * "AddCustomAttributes": 1 to 25 attributes, named without "custom:"; Cognito refuses a name the pool has, and a
     * custom attribute can't be required.
     */
    private byte[] addCustomAttributes(JsonNode request) throws IOException {
        FakePool pool = pool(request);
        JsonNode attributes = request.path("CustomAttributes");
        if (attributes.size() < 1 || attributes.size() > 25) {
            throw CognitoException.invalidParameter("CustomAttributes must have 1 to 25 members");
        }
        return write(pool, g -> {
            List<SchemaAttribute> added = new ArrayList<>();
            for (JsonNode entry : attributes) {
                String name = required(entry, "Name");
                if (!CUSTOM_NAME.matcher(name).matches()) {
                    throw CognitoException.invalidParameter("Custom attribute names must be 1 to 20 characters: " + name);
                }
                String fullName = "custom:" + name;
                if (pool.schema.containsKey(fullName) || added.stream().anyMatch(a -> a.name.equals(fullName))) {
                    throw CognitoException.invalidParameter(fullName + ": Existing attribute already has name " + fullName + ".");
                }
                if (entry.path("Required").asBoolean(false)) {
                    throw CognitoException.invalidParameter("Required custom attributes are not supported currently.");
                }
                String type = entry.path("AttributeDataType").asText("String");
                if (!DATA_TYPES.contains(type)) {
                    throw CognitoException.invalidParameter("Invalid AttributeDataType " + type);
                }
                SchemaAttribute custom = new SchemaAttribute(fullName, type, entry.path("Mutable").asBoolean(true), false,
                        null, null);
                custom.developerOnly = entry.path("DeveloperOnlyAttribute").asBoolean(false);
                constraints(entry, custom);
                added.add(custom);
            }
            long customs = pool.schema.values().stream().filter(SchemaAttribute::custom).count();
            if (customs + added.size() > 50) {
                throw CognitoException.invalidParameter("A user pool can have at most 50 custom attributes.");
            }
            added.forEach(attribute -> pool.schema.put(attribute.name, attribute));
        });
    }

    private static final Set<String> PROVIDER_TYPES = Set.of("SAML", "Facebook", "Google", "LoginWithAmazon",
            "SignInWithApple", "OIDC");

    /** MaxResults: 1..60 where the API sets that range; absent meaning 60. */
    private static int maxResults(JsonNode request) {
        if (!request.hasNonNull("MaxResults")) {
            return MAX_LIMIT;
        }
        int limit = request.get("MaxResults").asInt();
        if (limit < 1 || limit > MAX_LIMIT) {
            throw CognitoException.invalidParameter("1 validation error detected: Value '" + limit
                    + "' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and " + MAX_LIMIT);
        }
        return limit;
    }

    void addPool(FakePool pool) {
        pools.put(pool.id, pool);
    }

    /**
     * API reference, GetProvisionedLimit: {@code LimitDefinition {LimitClass: API_CATEGORY, Attributes: {Category}}},
     * answered {@code Limit {LimitDefinition, ProvisionedLimitValue, FreeLimitValue}}. The provisioned limit is the
     * rate the fake enforces, its quotas' rate for the category; the free limit is the table's default. An account
     * that may not call it (IAM) is {@link FakeCognito#denyGetProvisionedLimit}.
     */
    private byte[] getProvisionedLimit(JsonNode request) throws IOException {
        if (fake.getProvisionedLimitDenied()) {
            throw new CognitoException("AccessDeniedException", 400,
                    "User is not authorized to perform: cognito-idp:GetProvisionedLimit");
        }
        JsonNode definition = request.path("LimitDefinition");
        if (!"API_CATEGORY".equals(definition.path("LimitClass").asText())) {
            throw CognitoException.invalidParameter("LimitDefinition.LimitClass must be API_CATEGORY");
        }
        String name = definition.path("Attributes").path("Category").asText();
        QuotaCategory category = java.util.Arrays.stream(QuotaCategory.values())
                .filter(c -> c.row().cognitoName().equals(name)).findFirst()
                .orElseThrow(() -> CognitoException.invalidParameter("Unknown category " + name));
        int provisioned = fake.quotas().rate(category).orElse(category.defaultRps());
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = json.createGenerator(out)) {
            g.writeStartObject();
            g.writeObjectFieldStart("Limit");
            g.writeObjectFieldStart("LimitDefinition");
            g.writeStringField("LimitClass", "API_CATEGORY");
            g.writeObjectFieldStart("Attributes");
            g.writeStringField("Category", name);
            g.writeEndObject();
            g.writeEndObject();
            g.writeNumberField("ProvisionedLimitValue", provisioned);
            g.writeNumberField("FreeLimitValue", category.defaultRps());
            g.writeEndObject();
            g.writeEndObject();
        }
        return out.toByteArray();
    }

    private byte[] describeUserPool(JsonNode request) throws IOException {
        FakePool pool = pool(request);
        return read(pool, g -> {
            g.writeFieldName("UserPool");
            writePool(g, pool);
        });
    }

    private void writePool(JsonGenerator g, FakePool pool) throws IOException {
        g.writeStartObject();
        g.writeStringField("Id", pool.id);
        g.writeStringField("Name", pool.name);
        g.writeStringField("Arn", pool.arn);
        time(g, "CreationDate", pool.created);
        time(g, "LastModifiedDate", pool.created);
        g.writeObjectFieldStart("Policies");
        g.writeObjectFieldStart("PasswordPolicy");
        FakePool.PasswordPolicy policy = pool.passwordPolicy;
        g.writeNumberField("MinimumLength", policy.minimumLength());
        g.writeBooleanField("RequireUppercase", policy.requireUppercase());
        g.writeBooleanField("RequireLowercase", policy.requireLowercase());
        g.writeBooleanField("RequireNumbers", policy.requireNumbers());
        g.writeBooleanField("RequireSymbols", policy.requireSymbols());
        g.writeNumberField("TemporaryPasswordValidityDays", policy.temporaryPasswordValidityDays());
        g.writeEndObject();
        g.writeEndObject();
        g.writeStringField("DeletionProtection", "INACTIVE");
        g.writeStringField("UserPoolTier", pool.tier);
        g.writeObjectFieldStart("LambdaConfig");
        g.writeEndObject();
        g.writeArrayFieldStart("SchemaAttributes");
        for (SchemaAttribute attribute : pool.schema.values()) {
            g.writeStartObject();
            g.writeStringField("Name", attribute.name);
            g.writeStringField("AttributeDataType", attribute.dataType);
            g.writeBooleanField("DeveloperOnlyAttribute", attribute.developerOnly);
            g.writeBooleanField("Mutable", attribute.mutable);
            g.writeBooleanField("Required", attribute.required);
            if (attribute.dataType.equals("String")) {
                g.writeObjectFieldStart("StringAttributeConstraints");
                optional(g, "MinLength", attribute.minLength);
                optional(g, "MaxLength", attribute.maxLength);
                g.writeEndObject();
            } else if (attribute.dataType.equals("Number")) {
                g.writeObjectFieldStart("NumberAttributeConstraints");
                optional(g, "MinValue", attribute.minValue);
                optional(g, "MaxValue", attribute.maxValue);
                g.writeEndObject();
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        strings(g, "AutoVerifiedAttributes", pool.autoVerifiedAttributes);
        strings(g, "UsernameAttributes", pool.usernameAttributes);
        if (pool.caseSensitive != null) {
            g.writeObjectFieldStart("UsernameConfiguration");
            g.writeBooleanField("CaseSensitive", pool.caseSensitive);
            g.writeEndObject();
        }
        g.writeStringField("MfaConfiguration", pool.mfaConfiguration);
        g.writeNumberField("EstimatedNumberOfUsers", pool.userCount());
        g.writeObjectFieldStart("AdminCreateUserConfig");
        g.writeBooleanField("AllowAdminCreateUserOnly", false);
        g.writeNumberField("UnusedAccountValidityDays", policy.temporaryPasswordValidityDays());
        g.writeEndObject();
        g.writeObjectFieldStart("EmailConfiguration");
        g.writeStringField("EmailSendingAccount", "COGNITO_DEFAULT");
        g.writeEndObject();
        g.writeEndObject();
    }

    // ---------------------------------------------------------------- users

    private byte[] adminCreateUser(JsonNode request) throws IOException {
        FakePool pool = pool(request);
        String username = required(request, "Username");
        String action = text(request, "MessageAction");
        if (action != null && !action.equals("SUPPRESS") && !action.equals("RESEND")) {
            throw CognitoException.invalidParameter("MessageAction must be SUPPRESS or RESEND");
        }
        for (String medium : texts(request, "DesiredDeliveryMediums")) {
            if (!medium.equals("SMS") && !medium.equals("EMAIL")) {
                throw CognitoException.invalidParameter("Invalid DesiredDeliveryMediums: " + medium);
            }
        }
        List<String[]> attributes = attributes(request.get("UserAttributes"));
        refuseIdentities(attributes);
        String temporaryPassword = text(request, "TemporaryPassword");
        if (temporaryPassword != null) {
            pool.passwordPolicy.check(temporaryPassword);
        }
        return write(pool, g -> {
            FakeUser user;
            if ("RESEND".equals(action)) {
                user = pool.require(username);
            } else {
                user = createUser(pool, username, attributes, null, System.currentTimeMillis());
            }
            if (!"SUPPRESS".equals(action)) {
                fake.stats().recordInvite();
            }
            g.writeFieldName("User");
            writeUser(g, user, "Attributes", null);
        });
    }

    /** AdminCreateUser's checks and effects; shared with the seeding API. Call under the pool's write lock. */
    FakeUser createUser(FakePool pool, String username, List<String[]> attributes, String explicitSub, long now) {
        LinkedHashMap<String, String> values = new LinkedHashMap<>();
        for (String[] attribute : attributes) {
            SchemaAttribute schema = pool.schema.get(attribute[0]);
            // cognito-local stores attributes missing from the schema; Cognito refuses them.
            if (schema == null) {
                throw CognitoException.invalidParameter("Attributes did not conform to the schema: " + attribute[0]
                        + ": Attribute does not exist in the schema.\n");
            }
            if (schema.name.equals("sub")) {
                throw CognitoException.invalidParameter(
                        "Attributes did not conform to the schema: sub: Cannot modify the non-mutable attribute sub\n");
            }
            if (attribute[1].isEmpty()) {
                continue;
            }
            String problem = schema.check(attribute[1]);
            if (problem != null) {
                throw CognitoException.invalidParameter(
                        "Attributes did not conform to the schema: " + schema.name + ": " + problem + "\n");
            }
            values.put(schema.name, attribute[1]);
        }
        String storedUsername = null;
        if (pool.generatesUsernames()) {
            if (pool.signsInByEmail() && EMAIL.matcher(username).matches()) {
                values.putIfAbsent(pool.schema.get("email").name, username);
            } else if (pool.signsInByPhone() && PHONE.matcher(username).matches()) {
                values.putIfAbsent(pool.schema.get("phone_number").name, username);
            } else {
                throw CognitoException.invalidParameter(!pool.signsInByPhone() ? "Username should be an email."
                        : !pool.signsInByEmail() ? "Username should be a phone number."
                        : "Username should be either an email or a phone number.");
            }
            if (pool.byEmail(values.get("email")) != null) {
                throw CognitoException.usernameExists("An account with the given email already exists.");
            }
            if (pool.byPhone(values.get("phone_number")) != null) {
                throw CognitoException.usernameExists("An account with the given phone_number already exists.");
            }
        } else {
            if (username.length() > 128 || !NAME.matcher(username).matches()) {
                throw CognitoException.invalidParameter("1 validation error detected: Value at 'username' failed to "
                        + "satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+");
            }
            FakeUser existing = pool.find(username);
            if (existing != null && pool.key(existing.username).equals(pool.key(username))) {
                throw CognitoException.usernameExists("User account already exists");
            }
            storedUsername = username;
        }
        for (SchemaAttribute schema : pool.schema.values()) {
            if (schema.required && !schema.name.equals("sub") && !values.containsKey(schema.name)) {
                throw CognitoException.invalidParameter(
                        "Attributes did not conform to the schema: " + schema.name + ": The attribute is required\n");
            }
        }
        FakeUser user = pool.add(storedUsername, explicitSub, now);
        String[] flat = new String[values.size() * 2];
        int i = 0;
        for (Map.Entry<String, String> value : values.entrySet()) {
            pool.reindex(user, value.getKey(), value.getValue());
            flat[i++] = value.getKey();
            flat[i++] = value.getValue();
        }
        user.attributes = flat;
        user.status = UserStatusType.FORCE_CHANGE_PASSWORD;
        return user;
    }

    private byte[] adminGetUser(JsonNode request) throws IOException {
        FakePool pool = pool(request);
        String username = required(request, "Username");
        return read(pool, g -> {
            FakeUser user = pool.require(username);
            fake.stats().recordUserRead(pool.id, user.username);
            writeUserFields(g, user, "UserAttributes", null);
            FakeSignIn.writeMfa(g, user);
        });
    }

    private byte[] adminSetUserPassword(JsonNode request) throws IOException {
        FakePool pool = pool(request);
        String username = required(request, "Username");
        String password = required(request, "Password");
        boolean permanent = request.path("Permanent").asBoolean(false);
        return write(pool, g -> {
            FakeUser user = pool.require(username);
            pool.passwordPolicy.check(password);
            user.status = permanent ? UserStatusType.CONFIRMED : UserStatusType.FORCE_CHANGE_PASSWORD;
            user.modified = System.currentTimeMillis();
        });
    }

    private byte[] adminUpdateUserAttributes(JsonNode request) throws IOException {
        FakePool pool = pool(request);
        String username = required(request, "Username");
        if (!request.hasNonNull("UserAttributes")) {
            throw notNull("userAttributes");
        }
        List<String[]> changes = attributes(request.get("UserAttributes"));
        refuseIdentities(changes);
        return write(pool, g -> {
            // cognito-local answers NotAuthorizedException for an unknown user here; Cognito answers UserNotFoundException.
            FakeUser user = pool.require(username);
            LinkedHashMap<String, String> values = new LinkedHashMap<>();
            for (String[] change : changes) {
                SchemaAttribute schema = pool.schema.get(change[0]);
                if (schema == null) {
                    throw CognitoException.invalidParameter("user." + change[0] + ": Attribute does not exist in the schema.");
                }
                if (!schema.mutable) {
                    throw CognitoException.invalidParameter(
                            "user." + change[0] + ": Attribute cannot be updated. (changing an immutable attribute)");
                }
                String problem = change[1].isEmpty() ? null : schema.check(change[1]);
                if (problem != null) {
                    throw CognitoException.invalidParameter("user." + change[0] + ": " + problem);
                }
                values.put(schema.name, change[1]);
            }
            for (String alias : List.of("email", "phone_number")) {
                String wanted = values.get(alias);
                FakeUser holder = wanted == null || wanted.isEmpty() ? null
                        : alias.equals("email") ? pool.byEmail(wanted) : pool.byPhone(wanted);
                if (holder != null && holder != user) {
                    throw CognitoException.aliasExists("An account with the given " + alias + " already exists.");
                }
            }
            // A changed email / phone_number becomes unverified unless the same request verifies it. (cognito-local also
            // refuses email_verified without email in the request; Cognito accepts it, and so does the fake.)
            for (String[] pair : new String[][] {{"email", "email_verified"}, {"phone_number", "phone_number_verified"}}) {
                String wanted = values.get(pair[0]);
                if (wanted != null && !wanted.equals(user.attribute(pair[0])) && !values.containsKey(pair[1])) {
                    values.put(pool.schema.get(pair[1]).name, "false");
                }
            }
            for (Map.Entry<String, String> value : values.entrySet()) {
                pool.reindex(user, value.getKey(), value.getValue());
                if (value.getValue().isEmpty()) {
                    user.remove(value.getKey());
                } else {
                    user.put(value.getKey(), value.getValue());
                }
            }
            user.modified = System.currentTimeMillis();
        });
    }

    private byte[] adminDeleteUserAttributes(JsonNode request) throws IOException {
        FakePool pool = pool(request);
        String username = required(request, "Username");
        if (!request.hasNonNull("UserAttributeNames")) {
            throw notNull("userAttributeNames");
        }
        List<String> names = texts(request, "UserAttributeNames");
        return write(pool, g -> {
            FakeUser user = pool.require(username);
            for (String name : names) {
                SchemaAttribute schema = pool.schema.get(name);
                if (schema == null) {
                    throw CognitoException.invalidParameter("user." + name + ": Attribute does not exist in the schema.");
                }
                if (!schema.mutable) {
                    throw CognitoException.invalidParameter("user." + name + ": Cannot delete an immutable attribute.");
                }
                if (schema.required) {
                    throw CognitoException.invalidParameter("user." + name + ": The attribute is required.");
                }
            }
            for (String name : names) {
                pool.reindex(user, name, null);
                user.remove(name);
            }
            user.modified = System.currentTimeMillis();
        });
    }

    private byte[] setEnabled(JsonNode request, boolean enabled) throws IOException {
        FakePool pool = pool(request);
        String username = required(request, "Username");
        return write(pool, g -> {
            FakeUser user = pool.require(username);
            user.enabled = enabled;
            user.modified = System.currentTimeMillis();
        });
    }

    private byte[] adminDeleteUser(JsonNode request) throws IOException {
        FakePool pool = pool(request);
        String username = required(request, "Username");
        return write(pool, g -> pool.delete(pool.require(username)));
    }

    private byte[] listUsers(JsonNode request) throws IOException {
        FakePool pool = pool(request);
        int limit = limit(request);
        String filterText = text(request, "Filter");
        UserFilter filter = UserFilter.parse(filterText, pool);
        String token = text(request, "PaginationToken");
        List<String> attributesToGet = request.hasNonNull("AttributesToGet") ? texts(request, "AttributesToGet") : null;
        if (attributesToGet != null) {
            for (String name : attributesToGet) {
                if (!pool.schema.containsKey(name)) {
                    throw CognitoException.invalidParameter("Invalid attribute in AttributesToGet: " + name);
                }
            }
        }
        String scope = filterText == null ? "" : filterText;
        return read(pool, g -> {
            int from = token == null ? 0 : cursor(tokens.redeem(token, "ListUsers", pool.id, scope));
            List<FakeUser> users;
            int next;
            if (filter != null && filter.exactLookup(pool)) {
                FakeUser user = filter.lookup(pool);
                users = user == null || user.seq < from ? List.of() : List.of(user);
                next = -1;
            } else {
                FakePool.Page page = pool.scan(from, pageSize(limit), fake.scanBudget(), filter == null ? u -> true : filter);
                users = page.users();
                next = page.next();
            }
            g.writeArrayFieldStart("Users");
            for (FakeUser user : users) {
                writeUser(g, user, "Attributes", attributesToGet);
            }
            g.writeEndArray();
            if (next >= 0) {
                g.writeStringField("PaginationToken", tokens.issue("ListUsers", pool.id, scope, Integer.toString(next)));
            }
        });
    }

    // ---------------------------------------------------------------- groups

    private byte[] createGroup(JsonNode request) throws IOException {
        FakePool pool = pool(request);
        String name = groupName(request);
        String description = description(request);
        String roleArn = roleArn(request);
        Integer precedence = precedence(request);
        return write(pool, g -> {
            // cognito-local silently replaces an existing group; Cognito refuses with GroupExistsException.
            if (pool.groups.containsKey(name)) {
                throw CognitoException.groupExists(name);
            }
            FakePool.FakeGroup group = new FakePool.FakeGroup(name, System.currentTimeMillis());
            group.description = description;
            group.roleArn = roleArn;
            group.precedence = precedence;
            pool.groups.put(name, group);
            g.writeFieldName("Group");
            writeGroup(g, pool, group);
        });
    }

    private byte[] updateGroup(JsonNode request) throws IOException {
        FakePool pool = pool(request);
        String name = groupName(request);
        String description = description(request);
        String roleArn = roleArn(request);
        Integer precedence = precedence(request);
        return write(pool, g -> {
            FakePool.FakeGroup group = group(pool, name);
            // Cognito resets an omitted field to its default; cognito-local keeps the old value.
            group.description = description;
            group.roleArn = roleArn;
            group.precedence = precedence;
            group.modified = System.currentTimeMillis();
            g.writeFieldName("Group");
            writeGroup(g, pool, group);
        });
    }

    private byte[] getGroup(JsonNode request) throws IOException {
        FakePool pool = pool(request);
        String name = required(request, "GroupName");
        return read(pool, g -> {
            g.writeFieldName("Group");
            writeGroup(g, pool, group(pool, name));
        });
    }

    /** "ListUserPoolClients": UserPoolClients ({ClientId, ClientName, UserPoolId}), MaxResults 1 to 60, NextToken. */
    private byte[] listUserPoolClients(JsonNode request) throws IOException {
        FakePool pool = pool(request);
        int limit = limit(request);
        String token = text(request, "NextToken");
        return read(pool, g -> {
            String from = token == null ? "" : tokens.redeem(token, "ListUserPoolClients", pool.id, "");
            writePage(g, "UserPoolClients", pool.appClients.tailMap(from, true).values().iterator(), limit,
                    (out, client) -> {
                        out.writeStartObject();
                        out.writeStringField("ClientId", client.clientId());
                        out.writeStringField("ClientName", client.clientName());
                        out.writeStringField("UserPoolId", pool.id);
                        out.writeEndObject();
                    }, next -> tokens.issue("ListUserPoolClients", pool.id, "", next.clientId()));
        });
    }

    /** "DescribeUserPoolClient": UserPoolClient with its ExplicitAuthFlows; ResourceNotFoundException when unknown. */
    private byte[] describeUserPoolClient(JsonNode request) throws IOException {
        FakePool pool = pool(request);
        String clientId = required(request, "ClientId");
        return read(pool, g -> {
            FakePool.AppClient client = pool.appClients.get(clientId);
            if (client == null) {
                throw new CognitoException("ResourceNotFoundException", 400, "User pool client " + clientId
                        + " does not exist.");
            }
            g.writeObjectFieldStart("UserPoolClient");
            g.writeStringField("ClientId", client.clientId());
            g.writeStringField("ClientName", client.clientName());
            g.writeStringField("UserPoolId", pool.id);
            g.writeArrayFieldStart("ExplicitAuthFlows");
            for (String flow : client.explicitAuthFlows()) {
                g.writeString(flow);
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private byte[] listGroups(JsonNode request) throws IOException {
        FakePool pool = pool(request);
        int limit = limit(request);
        String token = text(request, "NextToken");
        return read(pool, g -> {
            String from = token == null ? "" : tokens.redeem(token, "ListGroups", pool.id, "");
            writePage(g, "Groups", pool.groups.tailMap(from, true).values().iterator(), limit,
                    (out, group) -> writeGroup(out, pool, group),
                    next -> tokens.issue("ListGroups", pool.id, "", next.name));
        });
    }

    private byte[] listUsersInGroup(JsonNode request) throws IOException {
        FakePool pool = pool(request);
        String name = required(request, "GroupName");
        int limit = limit(request);
        String token = text(request, "NextToken");
        return read(pool, g -> {
            FakePool.FakeGroup group = group(pool, name);
            int from = token == null ? 0 : cursor(tokens.redeem(token, "ListUsersInGroup", pool.id, name));
            writePage(g, "Users", group.members.tailMap(from, true).values().iterator(), limit,
                    (out, member) -> writeUser(out, member, "Attributes", null),
                    next -> tokens.issue("ListUsersInGroup", pool.id, name, Integer.toString(next.seq)));
        });
    }

    private byte[] adminListGroupsForUser(JsonNode request) throws IOException {
        FakePool pool = pool(request);
        String username = required(request, "Username");
        int limit = limit(request);
        String token = text(request, "NextToken");
        return read(pool, g -> {
            FakeUser user = pool.require(username);
            String from = token == null ? "" : tokens.redeem(token, "AdminListGroupsForUser", pool.id, user.username);
            Iterator<FakePool.FakeGroup> groups = pool.groups.tailMap(from, true).values().stream()
                    .filter(group -> group.members.containsKey(user.seq)).iterator();
            writePage(g, "Groups", groups, limit, (out, group) -> writeGroup(out, pool, group),
                    next -> tokens.issue("AdminListGroupsForUser", pool.id, user.username, next.name));
        });
    }

    private byte[] membership(JsonNode request, boolean add) throws IOException {
        FakePool pool = pool(request);
        String name = required(request, "GroupName");
        String username = required(request, "Username");
        return write(pool, g -> {
            FakePool.FakeGroup group = group(pool, name);
            FakeUser user = pool.require(username);
            if (add) {
                group.members.put(user.seq, user);
            } else {
                group.members.remove(user.seq);
            }
        });
    }

    private static FakePool.FakeGroup group(FakePool pool, String name) {
        FakePool.FakeGroup group = pool.groups.get(name);
        if (group == null) {
            throw CognitoException.groupNotFound();
        }
        return group;
    }

    private static String groupName(JsonNode request) {
        String name = required(request, "GroupName");
        if (name.length() > 128 || !NAME.matcher(name).matches()) {
            throw CognitoException.invalidParameter("1 validation error detected: Value '" + name
                    + "' at 'groupName' failed to satisfy constraint: Member must satisfy regular expression pattern");
        }
        return name;
    }

    private static String description(JsonNode request) {
        String description = text(request, "Description");
        if (description != null && description.length() > 2048) {
            throw CognitoException.invalidParameter("Description must be at most 2048 characters");
        }
        return description;
    }

    private static String roleArn(JsonNode request) {
        String roleArn = text(request, "RoleArn");
        if (roleArn != null && (roleArn.length() < 20 || !ROLE_ARN.matcher(roleArn).matches())) {
            throw CognitoException.invalidParameter("1 validation error detected: Value '" + roleArn
                    + "' at 'roleArn' failed to satisfy constraint: Member must satisfy regular expression pattern");
        }
        return roleArn;
    }

    private static Integer precedence(JsonNode request) {
        if (!request.hasNonNull("Precedence")) {
            return null;
        }
        int precedence = request.get("Precedence").asInt();
        if (precedence < 0) {
            throw CognitoException.invalidParameter("Precedence must be at least 0");
        }
        return precedence;
    }

    // ---------------------------------------------------------------- seeding and inspection (no HTTP)

    FakePool poolOrThrow(String poolId) {
        FakePool pool = pools.get(poolId);
        if (pool == null) {
            throw CognitoException.poolNotFound(poolId);
        }
        return pool;
    }

    // ---------------------------------------------------------------- JSON helpers

    /** Writes one item of a page. */
    interface ItemWriter<T> {
        void write(JsonGenerator g, T item) throws IOException;
    }

    /**
     * One page of a paginated list: up to {@code pageSize(limit)} of {@code items}, which start where the request's
     * NextToken pointed, as the array {@code field}, and a NextToken naming the first item left, if any.
     */
    private <T> void writePage(JsonGenerator g, String field, Iterator<T> items, int limit, ItemWriter<T> item,
            Function<T, String> nextToken) throws IOException {
        int size = pageSize(limit);
        g.writeArrayFieldStart(field);
        for (int i = 0; i < size && items.hasNext(); i++) {
            item.write(g, items.next());
        }
        g.writeEndArray();
        if (items.hasNext()) {
            g.writeStringField("NextToken", nextToken.apply(items.next()));
        }
    }

    interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private byte[] read(FakePool pool, Body body) throws IOException {
        return locked(pool.lock.readLock(), body);
    }

    private byte[] write(FakePool pool, Body body) throws IOException {
        return locked(pool.lock.writeLock(), body);
    }

    private byte[] locked(Lock lock, Body body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        lock.lock();
        try (JsonGenerator g = json.createGenerator(out)) {
            g.writeStartObject();
            body.write(g);
            g.writeEndObject();
        } finally {
            lock.unlock();
        }
        return out.toByteArray();
    }

    private static void writeUser(JsonGenerator g, FakeUser user, String attributesField, List<String> only) throws IOException {
        g.writeStartObject();
        writeUserFields(g, user, attributesField, only);
        g.writeEndObject();
    }

    private static void writeUserFields(JsonGenerator g, FakeUser user, String attributesField, List<String> only)
            throws IOException {
        g.writeStringField("Username", user.username);
        g.writeArrayFieldStart(attributesField);
        if (only == null || only.contains("sub")) {
            attribute(g, "sub", user.sub());
        }
        String[] attributes = user.attributes;
        for (int i = 0; i < attributes.length; i += 2) {
            if (only == null || only.contains(attributes[i])) {
                attribute(g, attributes[i], attributes[i + 1]);
            }
        }
        g.writeEndArray();
        time(g, "UserCreateDate", user.created);
        time(g, "UserLastModifiedDate", user.modified);
        g.writeBooleanField("Enabled", user.enabled);
        g.writeStringField("UserStatus", user.status.toString());
    }

    private static void attribute(JsonGenerator g, String name, String value) throws IOException {
        g.writeStartObject();
        g.writeStringField("Name", name);
        g.writeStringField("Value", value);
        g.writeEndObject();
    }

    private static void writeGroup(JsonGenerator g, FakePool pool, FakePool.FakeGroup group) throws IOException {
        g.writeStartObject();
        g.writeStringField("GroupName", group.name);
        g.writeStringField("UserPoolId", pool.id);
        optional(g, "Description", group.description);
        optional(g, "RoleArn", group.roleArn);
        if (group.precedence != null) {
            g.writeNumberField("Precedence", group.precedence);
        }
        time(g, "LastModifiedDate", group.modified);
        time(g, "CreationDate", group.created);
        g.writeEndObject();
    }

    /** Epoch seconds as a JSON number with millisecond fraction, as Cognito sends timestamps. */
    private static void time(JsonGenerator g, String field, long epochMillis) throws IOException {
        g.writeFieldName(field);
        g.writeNumber(BigDecimal.valueOf(epochMillis, 3));
    }

    private static void optional(JsonGenerator g, String field, String value) throws IOException {
        if (value != null) {
            g.writeStringField(field, value);
        }
    }

    private static void strings(JsonGenerator g, String field, List<String> values) throws IOException {
        if (!values.isEmpty()) {
            g.writeArrayFieldStart(field);
            for (String value : values) {
                g.writeString(value);
            }
            g.writeEndArray();
        }
    }

    private FakePool pool(JsonNode request) {
        return poolOrThrow(required(request, "UserPoolId"));
    }

    private int pageSize(int limit) {
        return fake.shortPages() ? fake.shortPageSize(limit) : limit;
    }

    private static int cursor(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw CognitoException.invalidParameter("Invalid pagination token.");
        }
    }

    /** Limit / MaxResults: 0..60, absent or 0 meaning 60. */
    private static int limit(JsonNode request) {
        if (!request.hasNonNull("Limit")) {
            return MAX_LIMIT;
        }
        int limit = request.get("Limit").asInt();
        if (limit > MAX_LIMIT) {
            throw CognitoException.invalidParameter("1 validation error detected: Value '" + limit
                    + "' at 'limit' failed to satisfy constraint: Member must have value less than or equal to " + MAX_LIMIT);
        }
        if (limit < 0) {
            throw CognitoException.invalidParameter("1 validation error detected: Value '" + limit
                    + "' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 0");
        }
        return limit == 0 ? MAX_LIMIT : limit;
    }

    /** "You can't change the identities attribute in a user profile directly" (developer guide, third-party sign-in). */
    private static void refuseIdentities(List<String[]> attributes) {
        for (String[] attribute : attributes) {
            if (attribute[0].equals("identities")) {
                throw CognitoException.invalidParameter("Cannot modify the identities attribute directly.");
            }
        }
    }

    static List<String[]> attributes(JsonNode array) {
        List<String[]> attributes = new ArrayList<>();
        if (array != null) {
            for (JsonNode attribute : array) {
                String name = required(attribute, "Name");
                attributes.add(new String[] {name, attribute.path("Value").asText("")});
            }
        }
        return attributes;
    }

    private static String text(JsonNode request, String field) {
        JsonNode node = request.get(field);
        return node == null || node.isNull() ? null : node.asText();
    }

    private static String required(JsonNode request, String field) {
        String value = text(request, field);
        if (value == null || value.isEmpty()) {
            throw notNull(Character.toLowerCase(field.charAt(0)) + field.substring(1));
        }
        return value;
    }

    private static CognitoException notNull(String member) {
        return CognitoException.invalidParameter("1 validation error detected: Value null at '" + member
                + "' failed to satisfy constraint: Member must not be null");
    }

    private static List<String> texts(JsonNode request, String field) {
        List<String> values = new ArrayList<>();
        for (JsonNode value : request.path(field)) {
            values.add(value.asText());
        }
        return values;
    }
}
