package io.poolsync.sync;

import static io.poolsync.testing.SyncApi.authorized;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import io.poolsync.testing.CognitoLocalResource;
import io.poolsync.testing.CognitoLocalResource.Backend;
import io.poolsync.testing.CognitoLocalResource.InjectBackend;
import io.poolsync.testing.SyncApi;
import io.poolsync.testing.TestPools;
import io.poolsync.testing.TestPools.StoredUser;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GroupType;

/**
 * Groups, memberships, dry-run plans and the mirror policy against cognito-local. The target starts with a user and a
 * group of its own, which poolsync must never touch.
 */
@QuarkusTest
@QuarkusTestResource(value = CognitoLocalResource.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "poolsync.policy", value = "mirror"),
        @ResourceArg(name = "poolsync.mirror.max-deletes", value = "2"),
        @ResourceArg(name = "poolsync.groups.role-arn", value = "map"),
        @ResourceArg(name = "poolsync.groups.account-map", value = "111111111111->222222222222") })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MirrorAndGroupsTest {

    static final int USERS = 12;

    @InjectBackend
    Backend backend;
    TestPools pools;
    String source;
    String target;

    @BeforeAll
    void seed() {
        pools = backend.pools();
        source = backend.sourcePoolId();
        target = backend.targetPoolId();
        for (int i = 0; i < USERS; i++) {
            pools.addUser(source, "member" + i, Map.of("email", "member" + i + "@example.com", "custom:plan", "p" + i), true);
        }
        pools.createGroup(source, "admins", "Administrators", 1, null);
        pools.createGroup(source, "staff", "Staff", 5, "arn:aws:iam::111111111111:role/staff");
        pools.addToGroup(source, "member0", "admins");
        pools.addToGroup(source, "member1", "admins");
        pools.addToGroup(source, "member1", "staff");
        pools.addToGroup(source, "member2", "staff");

        pools.addUser(target, "native", Map.of("email", "native@example.com"), true);
        pools.createGroup(target, "target-only", "Belongs to the target", 9, null);
        pools.addToGroup(target, "native", "target-only");
    }

    @Test
    @Order(1)
    void aDryRunWritesNothingAndReportsThePlanThatARealRunThenCarriesOut() {
        byte[] before = backend.cognito().poolFileBytes(target);
        String dryRunId = authorized().queryParam("dryRun", "true").post("/sync").then().statusCode(202).extract().path("id");
        JsonPath dryRun = SyncApi.awaitFinished(dryRunId);

        assertThat(dryRun.getBoolean("dryRun")).isTrue();
        assertThat(backend.cognito().poolFileBytes(target)).as("the target, byte for byte").isEqualTo(before);
        Map<String, Object> planned = dryRun.getMap("plan");
        assertThat(dryRun.getMap("plan.users")).containsEntry("CREATE", USERS);
        assertThat(dryRun.getInt("plan.groupCreates")).isEqualTo(2);
        assertThat(dryRun.getInt("plan.membershipAdds")).isEqualTo(4);
        assertThat(dryRun.getLong("counters.created") + dryRun.getLong("counters.groupsCreated")).isZero();

        JsonPath page = authorized().queryParam("page", "1").queryParam("size", "5").get("/sync/runs/" + dryRunId + "/plan")
                .then().statusCode(200).extract().jsonPath();
        assertThat(page.getInt("totalItems")).isEqualTo(2 + USERS);
        assertThat(page.getList("items")).hasSize(5);
        JsonPath all = authorized().queryParam("size", "100").get("/sync/runs/" + dryRunId + "/plan").then().statusCode(200)
                .extract().jsonPath();
        assertThat(all.getList("items.username")).contains("admins", "staff", "member1");
        Map<String, Object> member1 = all.getMap("items.find { it.username == 'member1' }");
        assertThat(member1).containsEntry("action", "CREATE");
        assertThat((List<String>) member1.get("changedAttributes")).contains("email", "custom:plan");
        assertThat((List<String>) member1.get("addGroups")).containsExactly("admins", "staff");
        assertThat(all.prettify()).as("attribute values are never returned").doesNotContain("member1@example.com");
        authorized().queryParam("page", "x").get("/sync/runs/" + dryRunId + "/plan").then().statusCode(400);

        JsonPath real = SyncApi.sync();
        assertThat(real.getMap("plan")).isEqualTo(planned);
        assertThat(real.getLong("counters.created")).isEqualTo(USERS);
        assertThat(real.getLong("counters.groupsCreated")).isEqualTo(2);
        assertThat(real.getLong("counters.membershipsAdded")).isEqualTo(4);
        assertThat(real.getLong("counters.failed")).isZero();
    }

    @Test
    @Order(2)
    void groupsAndMembershipsAreCopiedAndTheTargetsOwnGroupIsLeftAlone() {
        Map<String, GroupType> groups = pools.groups(target);
        assertThat(groups).containsOnlyKeys("admins", "staff", "target-only");
        assertThat(groups.get("admins").description()).isEqualTo("Administrators");
        assertThat(groups.get("admins").precedence()).isEqualTo(1);
        assertThat(groups.get("staff").roleArn()).as("the account is mapped").isEqualTo("arn:aws:iam::222222222222:role/staff");
        assertThat(pools.members(target, "admins")).containsExactlyInAnyOrder("member0", "member1");
        assertThat(pools.members(target, "staff")).containsExactlyInAnyOrder("member1", "member2");
        assertThat(pools.members(target, "target-only")).containsExactly("native");
    }

    @Test
    @Order(3)
    void membershipAndDefinitionChangesAreKeptInStep() {
        pools.removeFromGroup(source, "member1", "admins");
        pools.addToGroup(source, "member3", "staff");
        backend.pools().client().updateGroup(r -> r.userPoolId(source).groupName("admins").description("Admins, renamed").precedence(2));

        JsonPath run = SyncApi.sync();

        assertThat(run.getLong("counters.membershipsRemoved")).isEqualTo(1);
        assertThat(run.getLong("counters.membershipsAdded")).isEqualTo(1);
        assertThat(run.getLong("counters.groupsUpdated")).isEqualTo(1);
        assertThat(pools.members(target, "admins")).containsExactly("member0");
        assertThat(pools.members(target, "staff")).containsExactlyInAnyOrder("member1", "member2", "member3");
        assertThat(pools.groups(target).get("admins").description()).isEqualTo("Admins, renamed");
        assertThat(pools.members(target, "target-only")).containsExactly("native");
    }

    @Test
    @Order(4)
    void mirrorDisablesAnOwnedUserWhoseSourceIsGoneAndNeverTouchesANativeOne() {
        StoredUser nativeBefore = pools.users(target).get("native");
        pools.delete(source, "member4");

        JsonPath run = SyncApi.sync();

        assertThat(run.getLong("counters.disabled")).isEqualTo(1);
        assertThat(run.getString("removalsNote")).isNull();
        Map<String, StoredUser> users = pools.users(target);
        assertThat(users.get("member4").enabled()).isFalse();
        assertThat(users.get("native")).isEqualTo(nativeBefore);
        assertThat(users.values().stream().filter(user -> !user.enabled())).hasSize(1);
    }

    @Test
    @Order(5)
    void removalsBeyondMaxDeletesAreNotCarriedOutAndTheRunSaysWhy() {
        pools.delete(source, "member5");
        pools.delete(source, "member6");
        pools.delete(source, "member7");

        JsonPath run = SyncApi.sync();

        assertThat(run.getMap("plan.removals")).containsEntry("DISABLE", 3);
        assertThat(run.getString("removalsNote")).contains("3 planned removals").contains("poolsync.mirror.max-deletes=2");
        assertThat(run.getLong("counters.disabled")).isZero();
        Map<String, StoredUser> users = pools.users(target);
        assertThat(List.of("member5", "member6", "member7")).allSatisfy(name -> assertThat(users.get(name).enabled()).isTrue());
    }
}
