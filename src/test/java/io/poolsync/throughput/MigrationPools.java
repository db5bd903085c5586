package io.poolsync.throughput;

import static io.poolsync.testing.GeneratedUsers.GROUPS;
import static io.poolsync.testing.GeneratedUsers.contactAndNames;
import static io.poolsync.testing.GeneratedUsers.enabled;
import static io.poolsync.testing.GeneratedUsers.groups;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import io.poolsync.fake.FakeCognito;
import io.poolsync.fake.FakeUserView;
import io.poolsync.fake.UserGenerator;
import io.poolsync.testing.Emulator;
import io.poolsync.testing.GeneratedUsers;
import io.poolsync.testing.PoolSeed;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeDataType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.VerifiedAttributeType;

/**
 * A migration's two pools inside a {@link FakeCognito}: a source seeded with generated users, and a target whose schema
 * has poolsync's {@code custom:source_sub}. Seeding goes straight into the fake (no HTTP, no quota), and the check of
 * the target reads the fake's stored users, never poolsync's view of them.
 */
final class MigrationPools {

    static final String SOURCE_SUB = "custom:source_sub";

    private final FakeCognito fake;
    private final String source;
    private final String target;
    private final boolean withGroups;
    private final boolean everyEmailVerified;
    private int users;

    private MigrationPools(FakeCognito fake, String source, String target, boolean withGroups,
            boolean everyEmailVerified) {
        this.fake = fake;
        this.source = source;
        this.target = target;
        this.withGroups = withGroups;
        this.everyEmailVerified = everyEmailVerified;
    }

    /**
     * Two empty pools; with groups, the source gets {@link io.poolsync.testing.GeneratedUsers#GROUPS} and memberships
     * as users are seeded.
     */
    static MigrationPools create(FakeCognito fake, boolean withGroups) {
        String source = fake.seedPool("source", "tenant");
        String target = fake.seedPool("target", "tenant", "source_sub");
        MigrationPools pools = new MigrationPools(fake, source, target, withGroups, false);
        if (withGroups) {
            GROUPS.forEach(group -> fake.seedGroup(source, group, "the " + group, GROUPS.indexOf(group)));
        }
        return pools;
    }

    /**
     * Two empty pools an import job can load, without groups: the target verifies email automatically (else Cognito
     * starts no import job) and every source user's email is verified (else no import line can carry the user).
     */
    static MigrationPools forImportJobs(FakeCognito fake) {
        String source = fake.seedPool("source", "tenant");
        String target = fake.client().createUserPool(r -> r.poolName("target")
                .autoVerifiedAttributes(VerifiedAttributeType.EMAIL)
                .schema(s -> s.name("tenant").attributeDataType(AttributeDataType.STRING).mutable(true),
                        s -> s.name("source_sub").attributeDataType(AttributeDataType.STRING).mutable(true)))
                .userPool().id();
        return new MigrationPools(fake, source, target, false, true);
    }

    /** For a test on the fake: the pools with groups, and arg {@code users} (default 300) seeded in the source. */
    public static final class Seed implements PoolSeed<MigrationPools> {
        @Override
        public Seeded<MigrationPools> create(Emulator emulator, Map<String, String> args) {
            MigrationPools pools = MigrationPools.create(emulator.fake(), true);
            pools.seedSource(Integer.parseInt(args.getOrDefault("users", "300")));
            return new Seeded<>(pools.source(), pools.target(), pools);
        }
    }

    String source() {
        return source;
    }

    String target() {
        return target;
    }

    int users() {
        return users;
    }

    /** user-0000000, user-0000001, ...: at least seven digits. */
    static String username(int i) {
        String digits = Integer.toString(i);
        return "user-" + "0000000".substring(Math.min(7, digits.length())) + digits;
    }

    /** The number whose {@link #username} this is, or -1. */
    static int number(String username) {
        if (!username.startsWith("user-") || username.length() < 12) {
            return -1;
        }
        try {
            int number = Integer.parseInt(username, 5, username.length(), 10);
            return number >= 0 && username(number).equals(username) ? number : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Standard and custom attributes, verified and unverified addresses. */
    static Map<String, String> attributesOf(int i) {
        Map<String, String> attributes = contactAndNames(username(i), i);
        attributes.put("custom:tenant", "tenant-" + (i % 7));
        return attributes;
    }

    /** A source user's attributes in these pools: {@link #attributesOf}, with the email verified if every one is. */
    private Map<String, String> sourceAttributesOf(int i) {
        Map<String, String> attributes = attributesOf(i);
        if (everyEmailVerified) {
            attributes.put("email_verified", "true");
        }
        return attributes;
    }

    /** Adds {@code count} CONFIRMED users to the source, numbered on from the ones already there; a tenth disabled. */
    void seedSource(int count) {
        for (int i = users; i < users + count; i++) {
            fake.seedUser(source, username(i), sourceAttributesOf(i), enabled(i), UserStatusType.CONFIRMED);
            if (withGroups) {
                for (String group : groups(i)) {
                    fake.seedMembership(source, group, username(i));
                }
            }
        }
        users += count;
    }

    /**
     * Fills the target as an earlier poolsync run would have left it: every source user copied with its source sub and
     * CONFIRMED, except that every {@code staleEvery}-th copy (0: none) carries an old given_name, as if the source
     * had changed since. Returns the number of stale copies.
     */
    int seedTargetInStep(int staleEvery) {
        int stale = 0;
        for (int i = 0; i < users; i++) {
            Map<String, String> copy = expectedTargetAttributes(i, sourceUser(i));
            if (staleEvery > 0 && i % staleEvery == 0) {
                copy.put("given_name", "Before" + i);
                stale++;
            }
            fake.seedUser(target, username(i), copy, enabled(i), UserStatusType.CONFIRMED);
        }
        return stale;
    }

    /**
     * Both pools as {@link #seedSource} and {@link #seedTargetInStep} would fill them, but generated by the fake on
     * each read ({@link FakeCognito#seedGeneratedUsers}), so ten million users on each side take no memory. Returns
     * the number of stale target users.
     */
    int seedGenerated(int count, int staleEvery) {
        if (users != 0 || withGroups) {
            throw new IllegalStateException("generated users need empty pools without groups");
        }
        fake.seedGeneratedUsers(source, count, new Generated() {
            @Override
            public String[] attributes(int i) {
                return flat(sourceAttributesOf(i));
            }
        });
        fake.seedGeneratedUsers(target, count, new Generated() {
            @Override
            public String[] attributes(int i) {
                Map<String, String> copy = expectedTargetAttributes(i, sourceUser(i));
                if (staleEvery > 0 && i % staleEvery == 0) {
                    copy.put("given_name", "Before" + i);
                }
                return flat(copy);
            }
        });
        users = count;
        return staleEvery > 0 ? (count + staleEvery - 1) / staleEvery : 0;
    }

    /** The users of {@link #seedSource}, numbered, CONFIRMED, a tenth disabled; attributes per pool. */
    private abstract static class Generated implements UserGenerator {
        @Override
        public String username(int i) {
            return MigrationPools.username(i);
        }

        @Override
        public int number(String username) {
            return MigrationPools.number(username);
        }

        @Override
        public boolean enabled(int i) {
            return GeneratedUsers.enabled(i);
        }

        @Override
        public UserStatusType status(int i) {
            return UserStatusType.CONFIRMED;
        }

        static String[] flat(Map<String, String> attributes) {
            String[] flat = new String[attributes.size() * 2];
            int at = 0;
            for (Map.Entry<String, String> attribute : attributes.entrySet()) {
                flat[at++] = attribute.getKey();
                flat[at++] = attribute.getValue();
            }
            return flat;
        }
    }

    private FakeUserView sourceUser(int i) {
        return fake.user(source, username(i)).orElseThrow(() -> new IllegalStateException(username(i) + " not seeded"));
    }

    /** What poolsync writes for a source user: its attributes without its sub, which goes to custom:source_sub. */
    private Map<String, String> expectedTargetAttributes(int i, FakeUserView original) {
        Map<String, String> expected = new TreeMap<>(sourceAttributesOf(i));
        expected.put(SOURCE_SUB, original.sub());
        return expected;
    }

    /**
     * How the target differs from the source, user by user, as the fake stores them: missing or extra users, and per
     * user the attributes (the target's own sub aside), enabled flag, status and groups. At most {@code limit} lines.
     *
     * @param copiedStatuses the statuses a copy may have: the source's CONFIRMED in confirmed mode, invited users'
     *                       FORCE_CHANGE_PASSWORD in invite mode; with import jobs, imported users' RESET_REQUIRED and
     *                       CONFIRMED for those the follow-up pass created through the API
     */
    List<String> differences(int limit, Set<UserStatusType> copiedStatuses) {
        List<String> differences = new ArrayList<>();
        int targetCount = fake.userCount(target);
        if (targetCount != users) {
            differences.add("target holds " + targetCount + " users, source " + users);
        }
        for (int i = 0; i < users && differences.size() < limit; i++) {
            FakeUserView original = sourceUser(i);
            Optional<FakeUserView> copy = fake.user(target, username(i));
            if (copy.isEmpty()) {
                differences.add(username(i) + ": missing from the target");
                continue;
            }
            Map<String, String> actual = new TreeMap<>(copy.get().attributes());
            actual.remove("sub");
            Map<String, String> expected = expectedTargetAttributes(i, original);
            if (!actual.equals(expected)) {
                differences.add(username(i) + ": attributes " + actual + ", expected " + expected);
            }
            if (copy.get().enabled() != original.enabled()) {
                differences.add(username(i) + ": enabled " + copy.get().enabled() + ", source " + original.enabled());
            }
            if (!copiedStatuses.contains(copy.get().status())) {
                differences.add(username(i) + ": status " + copy.get().status() + ", expected one of " + copiedStatuses);
            }
            if (!Objects.equals(List.copyOf(copy.get().groups()), List.copyOf(original.groups()))) {
                differences.add(username(i) + ": groups " + copy.get().groups() + ", source " + original.groups());
            }
        }
        return differences;
    }

    /** Target users in {@code status}, as the fake stores them. */
    long targetUsersIn(UserStatusType status) {
        return fake.userCount(target, status);
    }
}
