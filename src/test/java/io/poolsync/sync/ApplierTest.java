package io.poolsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.poolsync.testing.InMemoryPool;
import io.poolsync.testing.TestConfig;
import io.poolsync.mapping.FederationRules;
import io.poolsync.mapping.MfaRules;
import io.poolsync.model.MfaFactors;
import io.poolsync.model.UserStatus;
import io.poolsync.model.PoolGroup;
import io.poolsync.model.PoolSchema;
import io.poolsync.model.PoolUser;
import io.poolsync.plan.PlannedUser;

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
        assertThat(counters.get(RunCounter.CREATED)).isEqualTo(2);
        assertThat(counters.get(RunCounter.UPDATED)).isEqualTo(1);
        assertThat(counters.get(RunCounter.DISABLED)).isEqualTo(2);
        assertThat(counters.get(RunCounter.FAILED)).isZero();
        assertThat(run.snapshot().failures()).isEmpty();
    }

    @Test
    void aFederatedUserIsCreatedWithoutInvitationOrPasswordAndLinked() throws InterruptedException {
        String sub = "5c1e0000-0000-4000-8000-000000000001";
        SyncSettings settings = settings("poolsync.password.mode", "invite").withSignIn(new SignInSettings(
                new FederationRules(true, Map.of(), Set.of("Google"), false, Optional.empty()),
                new MfaRules(false, new MfaFactors("OFF", Set.of()), 0), Set.of(), List.of()));
        PoolUser federated = new PoolUser("Google_111", Map.of("sub", sub, "email", "fed@x.com", "identities",
                "[{\"userId\":\"111\",\"providerName\":\"Google\",\"primary\":true}]"), true,
                UserStatus.EXTERNAL_PROVIDER);

        SyncRun run = sync(settings, List.of(federated, source("alice", true, "email", "alice@x.com")));

        InMemoryPool.Stored stored = pool.stored(sub);
        assertThat(stored.invitationMediums).as("no invitation carries a password to it").isEmpty();
        assertThat(stored.passwordSet).isFalse();
        assertThat(pool.stored("alice").invitationMediums).containsExactly("EMAIL");
        assertThat(pool.calls).contains("link " + sub + " Google:111");
        assertThat(run.counters().get(RunCounter.IDENTITIES_LINKED)).isEqualTo(1);
        assertThat(run.counters().get(RunCounter.FAILED)).isZero();
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
        assertThat(run.counters().get(RunCounter.CREATED)).isEqualTo(2);
        assertThat(run.counters().get(RunCounter.FAILED)).isEqualTo(1);
        assertThat(run.counters().applied()).isEqualTo(3);
    }

    @Test
    void aCreateMeetingAnExistingUserUpdatesTheDifferingAttributes() throws InterruptedException {
        // In the pool, but not in the (eventually consistent) scan the plan was made from.
        pool.putUnlisted(new PoolUser("dave", Map.of("email", "old@x.com", "email_verified", "true", "given_name",
                "Dave", "custom:source_sub", "s-dave"), true, "CONFIRMED"));

        SyncRun run = sync(settings(), List.of(
                source("dave", true, "email", "new@x.com", "email_verified", "true", "given_name", "Dave")));

        InMemoryPool.Stored dave = pool.stored("dave");
        assertThat(dave.attributes).containsAllEntriesOf(Map.of("email", "new@x.com", "email_verified", "true",
                "given_name", "Dave", "custom:source_sub", "s-dave"));
        assertThat(pool.updates).containsExactly(Map.of("email", "new@x.com", "email_verified", "true"));
        assertThat(dave.status).isEqualTo("CONFIRMED");
        assertThat(dave.passwordSet).isFalse();
        assertThat(pool.passwords).isEmpty();
        assertThat(run.counters().get(RunCounter.UPDATED)).isEqualTo(1);
        assertThat(run.counters().get(RunCounter.CREATED)).isZero();
        assertThat(run.snapshot().failures()).isEmpty();
    }

    @Test
    void aCreateMeetingAnIdenticalExistingUserCountsAsUnchanged() throws InterruptedException {
        pool.putUnlisted(new PoolUser("dave", Map.of("given_name", "Dave", "custom:source_sub", "s-dave"), true,
                "CONFIRMED"));

        SyncRun run = sync(settings(), List.of(source("dave", true, "given_name", "Dave")));

        assertThat(pool.updates).isEmpty();
        assertThat(run.counters().get(RunCounter.UNCHANGED)).isEqualTo(1);
        assertThat(run.counters().get(RunCounter.UPDATED)).isZero();
        assertThat(run.counters().get(RunCounter.CREATED)).isZero();
        assertThat(run.counters().get(RunCounter.FAILED)).isZero();
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
        assertThat(run.counters().get(RunCounter.CREATED)).isEqualTo(1);
    }

    /** poolsync.source.filter migrates one slice of the source and touches nothing else. */
    @Test
    void aFilteredSyncTouchesOnlyItsSlice() throws InterruptedException {
        List<PoolUser> sources = List.of("alice", "arnold", "bob", "carol").stream()
                .map(name -> source(name, true, "email", name + "@example.com")).toList();

        SyncRun run = sync(settings("poolsync.source.filter", "email ^= \"a\""), sources);

        assertThat(run.counters().get(RunCounter.SOURCE_SCANNED)).isEqualTo(2);
        assertThat(run.counters().get(RunCounter.CREATED)).isEqualTo(2);
        assertThat(pool.usernames()).containsExactlyInAnyOrder("alice", "arnold");
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
        assertThat(run.counters().get(RunCounter.CREATED)).isEqualTo(300);
        assertThat(run.counters().get(RunCounter.DISABLED)).isEqualTo(30);
        assertThat(Set.copyOf(pool.passwords)).hasSize(300);
    }

    @Test
    void aUserLeftWithoutPasswordIsRepairedByTheNextRun() throws InterruptedException {
        pool.failPassword("erin");
        List<PoolUser> sources = List.of(source("erin", true, "given_name", "Erin"));
        SyncRun first = sync(settings(), sources);
        assertThat(pool.stored("erin").status).isEqualTo("FORCE_CHANGE_PASSWORD");
        assertThat(first.counters().get(RunCounter.FAILED)).isEqualTo(1);

        pool.healPasswords();
        // The next plan is made from the pool as it now is: erin carries the owner mark and is half-created.
        SyncRun second = sync(settings(), sources);
        assertThat(planned(second, "user")).singleElement().satisfies(user -> {
            assertThat(user.action()).isEqualTo(PlannedUser.Action.UPDATE.name());
            assertThat(user.repairPassword()).isTrue();
        });

        InMemoryPool.Stored erin = pool.stored("erin");
        assertThat(erin.status).isEqualTo("CONFIRMED");
        assertThat(erin.passwordSet).isTrue();
        assertThat(erin.attributes).containsEntry("given_name", "Erin").containsEntry("custom:source_sub", "s-erin");
        assertThat(second.counters().get(RunCounter.PASSWORDS_REPAIRED)).isEqualTo(1);
        assertThat(second.counters().get(RunCounter.FAILED)).isZero();

        // Repaired: the run after that has nothing to do.
        SyncRun third = sync(settings(), sources);
        assertThat(third.counters().get(RunCounter.UNCHANGED)).isEqualTo(1);
        assertThat(third.counters().get(RunCounter.PASSWORDS_REPAIRED)).isZero();
    }

    @Test
    void groupsAreCreatedBeforeUsersAndTheirMembersAdded() throws InterruptedException {
        SyncSettings settings = settings("poolsync.groups.role-arn", "map",
                "poolsync.groups.account-map", "111111111111->222222222222");
        List<PoolGroup> groups = List.of(
                new PoolGroup("admins", "Admins", 1, "arn:aws:iam::111111111111:role/admins"),
                new PoolGroup("staff", "Staff", null, null));
        Map<String, Set<String>> members = Map.of("admins", Set.of("alice"), "staff", Set.of("alice", "bob"));
        List<PoolUser> sources = List.of(
                source("alice", true, "given_name", "Alice"),
                source("bob", true, "given_name", "Bob"),
                source("carol", true, "given_name", "Carol"));

        SyncRun run = sync(settings, sources, groups, members);

        assertThat(pool.groupsByName()).containsOnly(
                Map.entry("admins", new PoolGroup("admins", "Admins", 1, "arn:aws:iam::222222222222:role/admins")),
                Map.entry("staff", new PoolGroup("staff", "Staff", null, null)));
        assertThat(pool.members("admins")).containsExactly("alice");
        assertThat(pool.members("staff")).containsExactlyInAnyOrder("alice", "bob");
        assertThat(pool.groupsOf("carol")).isEmpty();
        assertThat(pool.usernames()).containsExactlyInAnyOrder("alice", "bob", "carol");
        List<String> calls = List.copyOf(pool.calls);
        int lastGroupCreated = Math.max(calls.indexOf("createGroup admins"), calls.indexOf("createGroup staff"));
        int firstUserCreated = IntStream.range(0, calls.size()).filter(i -> calls.get(i).startsWith("createUser"))
                .findFirst().orElseThrow();
        assertThat(lastGroupCreated).isNotNegative().isLessThan(firstUserCreated);
        SyncRun.Counters counters = run.counters();
        assertThat(counters.get(RunCounter.GROUPS_CREATED)).isEqualTo(2);
        assertThat(counters.get(RunCounter.MEMBERSHIPS_ADDED)).isEqualTo(3);
        assertThat(counters.get(RunCounter.CREATED)).isEqualTo(3);
        assertThat(counters.get(RunCounter.FAILED)).isZero();

        // The same source again: nothing left to do.
        SyncRun again = sync(settings, sources, groups, members);
        assertThat(again.counters().get(RunCounter.GROUPS_CREATED)).isZero();
        assertThat(again.counters().get(RunCounter.GROUPS_UPDATED)).isZero();
        assertThat(again.counters().get(RunCounter.MEMBERSHIPS_ADDED)).isZero();
        assertThat(again.counters().get(RunCounter.UNCHANGED)).isEqualTo(3);
    }

    @Test
    void aDryRunWritesNothingAndPlansWhatARealRunThenCarriesOut() throws InterruptedException {
        pool.put(owned("gone", true));
        SyncSettings settings = settings("poolsync.policy", "mirror");
        List<PoolGroup> groups = List.of(new PoolGroup("admins", "Admins", 1, null), new PoolGroup("staff", null, null,
                null));
        Map<String, Set<String>> members = Map.of("admins", Set.of("alice"), "staff", Set.of("alice", "bob"));
        List<PoolUser> sources = List.of(source("alice", true, "email", "alice@x.com", "given_name", "Alice"),
                source("bob", true, "given_name", "Bob"));

        SyncRun dryRun = sync(settings, sources, groups, members, true);

        assertThat(pool.calls).isEmpty();
        assertThat(pool.updates).isEmpty();
        assertThat(pool.usernames()).containsExactly("gone");
        assertThat(pool.stored("gone").enabled).isTrue();
        PlanReport.Summary planned = dryRun.plan().orElseThrow().summary();
        assertThat(planned.users()).containsExactly(Map.entry("CREATE", 2L));
        assertThat(planned.groupCreates()).isEqualTo(2);
        assertThat(planned.membershipAdds()).isEqualTo(3);
        assertThat(planned.removals()).containsExactly(Map.entry("DISABLE", 1L));
        assertThat(planned(dryRun, "user")).filteredOn(item -> item.username().equals("alice")).singleElement()
                .satisfies(alice -> {
                    assertThat(alice.changedAttributes()).contains("email", "given_name");
                    assertThat(alice.addGroups()).containsExactly("admins", "staff");
                });
        assertThat(dryRun.plan().orElseThrow().toString()).as("attribute values are never reported")
                .doesNotContain("alice@x.com");
        assertThat(dryRun.counters().get(RunCounter.CREATED) + dryRun.counters().get(RunCounter.GROUPS_CREATED)
                + dryRun.counters().get(RunCounter.DISABLED)).isZero();

        SyncRun real = sync(settings, sources, groups, members);

        assertThat(real.plan().orElseThrow().summary()).isEqualTo(planned);
        assertThat(real.counters().get(RunCounter.CREATED)).isEqualTo(2);
        assertThat(real.counters().get(RunCounter.GROUPS_CREATED)).isEqualTo(2);
        assertThat(real.counters().get(RunCounter.MEMBERSHIPS_ADDED)).isEqualTo(3);
        assertThat(real.counters().get(RunCounter.DISABLED)).isEqualTo(1);
        assertThat(pool.stored("gone").enabled).isFalse();
    }

    @Test
    void groupDefinitionsAndMembershipsFollowTheSourceForOwnedUsersOnly() throws InterruptedException {
        pool.put(owned("carol", true, "given_name", "Carol"));
        pool.put(new PoolUser("dan", Map.of("given_name", "Dan"), true, "CONFIRMED"));
        pool.putGroup(new PoolGroup("admins", "Old", 1, null), "carol", "dan");
        pool.putGroup(new PoolGroup("staff", "Staff", 2, null), "carol");
        pool.putGroup(new PoolGroup("local", "Target's own", 3, null), "carol");

        SyncRun run = sync(settings(), List.of(source("carol", true, "given_name", "Carol")),
                List.of(new PoolGroup("admins", "Admins", 1, null), new PoolGroup("staff", "Staff", 2, null)),
                Map.of("admins", Set.of(), "staff", Set.of("carol")));

        assertThat(pool.groupsByName()).containsOnly(
                Map.entry("admins", new PoolGroup("admins", "Admins", 1, null)),
                Map.entry("staff", new PoolGroup("staff", "Staff", 2, null)),
                Map.entry("local", new PoolGroup("local", "Target's own", 3, null)));
        assertThat(pool.members("admins")).containsExactly("dan");
        assertThat(pool.members("staff")).containsExactly("carol");
        assertThat(pool.members("local")).containsExactly("carol");
        assertThat(run.counters().get(RunCounter.GROUPS_UPDATED)).isEqualTo(1);
        assertThat(run.counters().get(RunCounter.MEMBERSHIPS_REMOVED)).isEqualTo(1);
        assertThat(run.counters().get(RunCounter.FAILED)).isZero();
    }

    @Test
    void aGroupThatCannotBeCreatedIsRecordedAndItsMembersOtherChangesStillApply() throws InterruptedException {
        pool.failCreateGroup("admins");
        pool.put(owned("carol", true, "given_name", "Old"));

        SyncRun run = sync(settings(), List.of(
                        source("alice", true, "email", "alice@x.com", "given_name", "Alice"),
                        source("carol", true, "given_name", "Carol")),
                List.of(new PoolGroup("admins", null, null, null), new PoolGroup("staff", null, null, null)),
                Map.of("admins", Set.of("alice", "carol"), "staff", Set.of("alice")));

        assertThat(pool.groupsByName()).containsOnlyKeys("staff");
        InMemoryPool.Stored alice = pool.stored("alice");
        assertThat(alice.status).isEqualTo("CONFIRMED");
        assertThat(alice.attributes).containsEntry("email", "alice@x.com").containsEntry("given_name", "Alice");
        assertThat(pool.groupsOf("alice")).containsExactly("staff");
        assertThat(pool.stored("carol").attributes).containsEntry("given_name", "Carol");
        assertThat(pool.groupsOf("carol")).isEmpty();
        assertThat(run.snapshot().failures()).singleElement().satisfies(failure -> {
            assertThat(failure.username()).isEqualTo("admins");
            assertThat(failure.action()).isEqualTo("CREATE_GROUP");
            assertThat(failure.errorCode()).isEqualTo("InvalidParameterException");
        });
        assertThat(run.counters().get(RunCounter.CREATED)).isEqualTo(1);
        assertThat(run.counters().get(RunCounter.UPDATED)).isEqualTo(1);
        assertThat(run.counters().get(RunCounter.MEMBERSHIPS_ADDED)).isEqualTo(1);
        assertThat(run.counters().get(RunCounter.FAILED)).isEqualTo(1);
    }

    @Test
    void mirrorDisablesOwnedUsersWhoseSourceUserIsGone() throws InterruptedException {
        pool.put(owned("alice", true));
        pool.put(owned("gone", true));
        pool.put(new PoolUser("native", Map.of("given_name", "Nat"), true, "CONFIRMED"));

        SyncRun run = sync(settings("poolsync.policy", "mirror"), List.of(source("alice", true)));

        assertThat(pool.usernames()).containsExactlyInAnyOrder("alice", "gone", "native");
        assertThat(pool.stored("gone").enabled).isFalse();
        assertThat(pool.stored("alice").enabled).isTrue();
        assertThat(pool.stored("native").enabled).isTrue();
        assertThat(run.counters().get(RunCounter.DISABLED)).isEqualTo(1);
        assertThat(run.snapshot().removalsNote()).isNull();
        assertThat(run.snapshot().failures()).isEmpty();
    }

    @Test
    void mirrorDeletesOwnedUsersWhoseSourceUserIsGone() throws InterruptedException {
        pool.put(owned("alice", true));
        pool.put(owned("gone", false));
        pool.put(new PoolUser("native", Map.of("given_name", "Nat"), true, "CONFIRMED"));
        pool.putGroup(new PoolGroup("local", null, null, null), "gone", "native");

        SyncRun run = sync(settings("poolsync.policy", "mirror", "poolsync.mirror.action", "delete"),
                List.of(source("alice", true)));

        assertThat(pool.usernames()).containsExactlyInAnyOrder("alice", "native");
        assertThat(pool.members("local")).containsExactly("native");
        assertThat(run.counters().get(RunCounter.DELETED)).isEqualTo(1);
        assertThat(run.snapshot().removalsNote()).isNull();
    }

    @Test
    void noRemovalsWhenThereAreMoreThanMaxDeletes() throws InterruptedException {
        pool.put(owned("gone1", true));
        pool.put(owned("gone2", true));

        SyncRun run = sync(settings("poolsync.policy", "mirror", "poolsync.mirror.action", "delete",
                "poolsync.mirror.max-deletes", "1"), List.of(source("alice", true)));

        assertThat(pool.usernames()).containsExactlyInAnyOrder("alice", "gone1", "gone2");
        assertThat(pool.stored("gone1").enabled).isTrue();
        assertThat(pool.stored("gone2").enabled).isTrue();
        assertThat(run.counters().get(RunCounter.DELETED)).isZero();
        assertThat(run.snapshot().removalsNote()).contains("2 planned removals", "poolsync.mirror.max-deletes=1",
                "none carried out");
    }

    @Test
    void noRemovalsAfterAFailure() throws InterruptedException {
        pool.put(owned("gone", true));
        pool.failCreate("bob");

        SyncRun run = sync(settings("poolsync.policy", "mirror"), List.of(source("bob", true)));

        assertThat(pool.usernames()).containsExactly("gone");
        assertThat(pool.stored("gone").enabled).isTrue();
        assertThat(run.counters().get(RunCounter.DISABLED)).isZero();
        assertThat(run.snapshot().removalsNote()).contains("1 planned removals not carried out", "1 failures");
    }

    @Test
    void aUserThatLostItsOwnerMarkAfterPlanningIsLeftAlone() throws InterruptedException {
        pool.put(owned("gone1", true));
        pool.put(owned("gone2", true));
        SyncSettings settings = settings("poolsync.policy", "mirror", "poolsync.mirror.action", "delete");
        // Someone takes gone1 over between planning and the delete.
        pool.afterListingUsers(() -> {
            InMemoryPool.Stored taken = pool.stored("gone1");
            synchronized (taken) {
                taken.attributes.remove("custom:source_sub");
            }
        });

        SyncRun run = sync(settings, List.of());

        assertThat(planned(run, "removal")).extracting(PlanReport.Item::username)
                .containsExactlyInAnyOrder("gone1", "gone2");

        assertThat(pool.usernames()).containsExactly("gone1");
        assertThat(pool.stored("gone1").enabled).isTrue();
        assertThat(run.counters().get(RunCounter.DELETED)).isEqualTo(1);
        assertThat(run.snapshot().failures()).singleElement().satisfies(failure -> {
            assertThat(failure.username()).isEqualTo("gone1");
            assertThat(failure.action()).isEqualTo("DELETE");
            assertThat(failure.errorCode()).isEqualTo("NotOwned");
        });
    }

    @Test
    void anUpdateIsLeftAloneWhenTheUserCarriesAnotherOwnerMarkByTheTimeItIsWritten() throws InterruptedException {
        pool.put(owned("carol", true, "given_name", "Old"));
        // Someone else takes carol over between planning and the write.
        pool.afterListingUsers(() -> {
            InMemoryPool.Stored taken = pool.stored("carol");
            synchronized (taken) {
                taken.attributes.put("custom:source_sub", "someone-else");
            }
        });

        SyncRun run = sync(settings(), List.of(source("carol", false, "given_name", "New")));

        assertThat(planned(run, "user")).singleElement().extracting(PlanReport.Item::action)
                .isEqualTo(PlannedUser.Action.UPDATE.name());

        assertThat(pool.stored("carol").attributes).containsEntry("given_name", "Old");
        assertThat(pool.stored("carol").enabled).isTrue();
        assertThat(pool.updates).isEmpty();
        assertThat(run.snapshot().failures()).singleElement().satisfies(failure -> {
            assertThat(failure.action()).isEqualTo("UPDATE");
            assertThat(failure.errorCode()).isEqualTo(Applier.NOT_OWNED);
        });
    }

    @Test
    void aNativeUserIsNeverWrittenUnderAnyPolicy() throws InterruptedException {
        for (String policy : List.of("create-only", "update-only", "upsert", "mirror")) {
            InMemoryPool target = new InMemoryPool(TARGET);
            target.put(new PoolUser("admin", Map.of("email", "ops@target.example", "email_verified", "true"), true,
                    "CONFIRMED"));
            target.putGroup(new PoolGroup("admins", null, null, null), "admin");
            SyncSettings settings = settings("poolsync.policy", policy, "poolsync.mirror.action", "delete");
            InMemoryPool source = new InMemoryPool(SOURCE)
                    .put(source("admin", false, "email", "someone@source.example", "email_verified", "true"))
                    .putGroup(new PoolGroup("admins", null, null, null));
            SyncRun run = new SyncRun(SyncRun.Trigger.API, false, Clock.systemUTC());
            new SyncPass(source, target, settings, 2, new MfaRefresh.Cadence(Clock.systemUTC())).run(run, RunListener.NO_OP);

            assertThat(target.stored("admin").attributes).as(policy).containsEntry("email", "ops@target.example");
            assertThat(target.stored("admin").enabled).as(policy).isTrue();
            assertThat(target.members("admins")).as(policy).containsExactly("admin");
            assertThat(target.updates).as(policy).isEmpty();
            assertThat(target.calls).as(policy).isEmpty();
            assertThat(run.counters().get(RunCounter.CONFLICTS)).as(policy).isEqualTo(1);
        }
    }

    @Test
    void attributesTheSourceUserLostAreDeletedAndAnEmailGoesWithItsVerifiedFlag() throws InterruptedException {
        pool.put(owned("carol", true, "given_name", "Carol", "email", "carol@x.com", "email_verified", "true",
                "custom:target_only", "kept"));

        SyncRun run = sync(settings(), List.of(source("carol", true)));

        assertThat(pool.stored("carol").attributes).doesNotContainKeys("given_name", "email", "email_verified")
                .containsEntry("custom:target_only", "kept").containsEntry("custom:source_sub", "s-carol");
        assertThat(pool.calls).contains("deleteAttributes carol [email, email_verified, given_name]");
        assertThat(run.counters().get(RunCounter.UPDATED)).isEqualTo(1);
    }

    @Test
    void adoptingMarksTheNativeUserAndBringsItInLine() throws InterruptedException {
        pool.put(new PoolUser("carol", Map.of("given_name", "Old"), true, "CONFIRMED"));

        SyncRun run = sync(settings("poolsync.ownership.adopt-existing", "true"),
                List.of(source("carol", true, "given_name", "Carol")));

        assertThat(pool.stored("carol").attributes).containsEntry("custom:source_sub", "s-carol")
                .containsEntry("given_name", "Carol");
        assertThat(run.counters().get(RunCounter.ADOPTED)).isEqualTo(1);
        assertThat(run.counters().get(RunCounter.CONFLICTS)).isZero();
    }

    @Test
    void anAdoptionIsLeftAloneWhenTheUserGotAnOwnerMarkSincePlanning() throws InterruptedException {
        pool.put(new PoolUser("carol", Map.of("given_name", "Old"), true, "CONFIRMED"));
        pool.afterListingUsers(() -> {
            InMemoryPool.Stored taken = pool.stored("carol");
            synchronized (taken) {
                taken.attributes.put("custom:source_sub", "someone-else");
            }
        });

        SyncRun run = sync(settings("poolsync.ownership.adopt-existing", "true"),
                List.of(source("carol", true, "given_name", "Carol")));

        assertThat(pool.stored("carol").attributes).containsEntry("given_name", "Old")
                .containsEntry("custom:source_sub", "someone-else");
        assertThat(run.counters().get(RunCounter.ADOPTED)).isZero();
        assertThat(run.snapshot().failures()).singleElement().extracting(SyncRun.Failure::errorCode)
                .isEqualTo(Applier.NOT_OWNED);
    }

    @Test
    void aReCreatedAccountIsCreatedOnceMirrorHasDeletedTheOldCopy() throws InterruptedException {
        pool.put(owned("alice", true, "given_name", "Old"));
        PoolUser recreated = new PoolUser("alice", Map.of("sub", "s-alice-new", "given_name", "New"), true, "CONFIRMED");

        SyncRun run = sync(settings("poolsync.policy", "mirror", "poolsync.mirror.action", "delete"), List.of(recreated));

        assertThat(pool.stored("alice").attributes).containsEntry("custom:source_sub", "s-alice-new")
                .containsEntry("given_name", "New");
        List<String> calls = List.copyOf(pool.calls);
        assertThat(calls.indexOf("deleteUser alice")).isNotNegative().isLessThan(calls.indexOf("createUser alice"));
        assertThat(run.counters().get(RunCounter.DELETED)).isEqualTo(1);
        assertThat(run.counters().get(RunCounter.CREATED)).isEqualTo(1);
        assertThat(run.counters().get(RunCounter.FAILED)).isZero();
        assertThat(run.summary().removalsNote()).isNull();
    }

    @Test
    void aReCreatedAccountWhoseOldCopyIsNotDeletedIsReportedNotSkipped() throws InterruptedException {
        pool.put(owned("alice", true, "given_name", "Old"));
        PoolUser recreated = new PoolUser("alice", Map.of("sub", "s-alice-new", "given_name", "New"), true, "CONFIRMED");

        SyncRun run = sync(settings("poolsync.policy", "mirror", "poolsync.mirror.action", "delete",
                "poolsync.mirror.max-deletes", "0"), List.of(recreated));

        assertThat(pool.stored("alice").attributes).containsEntry("custom:source_sub", "s-alice");
        assertThat(run.snapshot().failures()).singleElement().satisfies(failure -> {
            assertThat(failure.sourceUsername()).isEqualTo("alice");
            assertThat(failure.errorCode()).isEqualTo("NotReplaced");
        });
        assertThat(run.summary().removalsNote()).contains("poolsync.mirror.max-deletes=0",
                "1 re-created source users were not created");
    }

    // ---- a pass of the pipeline, from a source pool in memory to the target pool in memory ----

    private SyncRun sync(SyncSettings settings, List<PoolUser> sources) throws InterruptedException {
        return sync(settings, sources, List.of(), Map.of());
    }

    private SyncRun sync(SyncSettings settings, List<PoolUser> sources, List<PoolGroup> sourceGroups,
            Map<String, Set<String>> membersByGroup) throws InterruptedException {
        return sync(settings, sources, sourceGroups, membersByGroup, false);
    }

    private SyncRun sync(SyncSettings settings, List<PoolUser> sources, List<PoolGroup> sourceGroups,
            Map<String, Set<String>> membersByGroup, boolean dryRun) throws InterruptedException {
        InMemoryPool source = new InMemoryPool(SOURCE);
        sources.forEach(source::put);
        sourceGroups.forEach(group -> source.putGroup(group,
                membersByGroup.getOrDefault(group.name(), Set.of()).toArray(String[]::new)));
        SyncRun run = new SyncRun(SyncRun.Trigger.API, dryRun, Clock.systemUTC());
        new SyncPass(source, pool, settings, 4, new MfaRefresh.Cadence(Clock.systemUTC())).run(run, RunListener.NO_OP);
        run.finish();
        return run;
    }

    private static List<PlanReport.Item> planned(SyncRun run, String kind) {
        return run.plan().orElseThrow().items().stream().filter(item -> item.kind().equals(kind)).toList();
    }

    private static PoolUser owned(String username, boolean enabled, String... keyValues) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("custom:source_sub", "s-" + username);
        for (int i = 0; i < keyValues.length; i += 2) {
            attributes.put(keyValues[i], keyValues[i + 1]);
        }
        return new PoolUser(username, attributes, enabled, "CONFIRMED");
    }

    private static SyncSettings settings(String... overrides) {
        return SyncSettings.from(TestConfig.poolsync(SOURCE.poolId(), TARGET.poolId(), overrides), SOURCE, TARGET);
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
}
