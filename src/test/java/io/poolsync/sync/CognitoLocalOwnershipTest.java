package io.poolsync.sync;

import static io.poolsync.sync.InMemoryPass.planItems;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import io.poolsync.testing.EmptyPools;
import io.poolsync.testing.TestPools;
import io.poolsync.testing.TestPools.StoredUser;

/**
 * The ownership rule end to end against cognito-local, through poolsync's gateways ({@link GatewayPass}), in a target
 * that signs in by email: a target user poolsync doesn't own, holding a source user's email, is never written, while the
 * others are created and marked. The scenarios themselves run on pools in memory (OwnershipTest,
 * EmailTargetReplicationTest, ...); the daemon's wiring of the pass is ReplicationTest's.
 */
class CognitoLocalOwnershipTest {

    @AutoClose
    final GatewayPass<TestPools> poolsync = GatewayPass.onCognitoLocal(new EmptyPools(), "targetSignIn", "email",
            "poolsync.policy", "mirror");

    @Test
    void aTargetUserWithTheSameEmailNotOwnedByPoolsyncIsNeverWritten() throws InterruptedException {
        TestPools pools = poolsync.pools();
        String source = poolsync.sourcePoolId();
        String target = poolsync.targetPoolId();
        pools.addUser(target, "shared@example.com", Map.of("email", "shared@example.com", "given_name", "Native"), true);
        pools.addUser(source, "alice", Map.of("email", "shared@example.com", "email_verified", "true",
                "given_name", "Alice"), false);
        pools.addUser(source, "bob", Map.of("email", "bob@example.com", "email_verified", "true"), true);
        StoredUser nativeBefore = pools.usersBy(target, "email").get("shared@example.com");

        SyncRun run = poolsync.run();

        assertThat(run.phase()).as("%s", run.snapshot()).isEqualTo(SyncRun.Phase.DONE);
        Map<String, StoredUser> copies = pools.usersBy(target, "email");
        assertThat(copies.get("shared@example.com")).as("neither updated, disabled nor marked").isEqualTo(nativeBefore);
        assertThat(copies.get("shared@example.com").attributes()).doesNotContainKey("custom:source_sub");
        assertThat(copies.get("bob@example.com").attributes()).containsEntry("custom:source_sub",
                pools.users(source).get("bob").attribute("sub"));
        assertThat(copies.get("bob@example.com").status()).isEqualTo("CONFIRMED");
        assertThat(run.counters().get(RunCounter.CONFLICTS)).isEqualTo(1);
        assertThat(run.counters().get(RunCounter.CREATED)).isEqualTo(1);
        assertThat(run.counters().get(RunCounter.FAILED)).isZero();
        assertThat(planItems(run, "CONFLICT")).singleElement().satisfies(item -> {
            assertThat(item.sourceUsername()).isEqualTo("alice");
            assertThat(item.reason()).contains("not poolsync's");
        });
    }
}
