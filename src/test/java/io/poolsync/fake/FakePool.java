package io.poolsync.fake;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Predicate;

/**
 * One user pool. Users live in an append-only slot array (chunked, so appends are O(1) and never copy) in creation
 * order; a user's slot number is its paging cursor, so a scan is stable under concurrent writes: users created during a
 * scan show up at the end, deleted users leave an empty slot and are skipped, nobody is returned twice.
 * Lookups by username are a hash map; generated subs encode their slot (an invertible 32-bit mix), so a sub finds its
 * user in O(1) without a second map. Guarded by {@link #lock}.
 *
 * <p>A pool may start with generated users ({@link #generate}): slots {@code 0 .. generated-1} are computed from
 * their number when read, so ten million of them take no memory; one is kept (materialized) once a caller holding the
 * write lock looks it up, which is what every write does before changing it.
 */
final class FakePool {

    private static final int CHUNK_BITS = 10;
    private static final int CHUNK = 1 << CHUNK_BITS;
    private static final int MIX1 = 0x7feb352d;
    private static final int MIX2 = 0x846ca68b;
    private static final int MIX1_INVERSE = inverse(MIX1);
    private static final int MIX2_INVERSE = inverse(MIX2);

    final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    /** App clients by ClientId (ListUserPoolClients, DescribeUserPoolClient): their name and ExplicitAuthFlows. */
    final java.util.TreeMap<String, AppClient> appClients = new java.util.TreeMap<>();

    record AppClient(String clientId, String clientName, List<String> explicitAuthFlows) {
    }

    final String id;
    final String name;
    final String arn;
    final long created;
    final LinkedHashMap<String, SchemaAttribute> schema = new LinkedHashMap<>();
    final List<String> usernameAttributes;
    final Boolean caseSensitive; // null when the request had no UsernameConfiguration (Cognito then is case-sensitive)
    final PasswordPolicy passwordPolicy;
    final List<String> autoVerifiedAttributes;
    /** UserPoolTier: LITE, ESSENTIALS (CreateUserPool's default) or PLUS. */
    String tier = "ESSENTIALS";
    final TreeMap<String, FakeGroup> groups = new TreeMap<>();
    final TreeMap<String, FakeSignIn.Provider> identityProviders = new TreeMap<>();
    /** Linked identities ({@link FakeSignIn#identityKey}) and the user each signs in as. */
    final HashMap<String, FakeUser> linkedIdentities = new HashMap<>();
    /** GetUserPoolMfaConfig: MfaConfiguration and the factors configured; SMS needs an SNS role. */
    String mfaConfiguration = "OFF";
    String smsCallerArn;
    boolean emailMfa;
    boolean totpMfa;

    private final HashMap<String, FakeUser> byUsername = new HashMap<>();
    private final HashMap<String, FakeUser> byEmail;
    private final HashMap<String, FakeUser> byPhone;
    private final HashMap<String, FakeUser> explicitSubs = new HashMap<>();
    private final ArrayList<FakeUser[]> chunks = new ArrayList<>();
    private final SplittableRandom random;
    private final int salt;
    private UserGenerator generator;
    private int generated;
    private long generatedAt;
    private final HashMap<Integer, FakeUser> materialized = new HashMap<>();
    private final BitSet deletedGenerated = new BitSet();
    private int slots;
    private int live;

    FakePool(String id, String name, String arn, List<SchemaAttribute> schema, List<String> usernameAttributes,
             Boolean caseSensitive, PasswordPolicy passwordPolicy, List<String> autoVerifiedAttributes, long seed) {
        this.id = id;
        this.name = name;
        this.arn = arn;
        this.created = System.currentTimeMillis();
        schema.forEach(attribute -> this.schema.put(attribute.name, attribute));
        this.usernameAttributes = List.copyOf(usernameAttributes);
        this.caseSensitive = caseSensitive;
        this.passwordPolicy = passwordPolicy;
        this.autoVerifiedAttributes = List.copyOf(autoVerifiedAttributes);
        this.byEmail = usernameAttributes.contains("email") ? new HashMap<>() : null;
        this.byPhone = usernameAttributes.contains("phone_number") ? new HashMap<>() : null;
        this.random = new SplittableRandom(seed);
        this.salt = random.nextInt();
    }

    boolean signsInByEmail() {
        return byEmail != null;
    }

    boolean signsInByPhone() {
        return byPhone != null;
    }

    /** Pools that sign in by email or phone get a generated username (the sub), as in Cognito. */
    boolean generatesUsernames() {
        return !usernameAttributes.isEmpty();
    }

    boolean caseInsensitive() {
        return Boolean.FALSE.equals(caseSensitive);
    }

    String key(String value) {
        return caseInsensitive() ? value.toLowerCase(Locale.ROOT) : value;
    }

    int userCount() {
        return live;
    }

    int slotCount() {
        return slots;
    }

    FakeUser slot(int seq) {
        if (seq < 0 || seq >= slots) {
            return null;
        }
        if (seq < generated) {
            return generatedSlot(seq);
        }
        int stored = seq - generated;
        return chunks.get(stored >>> CHUNK_BITS)[stored & (CHUNK - 1)];
    }

    /** Starts an empty pool with {@code count} users computed by {@code generator}; see the class comment. */
    void generate(int count, UserGenerator generator, long now) {
        if (slots != 0 || generatesUsernames()) {
            throw new IllegalStateException("generated users need an empty pool that doesn't sign in by email or phone");
        }
        this.generator = generator;
        this.generated = count;
        this.generatedAt = now;
        slots = count;
        live = count;
    }

    private FakeUser generatedSlot(int seq) {
        FakeUser user = materialized.get(seq);
        if (user != null || deletedGenerated.get(seq)) {
            return user;
        }
        user = new FakeUser(seq, generator.username(seq), generatedSubMsb(seq), generatedSubLsb(seq));
        user.attributes = generator.attributes(seq);
        user.enabled = generator.enabled(seq);
        user.status = generator.status(seq);
        user.created = generatedAt;
        user.modified = generatedAt;
        if (lock.isWriteLockedByCurrentThread()) {
            materialized.put(seq, user);
        }
        return user;
    }

    /** Whether the generated user in this slot can pass the filter, judged on its sub alone where the filter is on sub. */
    private boolean mayMatch(int seq, Predicate<FakeUser> filter) {
        if (seq >= generated || materialized.containsKey(seq) || !(filter instanceof UserFilter userFilter)
                || !"sub".equals(userFilter.attribute)) {
            return true;
        }
        return userFilter.test(new FakeUser(seq, null, generatedSubMsb(seq), generatedSubLsb(seq)));
    }

    /** A version-4 UUID like {@link #add}'s, from the slot number alone. */
    private long generatedSubMsb(int seq) {
        return (mix64(salt * 0x9E3779B97F4A7C15L + seq) & ~0xF000L) | 0x4000L;
    }

    private long generatedSubLsb(int seq) {
        return 0x8000000000000000L | ((mix64(seq ^ ((long) salt << 32)) & 0x3FFFFFFFL) << 32) | (mix(seq ^ salt) & 0xFFFFFFFFL);
    }

    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** Finds a user by username, by a sign-in alias (email / phone_number when they are username attributes) or by sub. */
    FakeUser find(String usernameOrAlias) {
        if (usernameOrAlias == null) {
            return null;
        }
        String key = key(usernameOrAlias);
        FakeUser user = byUsername.get(key);
        if (user == null && generator != null) {
            int seq = generator.number(usernameOrAlias);
            user = seq >= 0 && seq < generated ? generatedSlot(seq) : null;
        }
        if (user == null && byEmail != null) {
            user = byEmail.get(key);
        }
        if (user == null && byPhone != null) {
            user = byPhone.get(usernameOrAlias);
        }
        if (user == null) {
            user = findBySub(usernameOrAlias);
        }
        return user;
    }

    FakeUser require(String usernameOrAlias) {
        FakeUser user = find(usernameOrAlias);
        if (user == null) {
            throw CognitoException.userNotFound();
        }
        return user;
    }

    FakeUser findBySub(String sub) {
        if (sub.length() != 36) {
            return null;
        }
        UUID uuid;
        try {
            uuid = UUID.fromString(sub);
        } catch (IllegalArgumentException e) {
            return null;
        }
        FakeUser candidate = slot(unmix((int) uuid.getLeastSignificantBits()) ^ salt);
        if (candidate != null && candidate.subMsb == uuid.getMostSignificantBits()
                && candidate.subLsb == uuid.getLeastSignificantBits()) {
            return candidate;
        }
        return explicitSubs.get(uuid.toString());
    }

    FakeUser byEmail(String email) {
        return byEmail == null || email == null ? null : byEmail.get(key(email));
    }

    FakeUser byPhone(String phone) {
        return byPhone == null || phone == null ? null : byPhone.get(phone);
    }

    /**
     * Appends a new user; {@code username} null means "generate it" (the sub). {@code explicitSub} is for seeding only.
     * The caller checked uniqueness.
     */
    FakeUser add(String username, String explicitSub, long now) {
        int seq = slots;
        long msb;
        long lsb;
        if (explicitSub != null) {
            UUID uuid = UUID.fromString(explicitSub);
            msb = uuid.getMostSignificantBits();
            lsb = uuid.getLeastSignificantBits();
        } else {
            // a version-4 UUID whose low 32 bits are an invertible mix of the slot number
            msb = (random.nextLong() & ~0xF000L) | 0x4000L;
            lsb = 0x8000000000000000L | ((random.nextLong() & 0x3FFFFFFFL) << 32) | (mix(seq ^ salt) & 0xFFFFFFFFL);
        }
        FakeUser user = new FakeUser(seq, username == null ? new UUID(msb, lsb).toString() : username, msb, lsb);
        user.created = now;
        user.modified = now;
        user.enabled = true;
        int stored = seq - generated;
        if ((stored & (CHUNK - 1)) == 0) {
            chunks.add(new FakeUser[CHUNK]);
        }
        chunks.get(stored >>> CHUNK_BITS)[stored & (CHUNK - 1)] = user;
        slots++;
        live++;
        byUsername.put(key(user.username), user);
        if (explicitSub != null) {
            explicitSubs.put(user.sub(), user);
        }
        return user;
    }

    /** Keeps the sign-in alias indexes in step with an attribute change; call before changing the attribute. */
    void reindex(FakeUser user, String attribute, String newValue) {
        HashMap<String, FakeUser> index = "email".equals(attribute) ? byEmail : "phone_number".equals(attribute) ? byPhone : null;
        if (index == null) {
            return;
        }
        boolean email = index == byEmail;
        String old = user.attribute(attribute);
        if (old != null) {
            index.remove(email ? key(old) : old, user);
        }
        if (newValue != null && !newValue.isEmpty()) {
            index.put(email ? key(newValue) : newValue, user);
        }
    }

    void delete(FakeUser user) {
        if (user.seq < generated) {
            materialized.remove(user.seq);
            deletedGenerated.set(user.seq);
        } else {
            int stored = user.seq - generated;
            chunks.get(stored >>> CHUNK_BITS)[stored & (CHUNK - 1)] = null;
        }
        live--;
        byUsername.remove(key(user.username));
        reindex(user, "email", null);
        reindex(user, "phone_number", null);
        explicitSubs.remove(user.sub());
        linkedIdentities.values().removeIf(linked -> linked == user);
        for (FakeGroup group : groups.values()) {
            group.members.remove(user.seq);
        }
    }

    /** One page of a scan in slot order: matching users from {@code from}, at most {@code limit}, examining at most {@code budget} slots. */
    Page scan(int from, int limit, int budget, Predicate<FakeUser> filter) {
        List<FakeUser> users = new ArrayList<>(Math.min(limit, 64));
        int seq = Math.max(from, 0);
        int examined = 0;
        while (seq < slots && users.size() < limit && examined < budget) {
            FakeUser user = mayMatch(seq, filter) ? slot(seq) : null;
            if (user != null && filter.test(user)) {
                users.add(user);
            }
            seq++;
            examined++;
        }
        return new Page(users, seq < slots ? seq : -1);
    }

    /** A page of users and the slot to resume from, or -1 when the scan reached the end. */
    record Page(List<FakeUser> users, int next) {
    }

    private static int mix(int x) {
        x ^= x >>> 16;
        x *= MIX1;
        x ^= x >>> 16;
        x *= MIX2;
        x ^= x >>> 16;
        return x;
    }

    private static int unmix(int x) {
        x ^= x >>> 16;
        x *= MIX2_INVERSE;
        x ^= x >>> 16;
        x *= MIX1_INVERSE;
        x ^= x >>> 16;
        return x;
    }

    /** The multiplicative inverse of an odd int modulo 2^32 (Newton's iteration). */
    private static int inverse(int odd) {
        int inverse = odd;
        for (int i = 0; i < 5; i++) {
            inverse *= 2 - odd * inverse;
        }
        return inverse;
    }

    /** A group; members in slot order so ListUsersInGroup pages by slot like ListUsers. */
    static final class FakeGroup {
        final String name;
        String description;
        String roleArn;
        Integer precedence;
        final long created;
        long modified;
        final TreeMap<Integer, FakeUser> members = new TreeMap<>();

        FakeGroup(String name, long now) {
            this.name = name;
            this.created = now;
            this.modified = now;
        }
    }

    /** Policies.PasswordPolicy; passwords are checked and then forgotten (the fake does no sign-in). */
    record PasswordPolicy(int minimumLength, boolean requireUppercase, boolean requireLowercase, boolean requireNumbers,
                          boolean requireSymbols, int temporaryPasswordValidityDays) {

        static PasswordPolicy cognitoDefault() {
            return new PasswordPolicy(8, true, true, true, true, 7);
        }

        void check(String password) {
            if (password == null || password.length() < minimumLength) {
                throw CognitoException.invalidPassword("Password not long enough");
            }
            if (requireUppercase && password.chars().noneMatch(Character::isUpperCase)) {
                throw CognitoException.invalidPassword("Password must have uppercase characters");
            }
            if (requireLowercase && password.chars().noneMatch(Character::isLowerCase)) {
                throw CognitoException.invalidPassword("Password must have lowercase characters");
            }
            if (requireNumbers && password.chars().noneMatch(Character::isDigit)) {
                throw CognitoException.invalidPassword("Password must have numeric characters");
            }
            if (requireSymbols && password.chars().allMatch(Character::isLetterOrDigit)) {
                throw CognitoException.invalidPassword("Password must have symbol characters");
            }
        }
    }
}
