package io.poolsync.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.poolsync.model.DesiredUser;
import io.poolsync.model.PoolGroup;
import io.poolsync.model.PoolUser;
import io.poolsync.model.UserStatus;
import io.poolsync.plan.PlannedUser.Action;
import io.poolsync.plan.PlannedRemoval.Kind;
import io.poolsync.plan.PlannedUser.EnabledChange;

class PlannerTest {

    private static final Set<String> DEFAULT_STATUSES = Set.of(UserStatus.CONFIRMED, UserStatus.FORCE_CHANGE_PASSWORD,
            UserStatus.RESET_REQUIRED);
    /** The attributes the source supplies in these rows; any other target attribute is left alone. */
    private static final Set<String> MANAGED = Set.of("email", "email_verified", "phone_number",
            "phone_number_verified", "given_name", "family_name");
    private static final Planner DEFAULT = planner(new UpsertPolicy(), false);
    private static final Planner SOURCE_SUB_CREATE_ONLY = new Planner(DEFAULT_STATUSES,
            Set.of("custom:source_sub", "custom:tenant"), union(MANAGED, "custom:tenant"), Set.of(), new UpsertPolicy(), false, false);
    private static final Planner WITH_UNCONFIRMED = new Planner(Set.of(UserStatus.CONFIRMED, UserStatus.UNCONFIRMED),
            Set.of(), MANAGED, Set.of(), new UpsertPolicy(), false, false);
    private static final Planner INVITE_BY_EMAIL = new Planner(DEFAULT_STATUSES, Set.of(), MANAGED, Set.of("email"),
            new UpsertPolicy(), false, false);
    private static final Planner CREATE_ONLY = planner(new CreateOnlyPolicy(), false);
    private static final Planner UPSERT = DEFAULT;
    private static final Planner UPDATE_ONLY = planner(new UpdateOnlyPolicy(), false);
    private static final Planner MIRROR_DISABLE = planner(new MirrorPolicy(Kind.DISABLE), false);
    private static final Planner MIRROR_DELETE = planner(new MirrorPolicy(Kind.DELETE), false);
    private static final Planner REPAIRING = planner(new UpsertPolicy(), true);

    /** The target attribute that carries the source sub and marks the users poolsync owns. */
    private static final String SOURCE_SUB = "custom:source_sub";

    private static final MatchKey BY_USERNAME = MatchKey.byUsername(true);
    private static final MatchKey BY_USERNAME_ANY_CASE = MatchKey.byUsername(false);
    private static final MatchKey BY_EMAIL = new MatchKey(List.of("email"), false);
    private static final MatchKey BY_EMAIL_CASE_SENSITIVE = new MatchKey(List.of("email"), true);

    /** What the planner should decide for one desired user, in the order the desired users are given. */
    record Expected(Action action, String username, Map<String, String> attributes, EnabledChange enabledChange,
            String reason) {
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                arguments("create into an empty target (username match)",
                        List.of(desired("alice", "email", "a@x.com", "email_verified", "true")),
                        List.of(), BY_USERNAME, DEFAULT,
                        List.of(create("alice", EnabledChange.NONE, "email", "a@x.com", "email_verified", "true"))),
                arguments("create in a target signing in by email uses the email as Username",
                        List.of(desired("alice", "email", "a@x.com", "given_name", "Alice")),
                        List.of(), BY_EMAIL, DEFAULT,
                        List.of(create("a@x.com", EnabledChange.NONE, "email", "a@x.com", "given_name", "Alice"))),
                arguments("email sign-in, case-insensitive: A@X.com finds a@x.com and updates it",
                        List.of(desired("alice", "email", "A@X.com", "email_verified", "true")),
                        List.of(target("0f9e-uuid", true, "email", "a@x.com", "email_verified", "true")),
                        BY_EMAIL, DEFAULT,
                        List.of(update("0f9e-uuid", EnabledChange.NONE, "email", "A@X.com", "email_verified", "true"))),
                arguments("email sign-in, case-sensitive: A@X.com does not find a@x.com",
                        List.of(desired("alice", "email", "A@X.com", "email_verified", "true")),
                        List.of(target("0f9e-uuid", true, "email", "a@x.com", "email_verified", "true", SOURCE_SUB,
                                "sub-other")),
                        BY_EMAIL_CASE_SENSITIVE, DEFAULT,
                        List.of(create("A@X.com", EnabledChange.NONE, "email", "A@X.com", "email_verified", "true"))),
                arguments("username sign-in, case-insensitive: Alice finds alice",
                        List.of(desired("Alice", "given_name", "Alice")),
                        List.of(target("alice", true, "given_name", "Alice")),
                        BY_USERNAME_ANY_CASE, DEFAULT,
                        List.of(unchanged("alice"))),
                arguments("username sign-in, case-sensitive: Alice does not find alice",
                        List.of(desired("Alice", "given_name", "Alice")),
                        List.of(target("alice", true, "given_name", "Alice", SOURCE_SUB, "sub-other")),
                        BY_USERNAME, DEFAULT,
                        List.of(create("Alice", EnabledChange.NONE, "given_name", "Alice"))),
                arguments("same attributes and enabled flag: unchanged",
                        List.of(desired("alice", "email", "a@x.com", "email_verified", "true", "given_name", "Alice")),
                        List.of(target("alice", true, "email", "a@x.com", "email_verified", "true", "given_name", "Alice")),
                        BY_USERNAME, DEFAULT,
                        List.of(unchanged("alice"))),
                arguments("one attribute changed: update with only that attribute",
                        List.of(desired("alice", "email", "a@x.com", "email_verified", "true", "given_name", "Alicia")),
                        List.of(target("alice", true, "email", "a@x.com", "email_verified", "true", "given_name", "Alice")),
                        BY_USERNAME, DEFAULT,
                        List.of(update("alice", EnabledChange.NONE, "given_name", "Alicia"))),
                arguments("email change carries its verified flag even when the flag is unchanged",
                        List.of(desired("alice", "email", "new@x.com", "email_verified", "true", "given_name", "Alice")),
                        List.of(target("alice", true, "email", "old@x.com", "email_verified", "true", "given_name", "Alice")),
                        BY_USERNAME, DEFAULT,
                        List.of(update("alice", EnabledChange.NONE, "email", "new@x.com", "email_verified", "true"))),
                arguments("only email_verified changed: the email travels with it",
                        List.of(desired("alice", "email", "a@x.com", "email_verified", "true")),
                        List.of(target("alice", true, "email", "a@x.com", "email_verified", "false")),
                        BY_USERNAME, DEFAULT,
                        List.of(update("alice", EnabledChange.NONE, "email", "a@x.com", "email_verified", "true"))),
                arguments("phone change carries its verified flag",
                        List.of(desired("alice", "phone_number", "+15550002", "phone_number_verified", "true")),
                        List.of(target("alice", true, "phone_number", "+15550001", "phone_number_verified", "true")),
                        BY_USERNAME, DEFAULT,
                        List.of(update("alice", EnabledChange.NONE, "phone_number", "+15550002",
                                "phone_number_verified", "true"))),
                arguments("only phone_number_verified changed: the phone travels with it",
                        List.of(desired("alice", "phone_number", "+15550001", "phone_number_verified", "false")),
                        List.of(target("alice", true, "phone_number", "+15550001", "phone_number_verified", "true")),
                        BY_USERNAME, DEFAULT,
                        List.of(update("alice", EnabledChange.NONE, "phone_number", "+15550001",
                                "phone_number_verified", "false"))),
                arguments("source disabled, target enabled: DISABLE, no attributes",
                        List.of(desiredWith("alice", UserStatus.CONFIRMED, false, "given_name", "Alice")),
                        List.of(target("alice", true, "given_name", "Alice")),
                        BY_USERNAME, DEFAULT,
                        List.of(update("alice", EnabledChange.DISABLE))),
                arguments("source enabled, target disabled: ENABLE",
                        List.of(desired("alice", "given_name", "Alice")),
                        List.of(target("alice", false, "given_name", "Alice")),
                        BY_USERNAME, DEFAULT,
                        List.of(update("alice", EnabledChange.ENABLE))),
                arguments("create of a disabled source user carries DISABLE",
                        List.of(desiredWith("alice", UserStatus.CONFIRMED, false, "given_name", "Alice")),
                        List.of(), BY_USERNAME, DEFAULT,
                        List.of(create("alice", EnabledChange.DISABLE, "given_name", "Alice"))),
                arguments("create-only attribute is sent on create",
                        List.of(desired("alice", "given_name", "Alice", "custom:tenant", "t-1")),
                        List.of(), BY_USERNAME, SOURCE_SUB_CREATE_ONLY,
                        List.of(create("alice", EnabledChange.NONE, "given_name", "Alice", "custom:tenant", "t-1"))),
                arguments("create-only attribute that differs is not an update",
                        List.of(desired("alice", "given_name", "Alice", "custom:tenant", "t-1")),
                        List.of(target("alice", true, "given_name", "Alice", "custom:tenant", "other")),
                        BY_USERNAME, SOURCE_SUB_CREATE_ONLY,
                        List.of(unchanged("alice"))),
                arguments("create-only attribute stays out of an update of other attributes, and is never deleted",
                        List.of(desired("alice", "given_name", "Alicia")),
                        List.of(target("alice", true, "given_name", "Alice", "custom:tenant", "t-1")),
                        BY_USERNAME, SOURCE_SUB_CREATE_ONLY,
                        List.of(update("alice", EnabledChange.NONE, "given_name", "Alicia"))),
                arguments("UNCONFIRMED is skipped by default",
                        List.of(desiredWith("alice", UserStatus.UNCONFIRMED, true, "given_name", "Alice")),
                        List.of(), BY_USERNAME, DEFAULT,
                        List.of(skip("alice", "UNCONFIRMED: the user never finished sign-up"))),
                arguments("EXTERNAL_PROVIDER is skipped",
                        List.of(desiredWith("Google_123", UserStatus.EXTERNAL_PROVIDER, true, "given_name", "Gee")),
                        List.of(), BY_USERNAME, DEFAULT,
                        List.of(skip("Google_123", "EXTERNAL_PROVIDER: federated users can't be created with AdminCreateUser"))),
                arguments("a status not configured (ARCHIVED) is skipped",
                        List.of(desiredWith("alice", "ARCHIVED", true, "given_name", "Alice")),
                        List.of(), BY_USERNAME, DEFAULT,
                        List.of(skip("alice", "ARCHIVED: not in poolsync.statuses"))),
                arguments("UNCONFIRMED is replicated when configured",
                        List.of(desiredWith("alice", UserStatus.UNCONFIRMED, true, "given_name", "Alice")),
                        List.of(), BY_USERNAME, WITH_UNCONFIRMED,
                        List.of(create("alice", EnabledChange.NONE, "given_name", "Alice"))),
                arguments("no email in a target signing in by email: skipped",
                        List.of(desired("alice", "given_name", "Alice")),
                        List.of(), BY_EMAIL, DEFAULT,
                        List.of(skip("alice", "no email to sign in with in the target pool"))),
                arguments("two source users with the same key: the one created first is created, the other a conflict",
                        List.of(born(desired("alice2", "email", "A@x.com"), "2021-01-01T00:00:00Z"),
                                born(desired("alice", "email", "a@x.com"), "2020-01-01T00:00:00Z")),
                        List.of(), BY_EMAIL, DEFAULT,
                        List.of(conflict("A@x.com", Planner.duplicate(BY_EMAIL)),
                                create("a@x.com", EnabledChange.NONE, "email", "a@x.com"))),
                arguments("two source usernames equal ignoring case in a case-insensitive target: the earlier wins",
                        List.of(born(desired("alice"), "2021-01-01T00:00:00Z"), born(desired("ALICE"), "2020-01-01T00:00:00Z")),
                        List.of(), BY_USERNAME_ANY_CASE, DEFAULT,
                        List.of(conflict("alice", Planner.duplicate(BY_USERNAME_ANY_CASE)), create("ALICE", EnabledChange.NONE))),
                arguments("invite mode: no email to send the invitation to",
                        List.of(desired("alice", "given_name", "Alice")),
                        List.of(), BY_USERNAME, INVITE_BY_EMAIL,
                        List.of(skip("alice", "no email to send the invitation to"))),
                arguments("invite mode: an existing target user without email is still updated",
                        List.of(desired("alice", "given_name", "Alicia")),
                        List.of(target("alice", true, "given_name", "Alice")),
                        BY_USERNAME, INVITE_BY_EMAIL,
                        List.of(update("alice", EnabledChange.NONE, "given_name", "Alicia"))),
                arguments("invite mode: a user with an email is created",
                        List.of(desired("alice", "email", "a@x.com")),
                        List.of(), BY_USERNAME, INVITE_BY_EMAIL,
                        List.of(create("alice", EnabledChange.NONE, "email", "a@x.com"))),
                arguments("attributes only in the target are left alone",
                        List.of(desired("alice", "given_name", "Alicia")),
                        List.of(target("alice", true, "given_name", "Alice", "custom:target_only", "keep", "sub", "t-sub")),
                        BY_USERNAME, DEFAULT,
                        List.of(update("alice", EnabledChange.NONE, "given_name", "Alicia"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void plans(String description, List<DesiredUser> desired, List<PoolUser> targetUsers, MatchKey matchKey,
            Planner planner, List<Expected> expected) {
        // Each target user in these rows is poolsync's copy of the source user in the same position.
        TargetIndex index = index(matchKey, Optional.of(SOURCE_SUB), planner);
        List<PoolUser> owned = new ArrayList<>();
        for (int i = 0; i < targetUsers.size(); i++) {
            PoolUser user = targetUsers.get(i);
            owned.add(user.attribute(SOURCE_SUB).isPresent() ? user : ownedBy(user, desired.get(i)));
            index.add(owned.get(i));
        }

        Plan plan = confirmed(planner, Plan.of(planner, desired, index, List.of(), Map.of()), owned);

        List<Expected> actual = plan.users().stream()
                .map(user -> new Expected(user.action(), user.username(), user.attributes(), user.enabledChange(),
                        user.reason()))
                .toList();
        assertThat(actual).as(description).containsExactlyElementsOf(expected);
        for (int i = 0; i < desired.size(); i++) {
            assertThat(plan.users().get(i).desired()).isEqualTo(desired.get(i));
        }
        assertThat(plan.users()).as(description).allSatisfy(user -> {
            assertThat(user.addGroups()).isEmpty();
            assertThat(user.removeGroups()).isEmpty();
            assertThat(user.repairPassword()).isFalse();
        });
        assertThat(plan.groups()).as(description).isEmpty();
        assertThat(plan.removals()).as(description).isEmpty();
    }

    @Test
    void countsByActionAndSkipReasons() {
        TargetIndex index = index(BY_USERNAME, Optional.of(SOURCE_SUB), DEFAULT);
        index.add(owned("same", "same", "given_name", "Same"));
        index.add(owned("changed", "changed", "given_name", "Old"));
        List<DesiredUser> desired = List.of(
                desired("new1"), desired("new2"),
                desired("same", "given_name", "Same"),
                desired("changed", "given_name", "New"),
                desiredWith("u1", UserStatus.UNCONFIRMED, true),
                desiredWith("u2", UserStatus.UNCONFIRMED, true),
                desiredWith("x1", UserStatus.EXTERNAL_PROVIDER, true));

        Plan plan = Plan.of(DEFAULT, desired, index, List.of(), Map.of());

        assertThat(plan.countByAction()).containsExactly(
                Map.entry(Action.CREATE, 2L), Map.entry(Action.UPDATE, 1L), Map.entry(Action.UNCHANGED, 1L),
                Map.entry(Action.SKIP, 3L));
        assertThat(plan.skipReasons()).containsExactly(
                Map.entry("EXTERNAL_PROVIDER: federated users can't be created with AdminCreateUser", 1L),
                Map.entry("UNCONFIRMED: the user never finished sign-up", 2L));
    }

    @Test
    void emptyPlanHasNoCountsAndNoReasons() {
        Plan plan = Plan.of(DEFAULT, List.of(), index(BY_USERNAME, Optional.empty(), DEFAULT), List.of(), Map.of());
        assertThat(plan.countByAction()).isEmpty();
        assertThat(plan.skipReasons()).isEmpty();
        assertThat(plan.groups()).isEmpty();
        assertThat(plan.removals()).isEmpty();
    }

    @Test
    void emailChangeInEmailSignInTargetFollowsTheSourceSub() {
        TargetIndex index = index(BY_EMAIL, Optional.of(SOURCE_SUB), SOURCE_SUB_CREATE_ONLY);
        PoolUser before = target("0f9e-uuid", true, "email", "old@x.com", "email_verified", "true", "custom:source_sub",
                "sub-1");
        index.add(before);
        DesiredUser moved = new DesiredUser("alice", "sub-1", UserStatus.CONFIRMED, true,
                Map.of("email", "new@x.com", "email_verified", "true", "custom:source_sub", "sub-1"), Set.of());

        PlannedUser planned = SOURCE_SUB_CREATE_ONLY.confirm(
                Plan.of(SOURCE_SUB_CREATE_ONLY, List.of(moved), index, List.of(), Map.of()).users().get(0), before);

        assertThat(planned.action()).isEqualTo(Action.UPDATE);
        assertThat(planned.username()).isEqualTo("0f9e-uuid");
        assertThat(planned.attributes()).containsEntry("email", "new@x.com");
    }

    // ---- groups, memberships, policies, rename tracking, repair: whole scenarios ----

    static Stream<Arguments> groupDefinitions() {
        return Stream.of(
                arguments("a source group missing from the target is created",
                        scenario().sourceGroups(group("admins", "Admins", 1, "arn:aws:iam::111111111111:role/a"))
                                .expectGroups(new GroupChange(GroupChange.Kind.CREATE,
                                        group("admins", "Admins", 1, "arn:aws:iam::111111111111:role/a")))),
                arguments("a changed description is an update",
                        scenario().sourceGroups(group("admins", "New", 1, null))
                                .targetGroups(group("admins", "Old", 1, null))
                                .expectGroups(new GroupChange(GroupChange.Kind.UPDATE, group("admins", "New", 1, null)))),
                arguments("a changed precedence is an update",
                        scenario().sourceGroups(group("admins", "Admins", 2, null))
                                .targetGroups(group("admins", "Admins", 1, null))
                                .expectGroups(new GroupChange(GroupChange.Kind.UPDATE, group("admins", "Admins", 2, null)))),
                arguments("a precedence set where the target has none is an update",
                        scenario().sourceGroups(group("admins", "Admins", 0, null))
                                .targetGroups(group("admins", "Admins", null, null))
                                .expectGroups(new GroupChange(GroupChange.Kind.UPDATE, group("admins", "Admins", 0, null)))),
                arguments("a changed role ARN is an update",
                        scenario().sourceGroups(group("admins", "Admins", 1, "arn:aws:iam::222222222222:role/a"))
                                .targetGroups(group("admins", "Admins", 1, "arn:aws:iam::111111111111:role/a"))
                                .expectGroups(new GroupChange(GroupChange.Kind.UPDATE,
                                        group("admins", "Admins", 1, "arn:aws:iam::222222222222:role/a")))),
                arguments("a role ARN dropped (null) where the target has one is an update",
                        scenario().sourceGroups(group("admins", "Admins", 1, null))
                                .targetGroups(group("admins", "Admins", 1, "arn:aws:iam::111111111111:role/a"))
                                .expectGroups(new GroupChange(GroupChange.Kind.UPDATE, group("admins", "Admins", 1, null)))),
                arguments("the same definition is no change",
                        scenario().sourceGroups(group("admins", "Admins", 1, "arn:aws:iam::111111111111:role/a"))
                                .targetGroups(group("admins", "Admins", 1, "arn:aws:iam::111111111111:role/a"))
                                .expectGroups()),
                arguments("a target-only group never appears in the plan",
                        scenario().sourceGroups(group("admins", "Admins", 1, null))
                                .targetGroups(group("admins", "Admins", 1, null), group("local", "Target's own", 5, null))
                                .expectGroups()),
                arguments("several groups: create, update and nothing, in source order",
                        scenario().sourceGroups(group("b-new", null, null, null), group("a-changed", "New", null, null),
                                        group("c-same", "Same", 3, null))
                                .targetGroups(group("a-changed", "Old", null, null), group("c-same", "Same", 3, null),
                                        group("z-target-only", null, null, null))
                                .expectGroups(new GroupChange(GroupChange.Kind.CREATE, group("b-new", null, null, null)),
                                        new GroupChange(GroupChange.Kind.UPDATE, group("a-changed", "New", null, null)))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("groupDefinitions")
    void groupDefinitions(String description, Scenario scenario) {
        scenario.verify(description);
    }

    static Stream<Arguments> memberships() {
        return Stream.of(
                arguments("a create carries the desired groups that are managed",
                        scenario().managing("admins", "staff")
                                .source(desired("alice", "given_name", "Alice").withGroups(Set.of("admins", "staff")))
                                .expectUsers(created("alice", "given_name", "Alice").adding("admins", "staff"))),
                arguments("a create leaves out a group poolsync doesn't manage",
                        scenario().managing("admins")
                                .source(desired("alice").withGroups(Set.of("admins", "unmanaged")))
                                .expectUsers(created("alice").adding("admins"))),
                arguments("no managed groups (groups disabled): a create carries none",
                        scenario().source(desired("alice").withGroups(Set.of("admins")))
                                .expectUsers(created("alice"))),
                arguments("an update adds the missing managed groups only",
                        scenario().managing("admins", "staff")
                                .source(desired("alice", "given_name", "Alice").withGroups(Set.of("admins", "staff")))
                                .target(owned("alice", "alice", "given_name", "Alice"), "admins")
                                .expectUsers(updated("alice").adding("staff"))),
                arguments("group membership alone makes an update, with no attributes",
                        scenario().managing("admins")
                                .source(desired("alice", "given_name", "Alice").withGroups(Set.of("admins")))
                                .target(owned("alice", "alice", "given_name", "Alice"))
                                .expectUsers(updated("alice").adding("admins"))),
                arguments("already in every desired group: unchanged",
                        scenario().managing("admins", "staff")
                                .source(desired("alice").withGroups(Set.of("admins", "staff")))
                                .target(owned("alice", "alice"), "admins", "staff")
                                .expectUsers(unchanging("alice"))),
                arguments("owned user: a managed group the source user left is removed",
                        scenario().managing("admins", "staff")
                                .source(desired("alice").withGroups(Set.of("admins")))
                                .target(owned("alice", "alice"), "admins", "staff")
                                .expectUsers(updated("alice").removing("staff"))),
                arguments("owned user: a target-only group is never removed",
                        scenario().managing("admins")
                                .source(desired("alice").withGroups(Set.of()))
                                .target(owned("alice", "alice"), "admins", "local")
                                .expectUsers(updated("alice").removing("admins"))),
                arguments("owned user: add and remove in one update, with an attribute change",
                        scenario().managing("admins", "staff")
                                .source(desired("alice", "given_name", "Alicia").withGroups(Set.of("staff")))
                                .target(owned("alice", "alice", "given_name", "Alice"), "admins", "local")
                                .expectUsers(updated("alice", "given_name", "Alicia").adding("staff").removing("admins"))),
                arguments("native user: its groups are never touched, neither removed nor added",
                        scenario().managing("admins", "staff")
                                .source(desired("alice").withGroups(Set.of("staff")))
                                .target(target("alice", true), "admins")
                                .expectUsers(conflicted("alice", Planner.notOwned(BY_USERNAME)))),
                arguments("no managed groups: an owned user's groups are all left alone",
                        scenario().source(desired("alice").withGroups(Set.of()))
                                .target(owned("alice", "alice"), "admins", "staff")
                                .expectUsers(unchanging("alice"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("memberships")
    void memberships(String description, Scenario scenario) {
        scenario.verify(description);
    }

    static Stream<Arguments> policies() {
        return Stream.of(
                arguments("create-only: an existing user that differs is left unchanged, a new one is created",
                        scenario().planner(CREATE_ONLY).managing("admins")
                                .source(desiredWith("alice", UserStatus.CONFIRMED, false, "given_name", "Alicia")
                                        .withGroups(Set.of("admins")), desired("bob", "given_name", "Bob"))
                                .target(owned("alice", "alice", "given_name", "Alice"), "local")
                                .expectUsers(unchanging("alice"), created("bob", "given_name", "Bob"))),
                arguments("create-only: a native user is a conflict, left alone",
                        scenario().planner(CREATE_ONLY)
                                .source(desired("alice", "given_name", "Alicia"))
                                .target(target("alice", true, "given_name", "Alice"))
                                .expectUsers(conflicted("alice", Planner.notOwned(BY_USERNAME)))),
                arguments("create-only: an owned user whose source user is gone is kept",
                        scenario().planner(CREATE_ONLY)
                                .target(owned("gone", "gone"))
                                .expectUsers()),
                arguments("update-only: an existing user is updated, a missing one is left for the trigger",
                        scenario().planner(UPDATE_ONLY).managing("admins")
                                .source(desired("alice", "given_name", "Alicia").withGroups(Set.of("admins")),
                                        desired("bob", "given_name", "Bob"))
                                .target(owned("alice", "alice", "given_name", "Alice"))
                                .target(owned("gone", "gone"))
                                .expectUsers(updated("alice", "given_name", "Alicia").adding("admins"),
                                        skipped("bob", "update-only: not in the target yet; the migrate-user trigger "
                                                + "or a later run under another policy creates it"))),
                arguments("update-only: two users the target lacks with one key are both skipped, neither a conflict",
                        scenario().planner(UPDATE_ONLY).matchKey(BY_EMAIL)
                                .source(born(desired("late", "email", "one@x.com"), LATE),
                                        born(desired("early", "email", "ONE@x.com"), EARLY))
                                .expectUsers(skipped("late", UpdateOnlyPolicy.NOT_CREATED),
                                        skipped("early", UpdateOnlyPolicy.NOT_CREATED))),
                arguments("upsert: updates and creates, never removes",
                        scenario().planner(UPSERT)
                                .source(desired("alice", "given_name", "Alicia"), desired("bob"))
                                .target(owned("alice", "alice", "given_name", "Alice"))
                                .target(owned("gone", "gone"))
                                .expectUsers(updated("alice", "given_name", "Alicia"), created("bob"))),
                arguments("mirror/disable: an enabled owned user whose source user is gone is disabled",
                        scenario().planner(MIRROR_DISABLE)
                                .source(desired("alice"))
                                .target(owned("alice", "alice"))
                                .target(owned("gone", "gone"))
                                .expectUsers(unchanging("alice"))
                                .expectRemovals(removal("gone", "sub-gone", Kind.DISABLE))),
                arguments("mirror/disable: an owned user already disabled is not disabled again",
                        scenario().planner(MIRROR_DISABLE)
                                .target(ownedWith("gone", "gone", false, UserStatus.CONFIRMED))
                                .expectRemovals()),
                arguments("mirror/delete: owned users whose source user is gone are deleted, enabled or not",
                        scenario().planner(MIRROR_DELETE)
                                .target(owned("gone", "gone"))
                                .target(ownedWith("gone-disabled", "gone-disabled", false, UserStatus.CONFIRMED))
                                .expectRemovals(removal("gone", "sub-gone", Kind.DELETE),
                                        removal("gone-disabled", "sub-gone-disabled", Kind.DELETE))),
                arguments("mirror: a native target user is never removed",
                        scenario().planner(MIRROR_DELETE)
                                .target(target("native", true, "given_name", "Nat"))
                                .target(target("blank-mark", true, SOURCE_SUB, ""))
                                .expectRemovals()),
                arguments("mirror: a target user matched by a source user skipped for its status is not removed",
                        scenario().planner(MIRROR_DELETE)
                                .source(desiredWith("alice", UserStatus.UNCONFIRMED, true))
                                .target(owned("alice", "alice"))
                                .expectUsers(skipped("alice", "UNCONFIRMED: the user never finished sign-up"))
                                .expectRemovals()),
                arguments("mirror: a user found by its source sub after a rename is not removed",
                        scenario().planner(MIRROR_DELETE).matchKey(BY_EMAIL)
                                .source(desired("alice", "email", "new@x.com"))
                                .target(owned("uuid-1", "alice", "email", "old@x.com"))
                                .expectUsers(updated("uuid-1", "email", "new@x.com"))
                                .expectRemovals()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("policies")
    void policies(String description, Scenario scenario) {
        scenario.verify(description);
    }

    static Stream<Arguments> renameTracking() {
        return Stream.of(
                arguments("matched by source sub although the email (the key) changed",
                        scenario().matchKey(BY_EMAIL)
                                .source(desired("alice", "email", "new@x.com", "email_verified", "true"))
                                .target(owned("uuid-1", "alice", "email", "old@x.com", "email_verified", "true"))
                                .expectUsers(updated("uuid-1", "email", "new@x.com", "email_verified", "true"))),
                arguments("the source sub wins over the key: a renamed user is matched to its own target user",
                        scenario().matchKey(BY_EMAIL)
                                .source(desired("alice", "email", "a@x.com", "given_name", "Alice"))
                                .target(owned("uuid-old", "alice", "email", "alice@old.com", "given_name", "Alice"))
                                .target(target("uuid-native", true, "email", "a@x.com", "given_name", "Other"))
                                .expectUsers(updated("uuid-old", "email", "a@x.com"))),
                arguments("no source-sub match: a native user with the key is a conflict, never updated",
                        scenario().matchKey(BY_EMAIL)
                                .source(desired("alice", "email", "a@x.com", "given_name", "Alicia"))
                                .target(target("uuid-1", true, "email", "a@x.com", "given_name", "Alice"))
                                .expectUsers(conflicted("uuid-1", Planner.notOwned(BY_EMAIL)))),
                arguments("a key match carrying the sub of a source user that is gone is a conflict",
                        scenario().matchKey(BY_EMAIL)
                                .source(desired("alice", "email", "a@x.com"))
                                .target(owned("uuid-1", "bob", "email", "a@x.com"))
                                .expectUsers(conflicted("uuid-1", Planner.goneOwners(BY_EMAIL)))),
                arguments("a key match carrying the sub of a gone source user is a conflict under create-only too",
                        scenario().planner(CREATE_ONLY).matchKey(BY_EMAIL)
                                .source(desired("alice", "email", "a@x.com"))
                                .target(owned("uuid-1", "bob", "email", "a@x.com"))
                                .expectUsers(conflicted("uuid-1", Planner.goneOwners(BY_EMAIL)))),
                arguments("a username key match carrying the sub of a gone source user is a conflict",
                        scenario()
                                .source(desired("alice"))
                                .target(owned("alice", "someone-else"))
                                .expectUsers(conflicted("alice", Planner.goneOwners(BY_USERNAME)))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renameTracking")
    void renameTracking(String description, Scenario scenario) {
        scenario.verify(description);
    }

    private static final Planner ADOPTING = new Planner(DEFAULT_STATUSES, Set.of("custom:source_sub"), MANAGED,
            Set.of(), new UpsertPolicy(), false, true);
    private static final String EARLY = "2019-05-01T00:00:00Z";
    private static final String LATE = "2023-05-01T00:00:00Z";

    /** Every way a source user's identity can collide with a target user or another source user (issue 10). */
    static Stream<Arguments> collisions() {
        return Stream.of(
                arguments("a native admin with the key of a disabled source admin: a conflict, neither updated nor disabled",
                        scenario().planner(MIRROR_DELETE)
                                .source(desiredWith("admin", UserStatus.CONFIRMED, false, "email", "someone@source.example",
                                        "email_verified", "true"))
                                .target(target("admin", true, "email", "ops@target.example"))
                                .expectUsers(conflicted("admin", Planner.notOwned(BY_USERNAME)))),
                arguments("email-keyed target: a native user holding the email is a conflict",
                        scenario().matchKey(BY_EMAIL)
                                .source(desired("alice", "email", "Shared@x.com", "given_name", "Alice"))
                                .target(target("uuid-native", true, "email", "shared@x.com", "given_name", "Native"))
                                .expectUsers(conflicted("uuid-native", Planner.notOwned(BY_EMAIL)))),
                arguments("adopt-existing: the native user is taken over, marked with the source sub and brought in line",
                        scenario().planner(ADOPTING).matchKey(BY_EMAIL)
                                .source(desired("alice", "email", "a@x.com", "given_name", "Alice"))
                                .target(target("uuid-native", true, "email", "a@x.com", "given_name", "Native",
                                        "family_name", "Old"))
                                .expectUsers(updated("uuid-native", "given_name", "Alice", SOURCE_SUB, "sub-alice")
                                        .deleting("family_name").adopting())),
                arguments("adopt-existing with two source users for one native user: the one created first adopts it",
                        scenario().planner(ADOPTING).matchKey(BY_USERNAME_ANY_CASE)
                                .source(born(desired("Alice"), LATE), born(desired("alice"), EARLY))
                                .target(target("alice", true))
                                .expectUsers(conflicted("alice", Planner.duplicate(BY_USERNAME_ANY_CASE)),
                                        updated("alice", SOURCE_SUB, "sub-alice").adopting())),
                arguments("case-only duplicates, the owner listed second: the owner keeps its user, the other conflicts",
                        scenario().matchKey(BY_USERNAME_ANY_CASE)
                                .source(born(desired("Alice", "given_name", "A"), EARLY),
                                        born(desired("alice", "given_name", "New"), LATE))
                                .target(owned("alice", "alice", "given_name", "Old"))
                                .expectUsers(conflicted("alice", Planner.duplicate(BY_USERNAME_ANY_CASE)),
                                        updated("alice", "given_name", "New"))),
                arguments("case-only duplicates, the owner listed first: the same plan",
                        scenario().matchKey(BY_USERNAME_ANY_CASE)
                                .source(born(desired("alice", "given_name", "New"), LATE),
                                        born(desired("Alice", "given_name", "A"), EARLY))
                                .target(owned("alice", "alice", "given_name", "Old"))
                                .expectUsers(updated("alice", "given_name", "New"),
                                        conflicted("alice", Planner.duplicate(BY_USERNAME_ANY_CASE)))),
                arguments("two source users with one email into an email-keyed target: the earlier is created",
                        scenario().matchKey(BY_EMAIL)
                                .source(born(desired("late", "email", "one@x.com"), LATE),
                                        born(desired("early", "email", "ONE@x.com"), EARLY))
                                .expectUsers(conflicted("one@x.com", Planner.duplicate(BY_EMAIL)),
                                        created("ONE@x.com", "email", "ONE@x.com"))),
                arguments("same UserCreateDate: the smaller sub wins",
                        scenario().matchKey(BY_EMAIL)
                                .source(born(desired("b", "email", "one@x.com"), EARLY),
                                        born(desired("a", "email", "one@x.com"), EARLY))
                                .expectUsers(conflicted("one@x.com", Planner.duplicate(BY_EMAIL)),
                                        created("one@x.com", "email", "one@x.com"))),
                arguments("the key is held by poolsync's copy of another source user still in the source",
                        scenario().matchKey(BY_EMAIL)
                                .source(desired("alice", "email", "a@x.com"), desired("bob", "email", "bob@new.com"))
                                .target(owned("uuid-bob", "bob", "email", "a@x.com"))
                                .expectUsers(conflicted("uuid-bob", Planner.anotherSourceUsers(BY_EMAIL)),
                                        updated("uuid-bob", "email", "bob@new.com"))),
                arguments("re-created account, mirror/delete: the old copy is deleted and the new user created after it",
                        scenario().planner(MIRROR_DELETE)
                                .source(desired("alice", "given_name", "New"))
                                .target(owned("alice", "old-alice", "given_name", "Old"))
                                .expectUsers(created("alice", "given_name", "New").replacing("alice"))
                                .expectRemovals(removal("alice", "sub-old-alice", Kind.DELETE))),
                arguments("re-created account, email-keyed, mirror/delete: created once the old copy is deleted",
                        scenario().planner(MIRROR_DELETE).matchKey(BY_EMAIL)
                                .source(desired("alice2", "email", "a@x.com"))
                                .target(owned("uuid-old", "alice", "email", "a@x.com"))
                                .expectUsers(created("a@x.com", "email", "a@x.com").replacing("uuid-old"))
                                .expectRemovals(removal("uuid-old", "sub-alice", Kind.DELETE))),
                arguments("re-created account, mirror/disable: the old copy is disabled and the new user a conflict naming it",
                        scenario().planner(MIRROR_DISABLE)
                                .source(desired("alice"))
                                .target(owned("alice", "old-alice"))
                                .expectUsers(conflicted("alice", Planner.goneOwnersDisabled(BY_USERNAME)))
                                .expectRemovals(removal("alice", "sub-old-alice", Kind.DISABLE))),
                arguments("re-created account, upsert: a conflict, and the old copy stays",
                        scenario()
                                .source(desired("alice"))
                                .target(owned("alice", "old-alice"))
                                .expectUsers(conflicted("alice", Planner.goneOwners(BY_USERNAME)))),
                arguments("removed attributes are deleted from an owned user, an address with its verified flag",
                        scenario()
                                .source(desired("alice", "email", "a@x.com", "email_verified", "true"))
                                .target(owned("alice", "alice", "email", "a@x.com", "email_verified", "true",
                                        "given_name", "Alice", "family_name", "Liddell", "phone_number", "+15550001",
                                        "phone_number_verified", "true", "custom:target_only", "kept"))
                                .expectUsers(updated("alice").deleting("family_name", "given_name", "phone_number",
                                        "phone_number_verified"))),
                arguments("a removed email takes its verified flag along",
                        scenario()
                                .source(desired("alice", "given_name", "Alice"))
                                .target(owned("alice", "alice", "given_name", "Alice", "email", "a@x.com",
                                        "email_verified", "true"))
                                .expectUsers(updated("alice").deleting("email", "email_verified"))),
                arguments("a native user's attributes are never deleted",
                        scenario()
                                .source(desired("alice"))
                                .target(target("alice", true, "given_name", "Native"))
                                .expectUsers(conflicted("alice", Planner.notOwned(BY_USERNAME)))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("collisions")
    void collisions(String description, Scenario scenario) {
        scenario.verify(description);
    }

    static Stream<Arguments> repair() {
        return Stream.of(
                arguments("repair on: an owned user in FORCE_CHANGE_PASSWORD gets its password",
                        scenario().planner(REPAIRING)
                                .source(desired("erin", "given_name", "Erin"))
                                .target(ownedWith("erin", "erin", true, UserStatus.FORCE_CHANGE_PASSWORD,
                                        "given_name", "Erin"))
                                .expectUsers(updated("erin").repairing())),
                arguments("repair on: the repair rides along with an attribute change",
                        scenario().planner(REPAIRING)
                                .source(desired("erin", "given_name", "Erin"))
                                .target(ownedWith("erin", "erin", true, UserStatus.FORCE_CHANGE_PASSWORD,
                                        "given_name", "E"))
                                .expectUsers(updated("erin", "given_name", "Erin").repairing())),
                arguments("repair on: a native user in FORCE_CHANGE_PASSWORD is not repaired: a conflict",
                        scenario().planner(REPAIRING)
                                .source(desired("erin", "given_name", "Erin"))
                                .target(new PoolUser("erin", map("given_name", "Erin"), true,
                                        UserStatus.FORCE_CHANGE_PASSWORD))
                                .expectUsers(conflicted("erin", Planner.notOwned(BY_USERNAME)))),
                arguments("repair on: an owned CONFIRMED user needs no repair",
                        scenario().planner(REPAIRING)
                                .source(desired("erin", "given_name", "Erin"))
                                .target(owned("erin", "erin", "given_name", "Erin"))
                                .expectUsers(unchanging("erin"))),
                arguments("repair off (invite mode): an owned user in FORCE_CHANGE_PASSWORD is left so",
                        scenario().planner(UPSERT)
                                .source(desired("erin", "given_name", "Erin"))
                                .target(ownedWith("erin", "erin", true, UserStatus.FORCE_CHANGE_PASSWORD,
                                        "given_name", "Erin"))
                                .expectUsers(unchanging("erin"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("repair")
    void repair(String description, Scenario scenario) {
        scenario.verify(description);
    }

    /** What the planner should decide for one desired user, groups, repair, deleted attributes and ownership included. */
    record Outcome(Action action, String username, Map<String, String> attributes, EnabledChange enabledChange,
            Set<String> addGroups, Set<String> removeGroups, boolean repairPassword, String reason,
            Set<String> removedAttributes, boolean adopt, String replaces) {

        Outcome(Action action, String username, Map<String, String> attributes, EnabledChange enabledChange,
                Set<String> addGroups, Set<String> removeGroups, boolean repairPassword, String reason) {
            this(action, username, attributes, enabledChange, addGroups, removeGroups, repairPassword, reason, Set.of(),
                    false, "");
        }

        static Outcome of(PlannedUser user) {
            return new Outcome(user.action(), user.username(), user.attributes(), user.enabledChange(),
                    user.addGroups(), user.removeGroups(), user.repairPassword(), user.reason(),
                    user.removedAttributes(), user.adopt(), user.replaces());
        }

        Outcome adding(String... groups) {
            return new Outcome(action, username, attributes, enabledChange, Set.of(groups), removeGroups,
                    repairPassword, reason, removedAttributes, adopt, replaces);
        }

        Outcome removing(String... groups) {
            return new Outcome(action, username, attributes, enabledChange, addGroups, Set.of(groups),
                    repairPassword, reason, removedAttributes, adopt, replaces);
        }

        Outcome repairing() {
            return new Outcome(action, username, attributes, enabledChange, addGroups, removeGroups, true, reason,
                    removedAttributes, adopt, replaces);
        }

        Outcome deleting(String... names) {
            return new Outcome(action, username, attributes, enabledChange, addGroups, removeGroups, repairPassword,
                    reason, Set.of(names), adopt, replaces);
        }

        Outcome adopting() {
            return new Outcome(action, username, attributes, enabledChange, addGroups, removeGroups, repairPassword,
                    reason, removedAttributes, true, replaces);
        }

        Outcome replacing(String holder) {
            return new Outcome(action, username, attributes, enabledChange, addGroups, removeGroups, repairPassword,
                    reason, removedAttributes, adopt, holder);
        }

        Outcome disabling() {
            return new Outcome(action, username, attributes, EnabledChange.DISABLE, addGroups, removeGroups,
                    repairPassword, reason, removedAttributes, adopt, replaces);
        }
    }

    static Outcome created(String username, String... attributes) {
        return new Outcome(Action.CREATE, username, map(attributes), EnabledChange.NONE, Set.of(), Set.of(), false, "");
    }

    static Outcome updated(String username, String... attributes) {
        return new Outcome(Action.UPDATE, username, map(attributes), EnabledChange.NONE, Set.of(), Set.of(), false, "");
    }

    static Outcome unchanging(String username) {
        return new Outcome(Action.UNCHANGED, username, Map.of(), EnabledChange.NONE, Set.of(), Set.of(), false, "");
    }

    static Outcome conflicted(String targetUsername, String reason) {
        return new Outcome(Action.CONFLICT, targetUsername, Map.of(), EnabledChange.NONE, Set.of(), Set.of(), false,
                reason);
    }

    static Outcome skipped(String sourceUsername, String reason) {
        return new Outcome(Action.SKIP, sourceUsername, Map.of(), EnabledChange.NONE, Set.of(), Set.of(), false, reason);
    }

    static Scenario scenario() {
        return new Scenario();
    }

    /**
     * One planning problem and its whole expected plan. The target index tracks {@value #SOURCE_SUB}; unless a row
     * says otherwise the policy is upsert and users match by case-sensitive username.
     */
    static final class Scenario {
        private Planner planner = UPSERT;
        private MatchKey matchKey = BY_USERNAME;
        private final List<DesiredUser> desired = new ArrayList<>();
        private final List<PoolUser> targets = new ArrayList<>();
        private final Map<String, Set<String>> memberships = new LinkedHashMap<>();
        private final List<PoolGroup> sourceGroups = new ArrayList<>();
        private final Map<String, PoolGroup> targetGroups = new LinkedHashMap<>();
        private List<Outcome> users = List.of();
        private List<PlannedRemoval> removals = List.of();
        private List<GroupChange> groupChanges = List.of();

        Scenario planner(Planner value) {
            planner = value;
            return this;
        }

        Scenario matchKey(MatchKey value) {
            matchKey = value;
            return this;
        }

        Scenario source(DesiredUser... users) {
            desired.addAll(List.of(users));
            return this;
        }

        Scenario target(PoolUser user, String... groups) {
            targets.add(user);
            memberships.put(user.username(), Set.of(groups));
            return this;
        }

        Scenario sourceGroups(PoolGroup... groups) {
            sourceGroups.addAll(List.of(groups));
            return this;
        }

        Scenario targetGroups(PoolGroup... groups) {
            for (PoolGroup group : groups) {
                targetGroups.put(group.name(), group);
            }
            return this;
        }

        /** Groups in both pools with the same definition: their memberships are managed, the groups left alone. */
        Scenario managing(String... names) {
            for (String name : names) {
                sourceGroups(group(name, null, null, null));
                targetGroups(group(name, null, null, null));
            }
            return this;
        }

        Scenario expectUsers(Outcome... expected) {
            users = List.of(expected);
            return this;
        }

        Scenario expectRemovals(PlannedRemoval... expected) {
            removals = List.of(expected);
            return this;
        }

        Scenario expectGroups(GroupChange... expected) {
            groupChanges = List.of(expected);
            return this;
        }

        void verify(String description) {
            TargetIndex index = index(matchKey, Optional.of(SOURCE_SUB), planner);
            targets.forEach(index::add);
            targets.forEach(user -> memberships.get(user.username()).forEach(group -> index.addMembership(user, group)));

            Plan plan = confirmed(planner, Plan.of(planner, desired, index, sourceGroups, targetGroups), targets);

            assertThat(plan.groups()).as(description + ": group changes").containsExactlyElementsOf(groupChanges);
            assertThat(plan.users().stream().map(Outcome::of).toList()).as(description + ": users")
                    .containsExactlyElementsOf(users);
            assertThat(plan.removals()).as(description + ": removals").containsExactlyElementsOf(removals);
        }
    }

    // ---- rows ----

    /** Fixed digests, so expected removals can carry the same owner digests as planned ones. */
    private static final Digests DIGESTS = new Digests(1, 64);

    static TargetIndex index(MatchKey matchKey, Optional<String> sourceSub, Planner planner) {
        return new TargetIndex(matchKey, sourceSub, planner.comparedAttributes(),
                planner.signIn().federation().link(), DIGESTS);
    }

    /** The plan as the applier carries it out: users planned from digests confirmed on a read of the target user. */
    static Plan confirmed(Planner planner, Plan plan, List<PoolUser> targets) {
        return new Plan(plan.groups(), plan.users().stream().map(user -> user.reread() ? planner.confirm(user,
                targets.stream().filter(target -> target.username().equals(user.username())).findFirst().orElseThrow())
                : user).toList(), plan.removals());
    }

    static PlannedRemoval removal(String username, String sourceSub, Kind kind) {
        return new PlannedRemoval(username, DIGESTS.of(sourceSub), DIGESTS, kind);
    }

    static DesiredUser desired(String username, String... attributes) {
        return desiredWith(username, UserStatus.CONFIRMED, true, attributes);
    }

    static DesiredUser desiredWith(String username, String status, boolean enabled, String... attributes) {
        return new DesiredUser(username, "sub-" + username, status, enabled, map(attributes), Set.of());
    }

    static PoolUser target(String username, boolean enabled, String... attributes) {
        return new PoolUser(username, map(attributes), enabled, UserStatus.CONFIRMED);
    }

    static PoolUser ownedBy(PoolUser user, DesiredUser owner) {
        Map<String, String> attributes = new LinkedHashMap<>(user.attributes());
        attributes.put(SOURCE_SUB, owner.sourceSub());
        return new PoolUser(user.username(), attributes, user.enabled(), user.status());
    }

    static PoolUser owned(String username, String sourceUsername, String... attributes) {
        return ownedWith(username, sourceUsername, true, UserStatus.CONFIRMED, attributes);
    }

    static PoolUser ownedWith(String username, String sourceUsername, boolean enabled, String status,
            String... attributes) {
        Map<String, String> map = map(attributes);
        map.put(SOURCE_SUB, "sub-" + sourceUsername);
        return new PoolUser(username, map, enabled, status);
    }

    static Planner planner(Policy policy, boolean repairPasswords) {
        return new Planner(DEFAULT_STATUSES, Set.of("custom:source_sub"), MANAGED, Set.of(), policy, repairPasswords,
                false);
    }

    static PoolGroup group(String name, String description, Integer precedence, String roleArn) {
        return new PoolGroup(name, description, precedence, roleArn);
    }

    static Expected create(String username, EnabledChange enabledChange, String... attributes) {
        return new Expected(Action.CREATE, username, map(attributes), enabledChange, "");
    }

    static Expected update(String username, EnabledChange enabledChange, String... attributes) {
        return new Expected(Action.UPDATE, username, map(attributes), enabledChange, "");
    }

    static Expected unchanged(String username) {
        return new Expected(Action.UNCHANGED, username, Map.of(), EnabledChange.NONE, "");
    }

    static Expected conflict(String targetUsername, String reason) {
        return new Expected(Action.CONFLICT, targetUsername, Map.of(), EnabledChange.NONE, reason);
    }

    static DesiredUser born(DesiredUser user, String createdAt) {
        return new DesiredUser(user.sourceUsername(), user.sourceSub(), user.sourceStatus(), user.enabled(),
                user.attributes(), user.groups(), Instant.parse(createdAt));
    }

    static Expected skip(String sourceUsername, String reason) {
        return new Expected(Action.SKIP, sourceUsername, Map.of(), EnabledChange.NONE, reason);
    }

    static Set<String> union(Set<String> set, String... more) {
        Set<String> union = new java.util.HashSet<>(set);
        union.addAll(List.of(more));
        return union;
    }

    static Map<String, String> map(String... keyValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return map;
    }
}
