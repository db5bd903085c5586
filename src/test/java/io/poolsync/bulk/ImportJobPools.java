package io.poolsync.bulk;

import static io.poolsync.testing.GeneratedUsers.GROUPS;
import static io.poolsync.testing.GeneratedUsers.enabled;
import static io.poolsync.testing.GeneratedUsers.groups;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.poolsync.fake.FakeCognito;
import io.poolsync.fake.FakeUserView;
import io.poolsync.testing.Emulator;
import io.poolsync.testing.PoolSeed;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeDataType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.VerifiedAttributeType;

/**
 * A source pool in the fake seeded with users an import line can carry and a few it can't, and an empty target that
 * verifies email automatically (else Cognito starts no import job) with an immutable {@code custom:source_sub}.
 * Seeding bypasses HTTP; checks read the fake's stored users.
 */
final class ImportJobPools {

    final FakeCognito fake;
    final String source;
    final String target;
    final int users;

    ImportJobPools(FakeCognito fake, int users) {
        this.fake = fake;
        this.users = users;
        this.source = fake.seedPool("source", "tenant");
        this.target = fake.client().createUserPool(r -> r.poolName("target")
                .autoVerifiedAttributes(VerifiedAttributeType.EMAIL)
                .schema(s -> s.name("tenant").attributeDataType(AttributeDataType.STRING).mutable(true),
                        s -> s.name("source_sub").attributeDataType(AttributeDataType.STRING).mutable(false)))
                .userPool().id();
        GROUPS.forEach(group -> fake.seedGroup(source, group, "the " + group, GROUPS.indexOf(group)));
        for (int i = 0; i < users; i++) {
            String username = username(i);
            fake.seedUser(source, username, attributesOf(i), enabled(i), UserStatusType.CONFIRMED);
            groups(i).forEach(group -> fake.seedMembership(source, group, username));
        }
    }

    /** For a test on the fake: arg {@code users} (default 90) seeded, and poolsync's import jobs on. */
    public static final class Seed implements PoolSeed<ImportJobPools> {
        private static final String ROLE = "arn:aws:iam::123456789012:role/CognitoImportLogs";

        @Override
        public Seeded<ImportJobPools> create(Emulator emulator, Map<String, String> args) {
            int users = Integer.parseInt(args.getOrDefault("users", "90"));
            ImportJobPools pools = new ImportJobPools(emulator.fake(), users);
            return new Seeded<>(pools.source, pools.target, pools, Map.of(
                    "poolsync.bulk.mode", "import-job",
                    "poolsync.bulk.cloud-watch-logs-role-arn", ROLE,
                    "poolsync.bulk.poll-interval", "PT0.05S",
                    "poolsync.bulk.max-poll-interval", "PT0.2S"));
        }
    }

    static String username(int i) {
        return String.format("user-%03d", i);
    }

    /** Every 15th user has no verified email: no import line for it. */
    static boolean verified(int i) {
        return i % 15 != 14;
    }

    /** A double quote: Cognito's unquoted CSV can't carry it exactly. */
    static boolean quoted(int i) {
        return i == 33;
    }

    static Map<String, String> attributesOf(int i) {
        Map<String, String> attributes = new TreeMap<>();
        attributes.put("email", username(i) + "@example.com");
        attributes.put("email_verified", Boolean.toString(verified(i)));
        attributes.put("given_name", quoted(i) ? "Say \"hi\"" : "Given" + i);
        attributes.put("family_name", "Family" + i);
        attributes.put("custom:tenant", "tenant-" + (i % 3));
        if (i % 4 == 0) {
            attributes.put("address", i + " Main St, Springfield");
        }
        if (i % 5 == 0) {
            attributes.put("birthdate", String.format("19%02d-0%d-1%d", 50 + i % 40, 1 + i % 9, i % 10));
        }
        if (i % 6 == 0) {
            attributes.put("phone_number", String.format("+1555%07d", i));
            attributes.put("phone_number_verified", "false");
        }
        return attributes;
    }

    /** Users no import line can carry: AdminCreateUser creates them. */
    long leftToApi() {
        int count = 0;
        for (int i = 0; i < users; i++) {
            count += !verified(i) || quoted(i) ? 1 : 0;
        }
        return count;
    }

    /**
     * How the target differs from the source, as the fake stores them: per user the mapped attributes (the source's
     * but its sub, which is in custom:source_sub), the enabled flag and the groups. At most {@code limit} lines.
     */
    List<String> differences(int limit) {
        List<String> differences = new ArrayList<>();
        if (fake.userCount(target) != users) {
            differences.add("target holds " + fake.userCount(target) + " users, source " + users);
        }
        for (int i = 0; i < users && differences.size() < limit; i++) {
            FakeUserView original = fake.user(source, username(i)).orElseThrow();
            FakeUserView copy = fake.user(target, username(i)).orElse(null);
            if (copy == null) {
                differences.add(username(i) + ": missing");
                continue;
            }
            Map<String, String> expected = new TreeMap<>(attributesOf(i));
            expected.put("custom:source_sub", original.sub());
            Map<String, String> actual = new TreeMap<>(copy.attributes());
            actual.remove("sub");
            if (!actual.equals(expected)) {
                differences.add(username(i) + ": attributes " + actual + ", expected " + expected);
            }
            if (copy.enabled() != enabled(i)) {
                differences.add(username(i) + ": enabled " + copy.enabled());
            }
            if (!copy.groups().equals(groups(i))) {
                differences.add(username(i) + ": groups " + copy.groups() + ", expected " + groups(i));
            }
        }
        return differences;
    }

    long targetUsersIn(UserStatusType status) {
        return fake.userCount(target, status);
    }
}
