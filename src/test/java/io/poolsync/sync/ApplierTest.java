package io.poolsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

import io.poolsync.cognito.PoolCallException;
import io.poolsync.cognito.PoolReader;
import io.poolsync.cognito.PoolWriter;
import io.poolsync.config.PoolsyncConfig;
import io.poolsync.model.DesiredUser;
import io.poolsync.model.PoolSchema;
import io.poolsync.model.PoolUser;
import io.poolsync.plan.Plan;
import io.poolsync.plan.PlannedUser;
import io.poolsync.plan.TargetIndex;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

class ApplierTest {

    private static final PoolSchema SOURCE = schema("eu-west-1_Source1", "sub!", "email", "email_verified", "given_name");
    private static final PoolSchema TARGET = schema("eu-west-1_Target1", "sub!", "email", "email_verified", "given_name",
            "custom:source_sub");

    private final InMemoryPool pool = new InMemoryPool(TARGET);

    @Test
    void confirmedModeCreatesConfirmedUsersUpdatesAndDisables() throws InterruptedException {
        pool.put(new PoolUser("carol", Map.of("given_name", "Old", "custom:source_sub", "s-carol"), true, "CONFIRMED"));

        SyncRun run = sync(settings(), List.of(
                source("alice", true, "email", "alice@x.com", "email_verified", "true", "given_name", "Alice"),
                source("bob", false, "given_name", "Bob"),
                source("carol", false, "given_name", "Carol")));

        InMemoryPool.Stored alice = pool.stored("alice");
        assertThat(alice.attributes).containsAllEntriesOf(Map.of("email", "alice@x.com", "email_verified", "true",
                "given_name", "Alice", "custom:source_sub", "s-alice"));
        assertThat(alice.status).isEqualTo("CONFIRMED");
        assertThat(alice.enabled).isTrue();
        assertThat(alice.invitationMediums).isEmpty();

        InMemoryPool.Stored bob = pool.stored("bob");
        assertThat(bob.status).isEqualTo("CONFIRMED");
        assertThat(bob.enabled).isFalse();
        assertThat(bob.attributes).containsEntry("given_name", "Bob");

        InMemoryPool.Stored carol = pool.stored("carol");
        assertThat(carol.attributes).containsEntry("given_name", "Carol").containsEntry("custom:source_sub", "s-carol");
        assertThat(carol.enabled).isFalse();
        assertThat(carol.passwordSet).isFalse();

        assertThat(pool.passwords).hasSize(2);
        SyncRun.Counters counters = run.counters();
        assertThat(counters.created()).isEqualTo(2);
        assertThat(counters.updated()).isEqualTo(1);
        assertThat(counters.disabled()).isEqualTo(2);
        assertThat(counters.failed()).isZero();
        assertThat(run.snapshot().failures()).isEmpty();
    }

    @Test
    void aFailingUserIsRecordedAndTheOthersAreWritten() throws InterruptedException {
        pool.failCreate("bob");

        SyncRun run = sync(settings(), List.of(
                source("alice", true, "given_name", "Alice"),
                source("bob", true, "email", "not-an-email", "given_name", "Bob"),
                source("carol", true, "given_name", "Carol")));

        assertThat(pool.usernames()).containsExactlyInAnyOrder("alice", "carol");
        assertThat(pool.stored("alice").status).isEqualTo("CONFIRMED");
        assertThat(pool.stored("carol").status).isEqualTo("CONFIRMED");
        assertThat(run.snapshot().failures()).singleElement().satisfies(failure -> {
            assertThat(failure.username()).isEqualTo("bob");
            assertThat(failure.action()).isEqualTo("CREATE");
            assertThat(failure.errorCode()).isEqualTo("InvalidParameterException");
            assertThat(failure.message()).contains("bad email");
        });
        assertThat(run.counters().created()).isEqualTo(2);
        assertThat(run.counters().failed()).isEqualTo(1);
        assertThat(run.counters().applied()).isEqualTo(3);
    }

    @Test
    void aCreateMeetingAnExistingUserUpdatesTheDifferingAttributes() throws InterruptedException {
        // In the pool, but not in the (eventually consistent) scan the plan was made from.
        pool.put(new PoolUser("dave", Map.of("email", "old@x.com", "email_verified", "true", "given_name", "Dave",
                "custom:source_sub", "s-dave"), true, "CONFIRMED"));

        SyncRun run = sync(settings(), List.of(
                source("dave", true, "email", "new@x.com", "email_verified", "true", "given_name", "Dave")),
                new TargetIndex(settings().matchKey()));

        InMemoryPool.Stored dave = pool.stored("dave");
        assertThat(dave.attributes).containsAllEntriesOf(Map.of("email", "new@x.com", "email_verified", "true",
                "given_name", "Dave", "custom:source_sub", "s-dave"));
        assertThat(pool.updates).containsExactly(Map.of("email", "new@x.com", "email_verified", "true"));
        assertThat(dave.status).isEqualTo("CONFIRMED");
        assertThat(dave.passwordSet).isFalse();
        assertThat(pool.passwords).isEmpty();
        assertThat(run.counters().updated()).isEqualTo(1);
        assertThat(run.counters().created()).isZero();
        assertThat(run.snapshot().failures()).isEmpty();
    }

    @Test
    void aCreateMeetingAnIdenticalExistingUserCountsAsUnchanged() throws InterruptedException {
        pool.put(new PoolUser("dave", Map.of("given_name", "Dave", "custom:source_sub", "s-dave"), true, "CONFIRMED"));

        SyncRun run = sync(settings(), List.of(source("dave", true, "given_name", "Dave")),
                new TargetIndex(settings().matchKey()));

        assertThat(pool.updates).isEmpty();
        assertThat(run.counters().unchanged()).isEqualTo(1);
        assertThat(run.counters().updated()).isZero();
        assertThat(run.counters().created()).isZero();
        assertThat(run.counters().failed()).isZero();
    }

    @Test
    void inviteModePassesTheMediumsAndSetsNoPassword() throws InterruptedException {
        SyncSettings settings = settings("poolsync.password.mode", "invite");

        SyncRun run = sync(settings, List.of(
                source("alice", true, "email", "alice@x.com", "email_verified", "true"),
                source("bob", true, "given_name", "Bob")));

        InMemoryPool.Stored alice = pool.stored("alice");
        assertThat(alice.invitationMediums).containsExactly("EMAIL");
        assertThat(alice.status).isEqualTo("FORCE_CHANGE_PASSWORD");
        assertThat(pool.passwords).isEmpty();
        assertThat(pool.usernames()).containsExactly("alice");
        assertThat(run.snapshot().skipReasons()).containsExactly(Map.entry("no email to send the invitation to", 1L));
        assertThat(run.counters().created()).isEqualTo(1);
    }

    @Test
    void noPasswordEverAppearsInTheRun() throws InterruptedException {
        pool.failPassword("erin");

        SyncRun run = sync(settings(), List.of(
                source("alice", true, "given_name", "Alice"),
                source("erin", true, "given_name", "Erin")));

        assertThat(pool.passwords).hasSize(2);
        SyncRun.Snapshot snapshot = run.snapshot();
        assertThat(snapshot.failures()).singleElement().satisfies(failure -> {
            assertThat(failure.username()).isEqualTo("erin");
            assertThat(failure.action()).isEqualTo("CREATE");
            assertThat(failure.errorCode()).isEqualTo("InvalidPasswordException");
        });
        String reported = snapshot.toString() + snapshot.failures();
        for (String password : pool.passwords) {
            assertThat(reported).doesNotContain(password);
        }
    }

    @Test
    void everyUserOfALargePlanIsWrittenUnderBoundedConcurrency() throws InterruptedException {
        List<PoolUser> sources = IntStream.range(0, 300)
                .mapToObj(i -> source("user" + i, i % 10 != 0, "given_name", "User " + i))
                .toList();

        SyncRun run = sync(settings(), sources);

        assertThat(pool.usernames()).hasSize(300);
        assertThat(pool.usernames().stream().map(pool::stored))
                .allSatisfy(user -> assertThat(user.status).isEqualTo("CONFIRMED"));
        assertThat(pool.usernames().stream().filter(name -> !pool.stored(name).enabled)).hasSize(30);
        assertThat(run.counters().created()).isEqualTo(300);
        assertThat(run.counters().disabled()).isEqualTo(30);
        assertThat(Set.copyOf(pool.passwords)).hasSize(300);
    }

    @Test
    @Disabled("BUG: Applier.create (Applier.java:417-418) / Planner.compare: when AdminSetUserPassword fails after "
            + "AdminCreateUser succeeded, the user stays FORCE_CHANGE_PASSWORD with a temporary password nobody knows; "
            + "the next run plans it UNCHANGED (the planner never looks at the target status), so it never gets a "
            + "permanent password and can't use Forgot Password")
    void aUserLeftWithoutPasswordIsRepairedByTheNextRun() throws InterruptedException {
        pool.failPassword("erin");
        List<PoolUser> sources = List.of(source("erin", true, "given_name", "Erin"));
        sync(settings(), sources);
        assertThat(pool.stored("erin").status).isEqualTo("FORCE_CHANGE_PASSWORD");

        pool.failPasswordFor.clear();
        sync(settings(), sources);

        assertThat(pool.stored("erin").status).isEqualTo("CONFIRMED");
    }

    // ---- the pipeline minus the scans' I/O ----

    private SyncRun sync(SyncSettings settings, List<PoolUser> sources) throws InterruptedException {
        TargetIndex index = new TargetIndex(settings.matchKey());
        pool.forEachUser(index::add);
        return sync(settings, sources, index);
    }

    private SyncRun sync(SyncSettings settings, List<PoolUser> sources, TargetIndex index) throws InterruptedException {
        List<DesiredUser> desired = sources.stream().map(settings.rules()::desire).toList();
        Plan plan = settings.planner().plan(desired, index);
        SyncRun run = new SyncRun(SyncRun.Trigger.API);
        run.planned(plan);
        new Applier(pool, pool, settings, 4).apply(plan, run);
        run.finish();
        return run;
    }

    private static SyncSettings settings(String... overrides) {
        Map<String, String> properties = new HashMap<>();
        properties.put("poolsync.source.pool-id", SOURCE.poolId());
        properties.put("poolsync.target.pool-id", TARGET.poolId());
        for (int i = 0; i < overrides.length; i += 2) {
            properties.put(overrides[i], overrides[i + 1]);
        }
        PoolsyncConfig config = new SmallRyeConfigBuilder()
                .withMapping(PoolsyncConfig.class)
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .build()
                .getConfigMapping(PoolsyncConfig.class);
        return SyncSettings.from(config, SOURCE, TARGET);
    }

    private static PoolSchema schema(String poolId, String... attributes) {
        Map<String, PoolSchema.SchemaAttribute> byName = Arrays.stream(attributes)
                .map(name -> name.endsWith("!")
                        ? new PoolSchema.SchemaAttribute(name.substring(0, name.length() - 1), false)
                        : new PoolSchema.SchemaAttribute(name, true))
                .collect(Collectors.toMap(PoolSchema.SchemaAttribute::name, Function.identity()));
        return new PoolSchema(poolId, List.of(), false, byName, PoolSchema.PasswordPolicy.COGNITO_DEFAULT);
    }

    private static PoolUser source(String username, boolean enabled, String... keyValues) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("sub", "s-" + username);
        for (int i = 0; i < keyValues.length; i += 2) {
            attributes.put(keyValues[i], keyValues[i + 1]);
        }
        return new PoolUser(username, attributes, enabled, "CONFIRMED");
    }

    /** A target pool in memory: what the applier's calls leave behind, with injectable Cognito errors. */
    static final class InMemoryPool implements PoolReader, PoolWriter {

        static final class Stored {
            final Map<String, String> attributes = new TreeMap<>();
            volatile boolean enabled = true;
            volatile String status;
            volatile boolean passwordSet;
            List<String> invitationMediums = List.of();
        }

        private final PoolSchema schema;
        private final Map<String, Stored> users = new ConcurrentHashMap<>();
        final Set<String> failCreateFor = ConcurrentHashMap.newKeySet();
        final Set<String> failPasswordFor = ConcurrentHashMap.newKeySet();
        final List<String> passwords = java.util.Collections.synchronizedList(new ArrayList<>());
        final List<Map<String, String>> updates = java.util.Collections.synchronizedList(new ArrayList<>());

        InMemoryPool(PoolSchema schema) {
            this.schema = schema;
        }

        void failCreate(String username) {
            failCreateFor.add(username);
        }

        void failPassword(String username) {
            failPasswordFor.add(username);
        }

        void put(PoolUser user) {
            Stored stored = new Stored();
            synchronized (stored) {
                stored.attributes.putAll(user.attributes());
                stored.attributes.putIfAbsent("sub", UUID.randomUUID().toString());
            }
            stored.enabled = user.enabled();
            stored.status = user.status();
            users.put(user.username(), stored);
        }

        Stored stored(String username) {
            Stored stored = users.get(username);
            assertThat(stored).as("user %s in the target pool", username).isNotNull();
            return stored;
        }

        Set<String> usernames() {
            return Set.copyOf(users.keySet());
        }

        @Override
        public PoolSchema describe() {
            return schema;
        }

        @Override
        public void forEachUser(Consumer<PoolUser> sink) {
            users.keySet().forEach(name -> findUser(name).ifPresent(sink));
        }

        @Override
        public Optional<PoolUser> findUser(String username) {
            Stored stored = users.get(username);
            if (stored == null) {
                return Optional.empty();
            }
            synchronized (stored) {
                return Optional.of(new PoolUser(username, stored.attributes, stored.enabled, stored.status));
            }
        }

        @Override
        public void createUser(String username, Map<String, String> attributes, List<String> invitationMediums) {
            if (failCreateFor.contains(username)) {
                throw new PoolCallException("AdminCreateUser", "InvalidParameterException", "bad email", null);
            }
            Stored stored = new Stored();
            stored.attributes.putAll(attributes);
            stored.attributes.put("sub", UUID.randomUUID().toString());
            stored.status = "FORCE_CHANGE_PASSWORD";
            stored.invitationMediums = List.copyOf(invitationMediums);
            if (users.putIfAbsent(username, stored) != null) {
                throw new PoolCallException("AdminCreateUser", PoolCallException.USERNAME_EXISTS,
                        "User account already exists", null);
            }
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
        }

        @Override
        public void setEnabled(String username, boolean enabled) {
            existing(enabled ? "AdminEnableUser" : "AdminDisableUser", username).enabled = enabled;
        }

        private Stored existing(String operation, String username) {
            Stored stored = users.get(username);
            if (stored == null) {
                throw new PoolCallException(operation, "UserNotFoundException", "User does not exist.", null);
            }
            return stored;
        }
    }
}
