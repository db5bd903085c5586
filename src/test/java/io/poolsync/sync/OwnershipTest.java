package io.poolsync.sync;

import static io.poolsync.testing.SyncApi.authorized;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
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
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserType;

/**
 * The collisions of a real cutover against cognito-local, in a target whose usernames are case-insensitive, under
 * mirror with delete: a native admin with a source user's username, case-only duplicates in the source, a source user
 * deleted and re-created, attributes removed in the source.
 */
@QuarkusTest
@QuarkusTestResource(value = CognitoLocalResource.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "targetCaseSensitive", value = "false"),
        @ResourceArg(name = "poolsync.policy", value = "mirror"),
        @ResourceArg(name = "poolsync.mirror.action", value = "delete") })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OwnershipTest {

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
        pools.addUser(target, "admin", Map.of("email", "ops@target.example", "email_verified", "true"), true);

        pools.addUser(source, "Admin", Map.of("email", "someone@source.example", "email_verified", "true"), false);
        pools.addUser(source, "alice", Map.of("given_name", "lower"), true);
        pools.addUser(source, "Alice", Map.of("given_name", "Upper"), true);
        pools.addUser(source, "carol", Map.of("given_name", "Carol", "family_name", "Jones", "phone_number", "+15550001",
                "phone_number_verified", "true", "email", "carol@example.com", "email_verified", "true"), true);
        pools.addUser(source, "dave", Map.of("given_name", "Old Dave"), true);
    }

    @Test
    @Order(1)
    void aNativeUserIsNeverWrittenAndCaseOnlyDuplicatesResolveByTheStableRule() {
        JsonPath run = SyncApi.sync();

        assertThat(run.getString("phase")).isEqualTo("DONE");
        StoredUser admin = pools.users(target).get("admin");
        assertThat(admin.attributes()).containsEntry("email", "ops@target.example")
                .doesNotContainKey("custom:source_sub");
        assertThat(admin.enabled()).as("the target's own admin is not disabled").isTrue();

        // Of Alice and alice, the earliest UserCreateDate wins, then the smallest sub.
        UserType winner = pools.listed(source).values().stream()
                .filter(user -> user.username().equalsIgnoreCase("alice"))
                .min(Comparator.comparing(UserType::userCreateDate).thenComparing(OwnershipTest::sub)).orElseThrow();
        Map<String, StoredUser> copies = pools.users(target);
        assertThat(copies.keySet().stream().filter(name -> name.equalsIgnoreCase("alice")))
                .containsExactly(winner.username());
        assertThat(copies.get(winner.username()).attributes()).containsEntry("custom:source_sub", sub(winner));

        assertThat(run.getLong("counters.conflicts")).isEqualTo(2);
        assertThat(run.getLong("counters.created")).isEqualTo(3);
        List<Map<String, Object>> conflicts = plan(run.getString("id")).stream()
                .filter(item -> "CONFLICT".equals(item.get("action"))).toList();
        assertThat(conflicts).anySatisfy(item -> {
            assertThat(item).containsEntry("username", "admin").containsEntry("sourceUsername", "Admin");
            assertThat((String) item.get("reason")).contains("not poolsync's");
        }).anySatisfy(item -> assertThat((String) item.get("reason")).contains("another source user has the same"));
    }

    @Test
    @Order(2)
    void removedAttributesAreDeletedAndAReCreatedAccountReplacesItsOldCopy() {
        pools.deleteAttributes(source, "carol", "given_name", "family_name", "phone_number");
        String oldDaveSub = pools.users(target).get("dave").attribute("custom:source_sub");
        pools.delete(source, "dave");
        pools.addUser(source, "dave", Map.of("given_name", "New Dave"), true);
        String newDaveSub = pools.users(source).get("dave").attribute("sub");

        JsonPath run = SyncApi.sync();

        assertThat(run.getString("phase")).isEqualTo("DONE");
        StoredUser carol = pools.users(target).get("carol");
        assertThat(carol.attributes()).doesNotContainKeys("given_name", "family_name", "phone_number",
                "phone_number_verified").containsEntry("email", "carol@example.com")
                .containsEntry("email_verified", "true");
        StoredUser dave = pools.users(target).get("dave");
        assertThat(newDaveSub).isNotEqualTo(oldDaveSub);
        assertThat(dave.attributes()).containsEntry("custom:source_sub", newDaveSub)
                .containsEntry("given_name", "New Dave");
        assertThat(run.getLong("counters.deleted")).isEqualTo(1);
        assertThat(run.getLong("counters.created")).isEqualTo(1);
        assertThat(run.getLong("counters.failed")).isZero();
        assertThat(run.getString("removalsNote")).isNull();
        assertThat(pools.users(target).get("admin").enabled()).isTrue();
    }

    @Test
    @Order(3)
    void aRerunWritesNothingAndStillReportsTheConflicts() {
        Map<String, StoredUser> before = pools.users(target);

        JsonPath run = SyncApi.sync();

        assertThat(run.getLong("counters.created") + run.getLong("counters.updated") + run.getLong("counters.deleted"))
                .isZero();
        assertThat(run.getLong("counters.conflicts")).isEqualTo(2);
        assertThat(pools.users(target)).isEqualTo(before);
    }

    private static List<Map<String, Object>> plan(String runId) {
        return authorized().queryParam("size", "1000").get("/sync/runs/" + runId + "/plan").then().statusCode(200)
                .extract().jsonPath().getList("items");
    }

    private static String sub(UserType user) {
        return user.attributes().stream().filter(attribute -> attribute.name().equals("sub"))
                .map(AttributeType::value).findFirst().orElseThrow();
    }
}
