package io.poolsync.sync;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.poolsync.model.PoolSchema;
import io.poolsync.model.PoolUser;
import io.poolsync.model.UserStatus;
import io.poolsync.testing.InMemoryPool;
import io.poolsync.testing.TestConfig;

/**
 * A source and a target pool in memory and the sync pass between them, as the daemon runs it: the scenario tests'
 * fixture, which runs in milliseconds. Both pools have the attributes the scenarios use; the target has the owner mark
 * {@code custom:source_sub}.
 */
final class InMemoryPass {

    private static final List<String> ATTRIBUTES = List.of("email", "email_verified", "given_name", "family_name",
            "phone_number", "phone_number_verified", "custom:plan", "custom:tenant");
    private static final Instant FIRST_CREATED = Instant.parse("2020-01-01T00:00:00Z");

    final InMemoryPool source;
    final InMemoryPool target;
    private final SyncSettings settings;
    private final MfaRefresh.Cadence mfaRefreshRuns = new MfaRefresh.Cadence(Clock.systemUTC());
    private int sourceUsersAdded;

    /**
     * @param usernameAttributes what the target signs in with besides usernames (its UsernameAttributes)
     * @param caseSensitive      whether the target's usernames are case-sensitive
     * @param settings           poolsync settings, name and value in turn
     */
    InMemoryPass(List<String> usernameAttributes, boolean caseSensitive, String... settings) {
        PoolSchema sourceSchema = schema("eu-west-1_Source1", List.of(), true, ATTRIBUTES);
        PoolSchema targetSchema = schema("eu-west-1_Target1", usernameAttributes, caseSensitive,
                concat(ATTRIBUTES, "custom:source_sub"));
        this.source = new InMemoryPool(sourceSchema);
        this.target = new InMemoryPool(targetSchema);
        this.settings = SyncSettings.from(TestConfig.poolsync(sourceSchema.poolId(), targetSchema.poolId(), settings),
                sourceSchema, targetSchema);
    }

    /**
     * Adds a source user with a sub of its own, created after every source user added before it.
     *
     * @return its sub
     */
    String addSourceUser(String username, boolean enabled, String... keyValues) {
        String sub = UUID.randomUUID().toString();
        Map<String, String> attributes = new LinkedHashMap<>(pairs(keyValues));
        attributes.put(PoolUser.SUB, sub);
        source.put(new PoolUser(username, attributes, enabled, UserStatus.CONFIRMED,
                FIRST_CREATED.plusSeconds(sourceUsersAdded++)));
        return sub;
    }

    /** A user of the target's own, which poolsync must never write to. */
    void addNativeTargetUser(String username, String... keyValues) {
        target.put(new PoolUser(username, pairs(keyValues), true, UserStatus.CONFIRMED));
    }

    /** A pass of a run, finished; the run records what it did. */
    SyncRun run() throws InterruptedException {
        return run(false);
    }

    SyncRun dryRun() throws InterruptedException {
        return run(true);
    }

    private SyncRun run(boolean dryRun) throws InterruptedException {
        SyncRun run = new SyncRun(SyncRun.Trigger.API, dryRun, Clock.systemUTC());
        new SyncPass(source, target, settings, 4, mfaRefreshRuns).run(run, RunListener.NO_OP);
        run.finish();
        return run;
    }

    /** Every user of a pool as ListUsers reads it, by username: what a test compares before and after a run. */
    static Map<String, PoolUser> contents(InMemoryPool pool) {
        Map<String, PoolUser> users = new TreeMap<>();
        pool.forEachUser(Optional.empty(), user -> users.put(user.username(), user));
        return users;
    }

    /** Every user of a pool by its email. */
    static Map<String, PoolUser> byEmail(InMemoryPool pool) {
        return contents(pool).values().stream().filter(user -> user.attributes().containsKey("email"))
                .collect(Collectors.toMap(user -> user.attributes().get("email"), Function.identity()));
    }

    static List<PlanReport.Item> planItems(SyncRun run, String action) {
        return run.plan().orElseThrow().items().stream().filter(item -> action.equals(item.action())).toList();
    }

    /** Names and values in turn, as a map in their order. */
    static Map<String, String> pairs(String... keyValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    private static List<String> concat(List<String> names, String name) {
        return Stream.concat(names.stream(), Stream.of(name)).toList();
    }

    private static PoolSchema schema(String poolId, List<String> usernameAttributes, boolean caseSensitive,
            List<String> attributes) {
        Map<String, PoolSchema.SchemaAttribute> byName = attributes.stream()
                .map(name -> new PoolSchema.SchemaAttribute(name, true))
                .collect(Collectors.toMap(PoolSchema.SchemaAttribute::name, Function.identity()));
        byName.put(PoolUser.SUB, new PoolSchema.SchemaAttribute(PoolUser.SUB, false));
        return new PoolSchema(poolId, usernameAttributes, caseSensitive, byName,
                PoolSchema.PasswordPolicy.COGNITO_DEFAULT);
    }
}
