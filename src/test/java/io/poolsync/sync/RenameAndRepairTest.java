package io.poolsync.sync;

import static io.poolsync.sync.InMemoryPass.byEmail;
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
import io.poolsync.model.UserStatus;

/**
 * A target that signs in by email: a source user whose email changes is followed through custom:source_sub, and a
 * user left half-created (AdminCreateUser done, AdminSetUserPassword never) is completed by the next run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RenameAndRepairTest {

    final InMemoryPass pass = new InMemoryPass(List.of("email"), false);
    String halfSub;

    @BeforeAll
    void seed() {
        pass.addSourceUser("mover", true, "email", "old@example.com", "email_verified", "true");
        halfSub = pass.addSourceUser("half", true, "email", "half@example.com", "email_verified", "true");
    }

    @Test
    @Order(1)
    void anEmailChangeInTheSourceUpdatesTheSameTargetUser() throws InterruptedException {
        pass.run();
        PoolUser before = byEmail(pass.target).get("old@example.com");
        pass.source.updateAttributes("mover", Map.of("email", "new@example.com", "email_verified", "true"));

        SyncRun run = pass.run();

        assertThat(run.counters().get(RunCounter.CREATED)).isZero();
        assertThat(run.counters().get(RunCounter.UPDATED)).isEqualTo(1);
        Map<String, PoolUser> target = byEmail(pass.target);
        assertThat(target).containsOnlyKeys("new@example.com", "half@example.com");
        PoolUser after = target.get("new@example.com");
        assertThat(after.username()).as("the same target user, not a duplicate").isEqualTo(before.username());
        assertThat(after.attributes().get(PoolUser.SUB)).isEqualTo(before.attributes().get(PoolUser.SUB));
        assertThat(after.attributes()).containsEntry("email_verified", "true");
    }

    @Test
    @Order(2)
    void aUserLeftWithoutItsPasswordByAnInterruptedCreateIsCompleted() throws InterruptedException {
        // Recreate the state a crash between AdminCreateUser and AdminSetUserPassword leaves behind.
        pass.target.deleteUser("half@example.com");
        pass.target.createUser("half@example.com", Map.of("email", "half@example.com", "email_verified", "true",
                "custom:source_sub", halfSub), List.of());
        assertThat(pass.target.stored("half@example.com").status).isEqualTo(UserStatus.FORCE_CHANGE_PASSWORD);

        SyncRun run = pass.run();

        assertThat(run.counters().get(RunCounter.PASSWORDS_REPAIRED)).isEqualTo(1);
        assertThat(pass.target.stored("half@example.com").status).isEqualTo(UserStatus.CONFIRMED);
        assertThat(pass.run().counters().get(RunCounter.PASSWORDS_REPAIRED)).as("repaired once, then left alone")
                .isZero();
    }
}
