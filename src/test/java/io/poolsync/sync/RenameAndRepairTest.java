package io.poolsync.sync;

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
import io.poolsync.testing.TestPools.StoredUser;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;

/**
 * A target that signs in by email: a source user whose email changes is followed through custom:source_sub, and a
 * user left half-created (AdminCreateUser done, AdminSetUserPassword never) is completed by the next run.
 */
@QuarkusTest
@QuarkusTestResource(value = CognitoLocalResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "targetSignIn", value = "email"))
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RenameAndRepairTest {

    @InjectBackend
    Backend backend;

    @BeforeAll
    void seed() {
        backend.pools().addUser(backend.sourcePoolId(), "mover", Map.of("email", "old@example.com", "email_verified", "true"), true);
        backend.pools().addUser(backend.sourcePoolId(), "half", Map.of("email", "half@example.com", "email_verified", "true"), true);
    }

    @Test
    @Order(1)
    void anEmailChangeInTheSourceUpdatesTheSameTargetUser() {
        SyncApi.sync();
        StoredUser before = backend.pools().usersBy(backend.targetPoolId(), "email").get("old@example.com");
        backend.pools().updateAttributes(backend.sourcePoolId(), "mover", Map.of("email", "new@example.com", "email_verified", "true"));

        JsonPath run = SyncApi.sync();

        assertThat(run.getLong("counters.created")).isZero();
        assertThat(run.getLong("counters.updated")).isEqualTo(1);
        Map<String, StoredUser> target = backend.pools().usersBy(backend.targetPoolId(), "email");
        assertThat(target).containsOnlyKeys("new@example.com", "half@example.com");
        StoredUser after = target.get("new@example.com");
        assertThat(after.username()).as("the same target user, not a duplicate").isEqualTo(before.username());
        assertThat(after.attribute("sub")).isEqualTo(before.attribute("sub"));
        assertThat(after.attribute("email_verified")).isEqualTo("true");
    }

    @Test
    @Order(2)
    void aUserLeftWithoutItsPasswordByAnInterruptedCreateIsCompleted() {
        String target = backend.targetPoolId();
        StoredUser half = backend.pools().usersBy(target, "email").get("half@example.com");
        String sourceSub = backend.pools().users(backend.sourcePoolId()).get("half").attribute("sub");
        // Recreate the state a crash between AdminCreateUser and AdminSetUserPassword leaves behind.
        backend.pools().delete(target, half.username());
        backend.pools().client().adminCreateUser(r -> r.userPoolId(target).username("half@example.com")
                .messageAction(MessageActionType.SUPPRESS).userAttributes(List.of(
                        AttributeType.builder().name("email").value("half@example.com").build(),
                        AttributeType.builder().name("email_verified").value("true").build(),
                        AttributeType.builder().name("custom:source_sub").value(sourceSub).build())));
        assertThat(backend.pools().usersBy(target, "email").get("half@example.com").status()).isEqualTo("FORCE_CHANGE_PASSWORD");

        JsonPath run = SyncApi.sync();

        assertThat(run.getLong("counters.passwordsRepaired")).isEqualTo(1);
        assertThat(backend.pools().usersBy(target, "email").get("half@example.com").status()).isEqualTo("CONFIRMED");
        assertThat(SyncApi.sync().getLong("counters.passwordsRepaired")).as("repaired once, then left alone").isZero();
    }
}
