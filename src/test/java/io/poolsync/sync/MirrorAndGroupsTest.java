package io.poolsync.sync;

import static io.poolsync.sync.InMemoryPass.contents;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import io.poolsync.model.PoolGroup;
import io.poolsync.model.PoolUser;
import io.poolsync.testing.InMemoryPool;

/**
 * Groups, memberships, dry-run plans and the mirror policy. The target starts with a user and a group of its own,
 * which poolsync must never touch. (The plan's pages over the API: {@code rest/}.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MirrorAndGroupsTest {

    static final int USERS = 12;

    final InMemoryPass pass = new InMemoryPass(List.of(), true, "poolsync.policy", "mirror",
            "poolsync.mirror.max-deletes", "2", "poolsync.groups.role-arn", "map",
            "poolsync.groups.account-map", "111111111111->222222222222");
    final InMemoryPool source = pass.source;
    final InMemoryPool target = pass.target;

    @BeforeAll
    void seed() {
        for (int i = 0; i < USERS; i++) {
            pass.addSourceUser("member" + i, true, "email", "member" + i + "@example.com", "custom:plan", "p" + i);
        }
        source.putGroup(new PoolGroup("admins", "Administrators", 1, null), "member0", "member1");
        source.putGroup(new PoolGroup("staff", "Staff", 5, "arn:aws:iam::111111111111:role/staff"), "member1",
                "member2");

        pass.addNativeTargetUser("native", "email", "native@example.com");
        target.putGroup(new PoolGroup("target-only", "Belongs to the target", 9, null), "native");
    }

    @Test
    @Order(1)
    void aDryRunWritesNothingAndReportsThePlanThatARealRunThenCarriesOut() throws InterruptedException {
        Map<String, PoolUser> before = contents(target);

        SyncRun dryRun = pass.dryRun();

        assertThat(dryRun.dryRun()).isTrue();
        assertThat(target.calls).as("no write").isEmpty();
        assertThat(contents(target)).isEqualTo(before);
        assertThat(target.groupsByName()).containsOnlyKeys("target-only");
        PlanReport.Summary planned = dryRun.summary().plan();
        assertThat(planned.users()).containsEntry("CREATE", (long) USERS);
        assertThat(planned.groupCreates()).isEqualTo(2);
        assertThat(planned.membershipAdds()).isEqualTo(4);
        assertThat(dryRun.counters().get(RunCounter.CREATED) + dryRun.counters().get(RunCounter.GROUPS_CREATED))
                .isZero();

        List<PlanReport.Item> items = dryRun.plan().orElseThrow().items();
        assertThat(items).hasSize(2 + USERS);
        assertThat(items).extracting(PlanReport.Item::username).contains("admins", "staff", "member1");
        assertThat(items).filteredOn(item -> item.username().equals("member1")).singleElement().satisfies(member1 -> {
            assertThat(member1.action()).isEqualTo("CREATE");
            assertThat(member1.changedAttributes()).contains("email", "custom:plan");
            assertThat(member1.addGroups()).containsExactly("admins", "staff");
        });
        assertThat(items.toString()).as("attribute values are never reported").doesNotContain("member1@example.com");

        SyncRun real = pass.run();
        assertThat(real.summary().plan()).isEqualTo(planned);
        assertThat(real.counters().get(RunCounter.CREATED)).isEqualTo(USERS);
        assertThat(real.counters().get(RunCounter.GROUPS_CREATED)).isEqualTo(2);
        assertThat(real.counters().get(RunCounter.MEMBERSHIPS_ADDED)).isEqualTo(4);
        assertThat(real.counters().get(RunCounter.FAILED)).isZero();
    }

    @Test
    @Order(2)
    void groupsAndMembershipsAreCopiedAndTheTargetsOwnGroupIsLeftAlone() {
        Map<String, PoolGroup> groups = target.groupsByName();
        assertThat(groups).containsOnlyKeys("admins", "staff", "target-only");
        assertThat(groups.get("admins").description()).isEqualTo("Administrators");
        assertThat(groups.get("admins").precedence()).isEqualTo(1);
        assertThat(groups.get("staff").roleArn()).as("the account is mapped")
                .isEqualTo("arn:aws:iam::222222222222:role/staff");
        assertThat(target.members("admins")).containsExactlyInAnyOrder("member0", "member1");
        assertThat(target.members("staff")).containsExactlyInAnyOrder("member1", "member2");
        assertThat(target.members("target-only")).containsExactly("native");
    }

    @Test
    @Order(3)
    void membershipAndDefinitionChangesAreKeptInStep() throws InterruptedException {
        source.removeFromGroup("member1", "admins");
        source.addToGroup("member3", "staff");
        source.updateGroup(new PoolGroup("admins", "Admins, renamed", 2, null));

        SyncRun run = pass.run();

        assertThat(run.counters().get(RunCounter.MEMBERSHIPS_REMOVED)).isEqualTo(1);
        assertThat(run.counters().get(RunCounter.MEMBERSHIPS_ADDED)).isEqualTo(1);
        assertThat(run.counters().get(RunCounter.GROUPS_UPDATED)).isEqualTo(1);
        assertThat(target.members("admins")).containsExactly("member0");
        assertThat(target.members("staff")).containsExactlyInAnyOrder("member1", "member2", "member3");
        assertThat(target.groupsByName().get("admins").description()).isEqualTo("Admins, renamed");
        assertThat(target.members("target-only")).containsExactly("native");
    }

    @Test
    @Order(4)
    void mirrorDisablesAnOwnedUserWhoseSourceIsGoneAndNeverTouchesANativeOne() throws InterruptedException {
        PoolUser nativeBefore = target.findUser("native").orElseThrow();
        source.deleteUser("member4");

        SyncRun run = pass.run();

        assertThat(run.counters().get(RunCounter.DISABLED)).isEqualTo(1);
        assertThat(run.summary().removalsNote()).isNull();
        assertThat(target.stored("member4").enabled).isFalse();
        assertThat(target.findUser("native")).contains(nativeBefore);
        assertThat(contents(target).values().stream().filter(user -> !user.enabled())).hasSize(1);
    }

    @Test
    @Order(5)
    void removalsBeyondMaxDeletesAreNotCarriedOutAndTheRunSaysWhy() throws InterruptedException {
        source.deleteUser("member5");
        source.deleteUser("member6");
        source.deleteUser("member7");

        SyncRun run = pass.run();

        assertThat(run.summary().plan().removals()).containsEntry("DISABLE", 3L);
        assertThat(run.summary().removalsNote()).contains("3 planned removals")
                .contains("poolsync.mirror.max-deletes=2");
        assertThat(run.counters().get(RunCounter.DISABLED)).isZero();
        assertThat(List.of("member5", "member6", "member7"))
                .allSatisfy(name -> assertThat(target.stored(name).enabled).as(name).isTrue());
    }
}
