package io.poolsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.poolsync.testing.Backend;
import io.poolsync.testing.InjectBackend;
import io.poolsync.testing.SyncApi;
import io.poolsync.testing.TestPools;
import io.poolsync.testing.TestPools.StoredUser;
import io.poolsync.testing.WithPools;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The ownership rule wired end to end against cognito-local, in a target that signs in by email: a target user poolsync
 * doesn't own, holding a source user's email, is never written, while the others are created and marked. The scenarios
 * themselves run on pools in memory (OwnershipTest, EmailTargetReplicationTest, ...).
 */
@QuarkusTest
@WithPools(args = { @ResourceArg(name = "targetSignIn", value = "email"),
                @ResourceArg(name = "poolsync.policy", value = "mirror") })
class CognitoLocalOwnershipTest {

    @InjectBackend
    Backend<TestPools> backend;

    @Test
    void aTargetUserWithTheSameEmailNotOwnedByPoolsyncIsNeverWritten() {
        TestPools pools = backend.pools();
        String source = backend.sourcePoolId();
        String target = backend.targetPoolId();
        pools.addUser(target, "shared@example.com", Map.of("email", "shared@example.com", "given_name", "Native"), true);
        pools.addUser(source, "alice", Map.of("email", "shared@example.com", "email_verified", "true",
                "given_name", "Alice"), false);
        pools.addUser(source, "bob", Map.of("email", "bob@example.com", "email_verified", "true"), true);
        StoredUser nativeBefore = pools.usersBy(target, "email").get("shared@example.com");

        JsonPath run = SyncApi.sync();

        assertThat(run.getString("phase")).isEqualTo("DONE");
        Map<String, StoredUser> copies = pools.usersBy(target, "email");
        assertThat(copies.get("shared@example.com")).as("neither updated, disabled nor marked").isEqualTo(nativeBefore);
        assertThat(copies.get("shared@example.com").attributes()).doesNotContainKey("custom:source_sub");
        assertThat(copies.get("bob@example.com").attributes()).containsEntry("custom:source_sub",
                pools.users(source).get("bob").attribute("sub"));
        assertThat(copies.get("bob@example.com").status()).isEqualTo("CONFIRMED");
        assertThat(run.getLong("counters.conflicts")).isEqualTo(1);
        assertThat(run.getLong("counters.created")).isEqualTo(1);
        assertThat(run.getLong("counters.failed")).isZero();
        List<Map<String, String>> conflicts = SyncApi.authorized().get("/sync/runs/" + run.getString("id") + "/plan")
                .then().statusCode(200).extract().jsonPath().getList("items.findAll { it.action == 'CONFLICT' }");
        assertThat(conflicts).singleElement().satisfies(item -> {
            assertThat(item).containsEntry("sourceUsername", "alice");
            assertThat(item.get("reason")).contains("not poolsync's");
        });
    }
}
