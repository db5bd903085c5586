package io.poolsync.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.poolsync.model.DesiredUser;
import io.poolsync.model.PoolUser;
import io.poolsync.model.UserStatus;
import io.poolsync.plan.PlannedUser.Action;
import io.poolsync.plan.PlannedUser.EnabledChange;

class PlannerTest {

    private static final Set<String> DEFAULT_STATUSES = Set.of(UserStatus.CONFIRMED, UserStatus.FORCE_CHANGE_PASSWORD,
            UserStatus.RESET_REQUIRED);
    private static final Planner DEFAULT = new Planner(DEFAULT_STATUSES, Set.of(), Set.of());
    private static final Planner SOURCE_SUB_CREATE_ONLY = new Planner(DEFAULT_STATUSES, Set.of("custom:source_sub"), Set.of());
    private static final Planner WITH_UNCONFIRMED = new Planner(Set.of(UserStatus.CONFIRMED, UserStatus.UNCONFIRMED),
            Set.of(), Set.of());
    private static final Planner INVITE_BY_EMAIL = new Planner(DEFAULT_STATUSES, Set.of(), Set.of("email"));

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
                        List.of(target("0f9e-uuid", true, "email", "a@x.com", "email_verified", "true")),
                        BY_EMAIL_CASE_SENSITIVE, DEFAULT,
                        List.of(create("A@X.com", EnabledChange.NONE, "email", "A@X.com", "email_verified", "true"))),
                arguments("username sign-in, case-insensitive: Alice finds alice",
                        List.of(desired("Alice", "given_name", "Alice")),
                        List.of(target("alice", true, "given_name", "Alice")),
                        BY_USERNAME_ANY_CASE, DEFAULT,
                        List.of(unchanged("alice"))),
                arguments("username sign-in, case-sensitive: Alice does not find alice",
                        List.of(desired("Alice", "given_name", "Alice")),
                        List.of(target("alice", true, "given_name", "Alice")),
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
                        List.of(desired("alice", "given_name", "Alice", "custom:source_sub", "sub-1")),
                        List.of(), BY_USERNAME, SOURCE_SUB_CREATE_ONLY,
                        List.of(create("alice", EnabledChange.NONE, "given_name", "Alice", "custom:source_sub", "sub-1"))),
                arguments("create-only attribute that differs is not an update",
                        List.of(desired("alice", "given_name", "Alice", "custom:source_sub", "sub-1")),
                        List.of(target("alice", true, "given_name", "Alice", "custom:source_sub", "other")),
                        BY_USERNAME, SOURCE_SUB_CREATE_ONLY,
                        List.of(unchanged("alice"))),
                arguments("create-only attribute stays out of an update of other attributes",
                        List.of(desired("alice", "given_name", "Alicia", "custom:source_sub", "sub-1")),
                        List.of(target("alice", true, "given_name", "Alice")),
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
                arguments("two source users with the same key: the second is skipped",
                        List.of(desired("alice", "email", "a@x.com"), desired("alice2", "email", "A@x.com")),
                        List.of(), BY_EMAIL, DEFAULT,
                        List.of(create("a@x.com", EnabledChange.NONE, "email", "a@x.com"),
                                skip("alice2", "another source user has the same email"))),
                arguments("two source usernames equal ignoring case in a case-insensitive target",
                        List.of(desired("alice"), desired("ALICE")),
                        List.of(), BY_USERNAME_ANY_CASE, DEFAULT,
                        List.of(create("alice", EnabledChange.NONE), skip("ALICE", "another source user has the same username"))),
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
        TargetIndex index = new TargetIndex(matchKey);
        targetUsers.forEach(index::add);

        Plan plan = planner.plan(desired, index);

        List<Expected> actual = plan.users().stream()
                .map(user -> new Expected(user.action(), user.username(), user.attributes(), user.enabledChange(),
                        user.reason()))
                .toList();
        assertThat(actual).as(description).containsExactlyElementsOf(expected);
        for (int i = 0; i < desired.size(); i++) {
            assertThat(plan.users().get(i).desired()).isEqualTo(desired.get(i));
        }
    }

    @Test
    void countsByActionAndSkipReasons() {
        TargetIndex index = new TargetIndex(BY_USERNAME);
        index.add(target("same", true, "given_name", "Same"));
        index.add(target("changed", true, "given_name", "Old"));
        List<DesiredUser> desired = List.of(
                desired("new1"), desired("new2"),
                desired("same", "given_name", "Same"),
                desired("changed", "given_name", "New"),
                desiredWith("u1", UserStatus.UNCONFIRMED, true),
                desiredWith("u2", UserStatus.UNCONFIRMED, true),
                desiredWith("x1", UserStatus.EXTERNAL_PROVIDER, true));

        Plan plan = DEFAULT.plan(desired, index);

        assertThat(plan.countByAction()).containsExactly(
                Map.entry(Action.CREATE, 2L), Map.entry(Action.UPDATE, 1L), Map.entry(Action.UNCHANGED, 1L),
                Map.entry(Action.SKIP, 3L));
        assertThat(plan.skipReasons()).containsExactly(
                Map.entry("EXTERNAL_PROVIDER: federated users can't be created with AdminCreateUser", 1L),
                Map.entry("UNCONFIRMED: the user never finished sign-up", 2L));
    }

    @Test
    void emptyPlanHasNoCountsAndNoReasons() {
        Plan plan = DEFAULT.plan(List.of(), new TargetIndex(BY_USERNAME));
        assertThat(plan.countByAction()).isEmpty();
        assertThat(plan.skipReasons()).isEmpty();
    }

    @Test
    @Disabled("BUG: Planner.planUser (Planner.java:54-64) matches only by MatchKey; custom:source_sub is never used to "
            + "follow a user whose email changed in a sign-in-by-email target, so a second target user is created "
            + "(DESIGN.md and the SyncSettings warning promise rename tracking)")
    void emailChangeInEmailSignInTargetFollowsTheSourceSub() {
        TargetIndex index = new TargetIndex(BY_EMAIL);
        index.add(target("0f9e-uuid", true, "email", "old@x.com", "email_verified", "true", "custom:source_sub", "sub-1"));
        DesiredUser moved = new DesiredUser("alice", "sub-1", UserStatus.CONFIRMED, true,
                Map.of("email", "new@x.com", "email_verified", "true", "custom:source_sub", "sub-1"));

        PlannedUser planned = SOURCE_SUB_CREATE_ONLY.plan(List.of(moved), index).users().get(0);

        assertThat(planned.action()).isEqualTo(Action.UPDATE);
        assertThat(planned.username()).isEqualTo("0f9e-uuid");
        assertThat(planned.attributes()).containsEntry("email", "new@x.com");
    }

    // ---- rows ----

    static DesiredUser desired(String username, String... attributes) {
        return desiredWith(username, UserStatus.CONFIRMED, true, attributes);
    }

    static DesiredUser desiredWith(String username, String status, boolean enabled, String... attributes) {
        return new DesiredUser(username, "sub-" + username, status, enabled, map(attributes));
    }

    static PoolUser target(String username, boolean enabled, String... attributes) {
        return new PoolUser(username, map(attributes), enabled, UserStatus.CONFIRMED);
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

    static Expected skip(String sourceUsername, String reason) {
        return new Expected(Action.SKIP, sourceUsername, Map.of(), EnabledChange.NONE, reason);
    }

    static Map<String, String> map(String... keyValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return map;
    }
}
