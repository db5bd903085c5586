package io.poolsync.sync;

import static io.poolsync.sync.InMemoryPass.byEmail;
import static io.poolsync.sync.InMemoryPass.contents;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
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
 * A username-based source replicated into a target that signs in by email, where Cognito generates usernames and
 * users are matched by email. Also the users such a target can't take, and two source users with one email.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmailTargetReplicationTest {

    static final int USERS = 40;

    final InMemoryPass pass = new InMemoryPass(List.of("email"), false);
    final Map<String, String> subs = new HashMap<>();

    @BeforeAll
    void seedSource() {
        for (int i = 0; i < USERS; i++) {
            subs.put("member" + i, pass.addSourceUser("member" + i, true, "email", "member" + i + "@example.com",
                    "email_verified", "true", "custom:tenant", "t" + i));
        }
        pass.addSourceUser("no-email", true, "given_name", "Nomail");
        // Cognito, as cognito-local and the in-memory pool, refuses an email-signing-in user whose email isn't an address.
        pass.addSourceUser("broken", true, "email", "not-an-address");
        // Created after member0: member0 keeps the email (the earliest UserCreateDate wins).
        pass.addSourceUser("twin", true, "email", "member0@example.com");
    }

    @Test
    @Order(1)
    void usersAreMatchedByEmailAndAUserTheTargetRefusesIsReportedWhileTheOthersSync() throws InterruptedException {
        SyncRun run = pass.run();

        assertThat(run.phase()).isEqualTo(SyncRun.Phase.DONE);
        assertThat(run.counters().get(RunCounter.CREATED)).isEqualTo(USERS);
        assertThat(run.counters().get(RunCounter.FAILED)).isEqualTo(1);
        assertThat(run.snapshot().failures()).singleElement().satisfies(failure -> {
            assertThat(failure.username()).isEqualTo("not-an-address");
            assertThat(failure.sourceUsername()).isEqualTo("broken");
            assertThat(failure.action()).isEqualTo("CREATE");
            assertThat(failure.errorCode()).isEqualTo("InvalidParameterException");
            assertThat(failure.message()).contains("Username should be an email");
        });
        assertThat(run.summary().skipReasons()).containsOnly(
                Map.entry("no email to sign in with in the target pool", 1L));
        assertThat(run.counters().get(RunCounter.CONFLICTS)).as("member0 and twin share an email: one is a conflict")
                .isEqualTo(1);

        Map<String, PoolUser> target = byEmail(pass.target);
        assertThat(target).hasSize(USERS);
        for (int i = 0; i < USERS; i++) {
            PoolUser copy = target.get("member" + i + "@example.com");
            assertThat(copy).as("member" + i).isNotNull();
            assertThat(copy.username()).as("the target generates the username").isNotEqualTo("member" + i)
                    .isEqualTo(copy.attributes().get(PoolUser.SUB));
            assertThat(copy.attributes()).containsEntry("custom:source_sub", subs.get("member" + i))
                    .containsEntry("email_verified", "true").containsEntry("custom:tenant", "t" + i);
            assertThat(copy.status()).isEqualTo(UserStatus.CONFIRMED);
        }
    }

    @Test
    @Order(2)
    void aRerunMatchesByEmailAndWritesNothing() throws InterruptedException {
        Map<String, PoolUser> before = contents(pass.target);

        SyncRun run = pass.run();

        assertThat(run.counters().get(RunCounter.CREATED) + run.counters().get(RunCounter.UPDATED)).isZero();
        assertThat(run.counters().get(RunCounter.UNCHANGED)).isEqualTo(USERS);
        assertThat(run.counters().get(RunCounter.FAILED)).as("the refused user is reported again, not forgotten")
                .isEqualTo(1);
        assertThat(run.counters().get(RunCounter.CONFLICTS)).as("and so is the conflict").isEqualTo(1);
        assertThat(contents(pass.target)).isEqualTo(before);
    }
}
