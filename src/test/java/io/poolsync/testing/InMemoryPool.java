package io.poolsync.testing;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import io.poolsync.cognito.PoolCallException;
import io.poolsync.cognito.SourcePool;
import io.poolsync.cognito.TargetPool;
import io.poolsync.model.CsvImportTemplate;
import io.poolsync.model.IdentityProvider;
import io.poolsync.model.ImportJob;
import io.poolsync.model.MfaFactors;
import io.poolsync.model.MfaSettings;
import io.poolsync.model.PoolGroup;
import io.poolsync.model.PoolSchema;
import io.poolsync.model.PoolUser;

/**
 * A user pool in memory, as the sync pass sees one through its ports: what the pass's calls leave behind, with the
 * Cognito errors a test injects. Its schema's username settings hold as in Cognito ({@code contract/PoolPortContract}
 * checks them against cognito-local and the fake): usernames are case-insensitive unless
 * {@link PoolSchema#usernameCaseSensitive}; a pool with {@link PoolSchema#usernameAttributes} (email, phone_number)
 * takes one of those as the Username of AdminCreateUser, generates the username (the user's sub), and finds users by
 * either. No import jobs (use the fake), no ListUsers filter beyond {@code attribute = "value"} and
 * {@code attribute ^= "prefix"}.
 */
public final class InMemoryPool implements SourcePool, TargetPool {

    /** One user as stored; tests read it to assert the pool's contents. */
    public static final class Stored {
        public final String username;
        public final Map<String, String> attributes = new TreeMap<>();
        public volatile Instant createdAt = Instant.MAX;
        public volatile boolean enabled = true;
        public volatile String status;
        public volatile boolean passwordSet;
        public volatile List<String> invitationMediums = List.of();

        private Stored(String username) {
            this.username = username;
        }
    }

    private final PoolSchema schema;
    /** By username, lower-cased in a case-insensitive pool. */
    private final Map<String, Stored> users = new ConcurrentHashMap<>();
    /** Users that exist but ListUsers does not list yet: it is eventually consistent. */
    private final Set<String> unlisted = ConcurrentHashMap.newKeySet();
    private final Map<String, MfaSettings> mfaSettings = new ConcurrentHashMap<>();
    private volatile MfaFactors mfaFactors = new MfaFactors("OFF", Set.of());
    private final Map<String, PoolGroup> groups = new ConcurrentHashMap<>();
    /** Group name to member usernames. */
    private final Map<String, Set<String>> members = new ConcurrentHashMap<>();
    private final Set<String> failCreateFor = ConcurrentHashMap.newKeySet();
    private final Set<String> failPasswordFor = ConcurrentHashMap.newKeySet();
    private final Set<String> failCreateGroupFor = ConcurrentHashMap.newKeySet();
    private final Set<String> failMfaReadFor = ConcurrentHashMap.newKeySet();
    private volatile Runnable afterListingUsers = () -> {
    };
    /** Every password set, so a test can look for them where they must not appear. */
    public final List<String> passwords = Collections.synchronizedList(new ArrayList<>());
    /** The attributes of each AdminUpdateUserAttributes, in call order. */
    public final List<Map<String, String>> updates = Collections.synchronizedList(new ArrayList<>());
    /** Users, groups, memberships, links and MFA settings written, in call order. */
    public final List<String> calls = Collections.synchronizedList(new ArrayList<>());

    public InMemoryPool(PoolSchema schema) {
        this.schema = schema;
    }

    // ---- setting the pool up

    /** Puts a user as it is; gives it a sub if it has none. */
    public InMemoryPool put(PoolUser user) {
        Stored stored = new Stored(user.username());
        stored.attributes.putAll(user.attributes());
        stored.attributes.putIfAbsent(PoolUser.SUB, UUID.randomUUID().toString());
        stored.enabled = user.enabled();
        stored.status = user.status();
        stored.createdAt = user.createdAt();
        users.put(key(user.username()), stored);
        return this;
    }

    /** Puts a user that ListUsers does not list yet, as happens right after it is created. */
    public InMemoryPool putUnlisted(PoolUser user) {
        put(user);
        unlisted.add(key(user.username()));
        return this;
    }

    public InMemoryPool putGroup(PoolGroup group, String... memberNames) {
        groups.put(group.name(), group);
        Set<String> names = ConcurrentHashMap.newKeySet();
        names.addAll(List.of(memberNames));
        members.put(group.name(), names);
        return this;
    }

    public InMemoryPool putMfa(String username, MfaSettings settings) {
        mfaSettings.put(username, settings);
        return this;
    }

    public InMemoryPool mfaFactors(MfaFactors factors) {
        this.mfaFactors = factors;
        return this;
    }

    /** AdminCreateUser for this username fails with InvalidParameterException. */
    public void failCreate(String username) {
        failCreateFor.add(username);
    }

    /** AdminSetUserPassword for this username fails with InvalidPasswordException, until {@link #healPasswords}. */
    public void failPassword(String username) {
        failPasswordFor.add(username);
    }

    public void healPasswords() {
        failPasswordFor.clear();
    }

    /** CreateGroup for this group fails with InvalidParameterException. */
    public void failCreateGroup(String group) {
        failCreateGroupFor.add(group);
    }

    /** AdminGetUser's MFA settings for this username fail with InternalErrorException. */
    public void failMfaRead(String username) {
        failMfaReadFor.add(username);
    }

    /**
     * Runs {@code change} once, after the next full listing of the users: what someone else does to the pool between a
     * pass's scan and its writes.
     */
    public void afterListingUsers(Runnable change) {
        afterListingUsers = () -> {
            afterListingUsers = () -> {
            };
            change.run();
        };
    }

    // ---- reading the pool in assertions

    /** The user with this username, or with this email or phone number where the pool signs in with them. */
    public Stored stored(String username) {
        return lookup(username).orElseThrow(() -> new AssertionError("no user " + username + " in the pool; it has "
                + new TreeSet<>(usernames())));
    }

    public Set<String> usernames() {
        return users.values().stream().map(stored -> stored.username).collect(Collectors.toSet());
    }

    public Map<String, PoolGroup> groupsByName() {
        return Map.copyOf(groups);
    }

    public Set<String> members(String group) {
        return Set.copyOf(existingGroup("test", group));
    }

    // ---- PoolReader

    @Override
    public PoolSchema describe() {
        return schema;
    }

    @Override
    public OptionalLong estimatedUsers() {
        return OptionalLong.of(users.size());
    }

    @Override
    public void forEachUser(Optional<String> filter, Consumer<PoolUser> sink) {
        new TreeSet<>(users.keySet()).stream().filter(key -> !unlisted.contains(key)).map(users::get)
                .filter(stored -> stored != null).map(InMemoryPool::read)
                .filter(user -> filter.map(f -> matches(f, user)).orElse(true)).forEach(sink);
        if (filter.isEmpty()) {
            afterListingUsers.run();
        }
    }

    /** ListUsers' {@code attribute = "value"} and {@code attribute ^= "prefix"} (Amazon Cognito API Reference, ListUsers). */
    private static boolean matches(String filter, PoolUser user) {
        boolean prefix = filter.contains("^=");
        String[] parts = filter.split(prefix ? "\\^=" : "=", 2);
        String name = parts[0].trim();
        String value = parts[1].trim().replaceAll("^\"|\"$", "");
        String actual = name.equals("username") ? user.username() : user.attributes().get(name);
        return actual != null && (prefix ? actual.startsWith(value) : actual.equals(value));
    }

    @Override
    public List<PoolGroup> groups() {
        return groups.values().stream().sorted((a, b) -> a.name().compareTo(b.name())).toList();
    }

    @Override
    public void forEachMember(String group, Consumer<PoolUser> sink) {
        new TreeSet<>(existingGroup("ListUsersInGroup", group)).forEach(username -> findUser(username).ifPresent(sink));
    }

    @Override
    public Optional<PoolUser> findUser(String username) {
        return lookup(username).map(InMemoryPool::read);
    }

    private static PoolUser read(Stored stored) {
        synchronized (stored) {
            return new PoolUser(stored.username, Map.copyOf(stored.attributes), stored.enabled, stored.status,
                    stored.createdAt);
        }
    }

    @Override
    public Set<String> groupsOf(String username) {
        String name = lookup(username).map(stored -> stored.username).orElse(username);
        return members.entrySet().stream().filter(entry -> entry.getValue().contains(name))
                .map(Map.Entry::getKey).collect(Collectors.toSet());
    }

    // ---- SignInReader

    @Override
    public List<IdentityProvider> identityProviders() {
        return List.of();
    }

    @Override
    public MfaFactors mfaFactors() {
        return mfaFactors;
    }

    @Override
    public MfaSettings mfaSettings(String username) {
        existing("AdminGetUser", username);
        if (failMfaReadFor.contains(username)) {
            throw new PoolCallException("AdminGetUser", "InternalErrorException", "injected", null);
        }
        return mfaSettings.getOrDefault(username, MfaSettings.NONE);
    }

    // ---- PoolWriter

    @Override
    public void createUser(String username, Map<String, String> attributes, List<String> invitationMediums) {
        if (failCreateFor.contains(username)) {
            throw new PoolCallException("AdminCreateUser", "InvalidParameterException", "bad email", null);
        }
        String sub = UUID.randomUUID().toString();
        Optional<String> signInAttribute = signInAttribute(username);
        // A pool signing in by email or phone generates the username, the sub, as cognito-local and the fake do
        // (CognitoContract#emailAsUsernamePoolGeneratesTheUsernameAndFindsUsersByEmail).
        Stored stored = new Stored(signInAttribute.isPresent() ? sub : username);
        stored.attributes.putAll(attributes);
        signInAttribute.ifPresent(attribute -> stored.attributes.put(attribute, username));
        stored.attributes.put(PoolUser.SUB, sub);
        stored.status = "FORCE_CHANGE_PASSWORD";
        stored.invitationMediums = List.copyOf(invitationMediums);
        synchronized (users) {
            if (lookup(username).isPresent() || users.putIfAbsent(key(stored.username), stored) != null) {
                throw new PoolCallException("AdminCreateUser", PoolCallException.USERNAME_EXISTS,
                        "User account already exists", null);
            }
        }
        calls.add("createUser " + username);
    }

    /**
     * The attribute this AdminCreateUser Username is, in a pool signing in by email or phone: the Username must be an
     * email address or a phone number, which the pool can sign in with.
     */
    private Optional<String> signInAttribute(String username) {
        if (schema.usernameAttributes().isEmpty()) {
            return Optional.empty();
        }
        if (schema.usernameAttributes().contains("email") && username.contains("@")) {
            return Optional.of("email");
        }
        if (schema.usernameAttributes().contains("phone_number") && username.startsWith("+")) {
            return Optional.of("phone_number");
        }
        throw new PoolCallException("AdminCreateUser", "InvalidParameterException",
                "Username should be " + (schema.usernameAttributes().contains("email") ? "an email." : "a phone number."),
                null);
    }

    @Override
    public void setPermanentPassword(String username, String password) {
        passwords.add(password);
        if (failPasswordFor.contains(username)) {
            throw new PoolCallException("AdminSetUserPassword", "InvalidPasswordException",
                    "Password does not conform to policy", null);
        }
        Stored stored = existing("AdminSetUserPassword", username);
        stored.status = "CONFIRMED";
        stored.passwordSet = true;
    }

    @Override
    public void updateAttributes(String username, Map<String, String> attributes) {
        Stored stored = existing("AdminUpdateUserAttributes", username);
        updates.add(Map.copyOf(attributes));
        synchronized (stored) {
            stored.attributes.putAll(attributes);
        }
        calls.add("updateAttributes " + username + " " + new TreeMap<>(attributes).keySet());
    }

    @Override
    public void deleteAttributes(String username, Collection<String> names) {
        Stored stored = existing("AdminDeleteUserAttributes", username);
        synchronized (stored) {
            names.forEach(stored.attributes::remove);
        }
        calls.add("deleteAttributes " + username + " " + new TreeSet<>(names));
    }

    @Override
    public void setEnabled(String username, boolean enabled) {
        existing(enabled ? "AdminEnableUser" : "AdminDisableUser", username).enabled = enabled;
        calls.add((enabled ? "enable " : "disable ") + username);
    }

    @Override
    public void deleteUser(String username) {
        Stored stored = existing("AdminDeleteUser", username);
        users.remove(key(stored.username));
        members.values().forEach(names -> names.remove(stored.username));
        calls.add("deleteUser " + username);
    }

    @Override
    public void createGroup(PoolGroup group) {
        if (failCreateGroupFor.contains(group.name())) {
            throw new PoolCallException("CreateGroup", "InvalidParameterException", "bad role ARN", null);
        }
        if (groups.putIfAbsent(group.name(), group) != null) {
            throw new PoolCallException("CreateGroup", PoolCallException.GROUP_EXISTS,
                    "A group with the name already exists", null);
        }
        members.put(group.name(), ConcurrentHashMap.newKeySet());
        calls.add("createGroup " + group.name());
    }

    @Override
    public void updateGroup(PoolGroup group) {
        if (groups.replace(group.name(), group) == null) {
            throw new PoolCallException("UpdateGroup", "ResourceNotFoundException", "Group not found", null);
        }
        calls.add("updateGroup " + group.name());
    }

    @Override
    public void addToGroup(String username, String group) {
        Stored stored = existing("AdminAddUserToGroup", username);
        existingGroup("AdminAddUserToGroup", group).add(stored.username);
        calls.add("addToGroup " + username + " " + group);
    }

    @Override
    public void removeFromGroup(String username, String group) {
        Stored stored = existing("AdminRemoveUserFromGroup", username);
        existingGroup("AdminRemoveUserFromGroup", group).remove(stored.username);
        calls.add("removeFromGroup " + username + " " + group);
    }

    // ---- SignInWriter

    @Override
    public void linkIdentity(String username, String providerName, String subject) {
        existing("AdminLinkProviderForUser", username);
        calls.add("link " + username + " " + providerName + ":" + subject);
    }

    @Override
    public void setMfaPreference(String username, MfaSettings settings) {
        existing("AdminSetUserMFAPreference", username);
        mfaSettings.put(username, settings);
        calls.add("mfa " + username + " " + settings.enabled());
    }

    // ---- PoolImporter: import jobs are the fake's (bulk/), cognito-local has none either

    @Override
    public CsvImportTemplate importTemplate() {
        throw noImportJobs();
    }

    @Override
    public ImportJob createImportJob(String jobName, String cloudWatchLogsRoleArn) {
        throw noImportJobs();
    }

    @Override
    public void upload(ImportJob job, Path csv) {
        throw noImportJobs();
    }

    @Override
    public ImportJob startImportJob(String jobId) {
        throw noImportJobs();
    }

    @Override
    public ImportJob describeImportJob(String jobId) {
        throw noImportJobs();
    }

    private static UnsupportedOperationException noImportJobs() {
        return new UnsupportedOperationException("the in-memory pool has no import jobs: run bulk loads on the fake");
    }

    private Set<String> existingGroup(String operation, String group) {
        Set<String> names = members.get(group);
        if (names == null) {
            throw new PoolCallException(operation, "ResourceNotFoundException", "Group not found: " + group, null);
        }
        return names;
    }

    private Stored existing(String operation, String username) {
        return lookup(username).orElseThrow(
                () -> new PoolCallException(operation, "UserNotFoundException", "User does not exist.", null));
    }

    /** A user by its username, or by the email or phone number the pool signs in with (an alias of the username). */
    private Optional<Stored> lookup(String name) {
        Stored byUsername = users.get(key(name));
        if (byUsername != null || schema.usernameAttributes().isEmpty()) {
            return Optional.ofNullable(byUsername);
        }
        return users.values().stream().filter(stored -> schema.usernameAttributes().stream()
                .map(stored.attributes::get).anyMatch(value -> value != null && key(value).equals(key(name))))
                .findFirst();
    }

    /**
     * Case-insensitive pools apply it to all username input, and to the email alias (Amazon Cognito API Reference,
     * UsernameConfigurationType).
     */
    private String key(String username) {
        return schema.usernameCaseSensitive() ? username : username.toLowerCase(Locale.ROOT);
    }
}
