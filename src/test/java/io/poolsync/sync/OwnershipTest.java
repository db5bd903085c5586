package io.poolsync.sync;

import static io.poolsync.sync.InMemoryPass.contents;
import static io.poolsync.sync.InMemoryPass.planItems;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import io.poolsync.model.PoolUser;
import io.poolsync.testing.InMemoryPool;

/**
 * The collisions of a real cutover, in a target whose usernames are case-insensitive, under mirror with delete: a
 * native admin with a source user's username, case-only duplicates in the source, a source user deleted and
 * re-created, attributes removed in the source. cognito-local ignores case-insensitivity
 * ({@code contract/CognitoLocalGatewayContractTest}); {@code CognitoLocalOwnershipTest} runs a collision there.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OwnershipTest {

    final InMemoryPass pass = new InMemoryPass(List.of(), false, "poolsync.policy", "mirror",
            "poolsync.mirror.action", "delete");
    final InMemoryPool target = pass.target;
    String aliceSub;
    String carolSub;

    @BeforeAll
    void seed() {
        pass.addNativeTargetUser("admin", "email", "ops@target.example", "email_verified", "true");

        pass.addSourceUser("Admin", false, "email", "someone@source.example", "email_verified", "true");
        // Created first, so of alice and Alice it wins (the earliest UserCreateDate).
        aliceSub = pass.addSourceUser("alice", true, "given_name", "lower");
        pass.addSourceUser("Alice", true, "given_name", "Upper");
        carolSub = pass.addSourceUser("carol", true, "given_name", "Carol", "family_name", "Jones", "phone_number",
                "+15550001", "phone_number_verified", "true", "email", "carol@example.com", "email_verified", "true");
        pass.addSourceUser("dave", true, "given_name", "Old Dave");
    }

    @Test
    @Order(1)
    void aNativeUserIsNeverWrittenAndCaseOnlyDuplicatesResolveByTheStableRule() throws InterruptedException {
        SyncRun run = pass.run();

        assertThat(run.phase()).isEqualTo(SyncRun.Phase.DONE);
        PoolUser admin = target.findUser("admin").orElseThrow();
        assertThat(admin.attributes()).containsEntry("email", "ops@target.example")
                .doesNotContainKey("custom:source_sub");
        assertThat(admin.enabled()).as("the target's own admin is not disabled").isTrue();

        assertThat(target.usernames().stream().filter(name -> name.equalsIgnoreCase("alice"))).containsExactly("alice");
        assertThat(target.stored("alice").attributes).containsEntry("custom:source_sub", aliceSub)
                .containsEntry("given_name", "lower");
        assertThat(target.stored("carol").attributes).containsEntry("custom:source_sub", carolSub);

        assertThat(run.counters().get(RunCounter.CONFLICTS)).isEqualTo(2);
        assertThat(run.counters().get(RunCounter.CREATED)).isEqualTo(3);
        assertThat(planItems(run, "CONFLICT")).anySatisfy(item -> {
            assertThat(item.username()).isEqualTo("admin");
            assertThat(item.sourceUsername()).isEqualTo("Admin");
            assertThat(item.reason()).contains("not poolsync's");
        }).anySatisfy(item -> {
            assertThat(item.sourceUsername()).isEqualTo("Alice");
            assertThat(item.reason()).contains("another source user has the same");
        });
    }

    @Test
    @Order(2)
    void removedAttributesAreDeletedAndAReCreatedAccountReplacesItsOldCopy() throws InterruptedException {
        pass.source.deleteAttributes("carol", List.of("given_name", "family_name", "phone_number"));
        String oldDaveSub = target.stored("dave").attributes.get("custom:source_sub");
        pass.source.deleteUser("dave");
        String newDaveSub = pass.addSourceUser("dave", true, "given_name", "New Dave");

        SyncRun run = pass.run();

        assertThat(run.phase()).isEqualTo(SyncRun.Phase.DONE);
        assertThat(target.stored("carol").attributes).doesNotContainKeys("given_name", "family_name", "phone_number",
                "phone_number_verified").containsEntry("email", "carol@example.com")
                .containsEntry("email_verified", "true");
        assertThat(newDaveSub).isNotEqualTo(oldDaveSub);
        assertThat(target.stored("dave").attributes).containsEntry("custom:source_sub", newDaveSub)
                .containsEntry("given_name", "New Dave");
        assertThat(run.counters().get(RunCounter.DELETED)).isEqualTo(1);
        assertThat(run.counters().get(RunCounter.CREATED)).isEqualTo(1);
        assertThat(run.counters().get(RunCounter.FAILED)).isZero();
        assertThat(run.summary().removalsNote()).isNull();
        assertThat(target.stored("admin").enabled).isTrue();
    }

    @Test
    @Order(3)
    void aRerunWritesNothingAndStillReportsTheConflicts() throws InterruptedException {
        Map<String, PoolUser> before = contents(target);

        SyncRun run = pass.run();

        assertThat(run.counters().get(RunCounter.CREATED) + run.counters().get(RunCounter.UPDATED)
                + run.counters().get(RunCounter.DELETED)).isZero();
        assertThat(run.counters().get(RunCounter.CONFLICTS)).isEqualTo(2);
        assertThat(contents(target)).isEqualTo(before);
    }
}
