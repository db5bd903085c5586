package io.poolsync.throughput;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

import io.poolsync.fake.FakeCognito;
import io.poolsync.fake.FakeUserView;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;

/**
 * A migration's two pools inside a {@link FakeCognito}: a source seeded with generated users, and a target whose schema
 * has poolsync's {@code custom:source_sub}. Seeding goes straight into the fake (no HTTP, no quota), and the check of
 * the target reads the fake's stored users, never poolsync's view of them.
 */
final class MigrationPools {

    static final String SOURCE_SUB = "custom:source_sub";
    static final List<String> GROUPS = List.of("admins", "staff");

    private final FakeCognito fake;
    private final String source;
    private final String target;
    private final boolean withGroups;
    private int users;

    private MigrationPools(FakeCognito fake, String source, String target, boolean withGroups) {
        this.fake = fake;
        this.source = source;
        this.target = target;
        this.withGroups = withGroups;
    }

    /** Two empty pools; with groups, the source gets {@link #GROUPS} and memberships as users are seeded. */
    static MigrationPools create(FakeCognito fake, boolean withGroups) {
        String source = fake.seedPool("source", "tenant");
        String target = fake.seedPool("target", "tenant", "source_sub");
        MigrationPools pools = new MigrationPools(fake, source, target, withGroups);
        if (withGroups) {
            GROUPS.forEach(group -> fake.seedGroup(source, group, "the " + group, GROUPS.indexOf(group)));
        }
        return pools;
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

    static String username(int i) {
        return String.format("user-%07d", i);
    }

    /** Standard and custom attributes, verified and unverified addresses; every tenth user is disabled. */
    static Map<String, String> attributesOf(int i) {
        Map<String, String> attributes = new HashMap<>();
        attributes.put("email", username(i) + "@example.com");
        attributes.put("email_verified", Boolean.toString(i % 2 == 0));
        if (i % 3 == 0) {
            attributes.put("phone_number", String.format("+1555%07d", i));
            attributes.put("phone_number_verified", Boolean.toString(i % 6 == 0));
        }
        attributes.put("given_name", "Given" + i);
        attributes.put("family_name", "Family" + i);
        attributes.put("custom:tenant", "tenant-" + (i % 7));
        return attributes;
    }

    static boolean enabledOf(int i) {
        return i % 10 != 7;
    }

    static List<String> groupsOf(int i) {
        List<String> groups = new ArrayList<>();
        if (i % 9 == 0) {
            groups.add("admins");
        }
        if (i % 4 == 0) {
            groups.add("staff");
        }
        return groups;
    }

    /** Adds {@code count} CONFIRMED users to the source, numbered on from the ones already there. */
    void seedSource(int count) {
        for (int i = users; i < users + count; i++) {
            fake.seedUser(source, username(i), attributesOf(i), enabledOf(i), UserStatusType.CONFIRMED);
            if (withGroups) {
                for (String group : groupsOf(i)) {
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
            fake.seedUser(target, username(i), copy, enabledOf(i), UserStatusType.CONFIRMED);
        }
        return stale;
    }

    private FakeUserView sourceUser(int i) {
        return fake.user(source, username(i)).orElseThrow(() -> new IllegalStateException(username(i) + " not seeded"));
    }

    /** What poolsync writes for a source user: its attributes without its sub, which goes to custom:source_sub. */
    private static Map<String, String> expectedTargetAttributes(int i, FakeUserView original) {
        Map<String, String> expected = new TreeMap<>(attributesOf(i));
        expected.put(SOURCE_SUB, original.sub());
        return expected;
    }

    /**
     * How the target differs from the source, user by user, as the fake stores them: missing or extra users, and per
     * user the attributes (the target's own sub aside), enabled flag, status and groups. At most {@code limit} lines.
     *
     * @param copiedStatus the status every copy should have: the source's CONFIRMED in confirmed mode, invited users'
     *                     FORCE_CHANGE_PASSWORD in invite mode
     */
    List<String> differences(int limit, UserStatusType copiedStatus) {
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
            if (copy.get().status() != copiedStatus) {
                differences.add(username(i) + ": status " + copy.get().status() + ", expected " + copiedStatus);
            }
            if (!Objects.equals(List.copyOf(copy.get().groups()), List.copyOf(original.groups()))) {
                differences.add(username(i) + ": groups " + copy.get().groups() + ", source " + original.groups());
            }
        }
        return differences;
    }
}
