package io.poolsync.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import io.poolsync.fake.FakeUserView;
import io.poolsync.testing.Backend;
import io.poolsync.testing.InjectBackend;
import io.poolsync.testing.Poll;
import io.poolsync.testing.SyncApi;
import io.poolsync.testing.TestPools;
import io.poolsync.testing.WithPools;
import io.poolsync.testing.WithPools.Cognito;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;

/**
 * Event mode under mirror: a source user's deletion (AdminDeleteUser's CloudTrail event, which names the user by its
 * sub only) removes its target copy at once, with poolsync.mirror.action, and never a target user poolsync does not
 * own. Assertions read the target as the fake stores it.
 */
@QuarkusTest
@WithPools(cognito = Cognito.FAKE, events = true, seed = EventModePools.class, args = {
        @ResourceArg(name = "poolsync.policy", value = "mirror"),
        @ResourceArg(name = "poolsync.mirror.action", value = "disable") })
class EventModeMirrorTest {

    private static final Duration DEADLINE = Duration.ofSeconds(20);

    @InjectBackend
    Backend<TestPools> backend;

    @Test
    void aUserDeletedInTheSourceIsDisabledInTheTarget() {
        CognitoIdentityProviderClient source = backend.fake().client();
        create(source, "ida");
        awaitTarget("ida", FakeUserView::enabled, "ida created");
        long removedBefore = progressEvents().getLong("removed");

        source.adminDeleteUser(r -> r.userPoolId(backend.sourcePoolId()).username("ida"));

        awaitTarget("ida", user -> !user.enabled(), "ida disabled (poolsync.mirror.action=disable)");
        Poll.until(DEADLINE, () -> progressEvents().getLong("removed"), removed -> removed == removedBefore + 1,
                "the removal counted");
        assertThat(backend.fake().user(backend.sourcePoolId(), "ida")).isEmpty();
    }

    @Test
    void aTargetUserPoolsyncNoLongerOwnsIsLeftAloneWhenItsSourceUserIsDeleted() {
        CognitoIdentityProviderClient client = backend.fake().client();
        create(client, "jon");
        awaitTarget("jon", FakeUserView::enabled, "jon created");
        // The target's administrators take the user over: it no longer carries poolsync's owner mark.
        client.adminDeleteUserAttributes(r -> r.userPoolId(backend.targetPoolId()).username("jon")
                .userAttributeNames("custom:source_sub"));
        long unchangedBefore = progressEvents().getLong("unchanged");
        long removedBefore = progressEvents().getLong("removed");

        client.adminDeleteUser(r -> r.userPoolId(backend.sourcePoolId()).username("jon"));

        Poll.until(DEADLINE, () -> progressEvents().getLong("unchanged"), unchanged -> unchanged > unchangedBefore,
                "jon's deletion event handled");
        Poll.until(DEADLINE, () -> backend.sqs().messages(backend.queues().queueUrl()), count -> count == 0,
                "every message deleted");
        FakeUserView jon = backend.fake().user(backend.targetPoolId(), "jon").orElseThrow();
        assertThat(jon.enabled()).as("not poolsync's any more: left alone").isTrue();
        assertThat(progressEvents().getLong("removed")).isEqualTo(removedBefore);
    }

    private void create(CognitoIdentityProviderClient source, String username) {
        source.adminCreateUser(r -> r.userPoolId(backend.sourcePoolId()).username(username)
                .messageAction(MessageActionType.SUPPRESS)
                .userAttributes(AttributeType.builder().name("email").value(username + "@example.com").build()));
    }

    private FakeUserView awaitTarget(String username, Predicate<FakeUserView> done, String what) {
        return Poll.until(DEADLINE, () -> backend.fake().user(backend.targetPoolId(), username),
                user -> user.isPresent() && done.test(user.get()), what).orElseThrow();
    }

    private JsonPath progressEvents() {
        return new JsonPath(SyncApi.authorized().get("/progress").then().statusCode(200).extract().asString())
                .setRootPath("events");
    }
}
