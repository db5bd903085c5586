package io.poolsync.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.poolsync.fake.CloudTrailEvent;
import io.poolsync.fake.FakeCognito;
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
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;

/**
 * Event mode end to end: calls on the fake source pool put their CloudTrail events on ElasticMQ, and poolsync brings
 * the target in line within seconds, without a full pass. Assertions read the target as the fake stores it.
 */
@QuarkusTest
@WithPools(cognito = Cognito.FAKE, events = true, seed = EventModePools.class, args = {
        @ResourceArg(name = "max-receives", value = "2"),
        @ResourceArg(name = "poolsync.retry.max-attempts", value = "1") })
class EventModeTest {

    private static final Duration DEADLINE = Duration.ofSeconds(20);

    @InjectBackend
    Backend<TestPools> backend;

    @io.quarkus.test.common.http.TestHTTPResource(value = "/metrics", management = true)
    java.net.URL metrics;

    @Test
    void aUserCreatedChangedAndDisabledInTheSourceFollowsInTheTarget() {
        CognitoIdentityProviderClient source = backend.fake().client();
        source.adminCreateUser(r -> r.userPoolId(backend.sourcePoolId()).username("ada").messageAction(MessageActionType.SUPPRESS)
                .userAttributes(attribute("email", "ada@example.com"), attribute("given_name", "Ada")));
        String sub = backend.fake().user(backend.sourcePoolId(), "ada").orElseThrow().sub();

        FakeUserView created = awaitTarget("ada", user -> "Ada".equals(user.attribute("given_name")), "ada created");
        assertThat(created.attribute("email")).isEqualTo("ada@example.com");
        assertThat(created.attribute("custom:source_sub")).as("poolsync owns it").isEqualTo(sub);

        source.adminUpdateUserAttributes(r -> r.userPoolId(backend.sourcePoolId()).username("ada")
                .userAttributes(attribute("given_name", "Augusta")));
        awaitTarget("ada", user -> "Augusta".equals(user.attribute("given_name")), "ada's new name");

        source.adminDisableUser(r -> r.userPoolId(backend.sourcePoolId()).username("ada"));
        awaitTarget("ada", user -> !user.enabled(), "ada disabled");
        Poll.until(DEADLINE, () -> backend.sqs().messages(backend.queues().queueUrl()), count -> count == 0,
                "every message deleted once applied");

        JsonPath events = progressEvents();
        assertThat(events.getLong("applied")).isGreaterThanOrEqualTo(3);
        assertThat(events.getDouble("lagSeconds.p99")).isNotNull();
        assertThat(events.getDouble("queueLagSeconds.p50")).isNotNull();
        String prometheus = io.restassured.RestAssured.given().get(metrics.toString()).then().statusCode(200).extract()
                .asString();
        assertThat(prometheus).contains("poolsync_events_users_total{outcome=\"applied\"}",
                "poolsync_events_lag_seconds{quantile=\"0.99\"}", "poolsync_events_queue_depth",
                "poolsync_events_drift_users_total");
    }

    @Test
    void underUpsertAUserDeletedInTheSourceStaysInTheTargetAndIsCountedAsKept() {
        CognitoIdentityProviderClient source = backend.fake().client();
        source.adminCreateUser(r -> r.userPoolId(backend.sourcePoolId()).username("kim").messageAction(MessageActionType.SUPPRESS)
                .userAttributes(attribute("email", "kim@example.com")));
        awaitTarget("kim", FakeUserView::enabled, "kim created");
        long keptBefore = progressEvents().getLong("kept");

        source.adminDeleteUser(r -> r.userPoolId(backend.sourcePoolId()).username("kim"));

        Poll.until(DEADLINE, () -> progressEvents().getLong("kept"), kept -> kept == keptBefore + 1,
                "the deletion counted as kept");
        assertThat(backend.fake().user(backend.targetPoolId(), "kim")).as("upsert keeps it")
                .hasValueSatisfying(kim -> assertThat(kim.enabled()).isTrue());
    }

    @Test
    void aBurstOfChangesToOneUserIsReadOnce() {
        backend.fake().seedUser(backend.sourcePoolId(), "bea", Map.of("email", "bea@example.com"), true,
                UserStatusType.CONFIRMED);
        long coalescedBefore = progressEvents().getLong("coalesced");
        CognitoIdentityProviderClient source = backend.fake().client();
        for (String name : List.of("B", "Be", "Bea")) {
            source.adminUpdateUserAttributes(r -> r.userPoolId(backend.sourcePoolId()).username("bea")
                    .userAttributes(attribute("given_name", name)));
        }
        awaitTarget("bea", user -> "Bea".equals(user.attribute("given_name")), "bea's last name");
        Poll.until(DEADLINE, () -> progressEvents().getLong("coalesced"), coalesced -> coalesced > coalescedBefore,
                "the burst coalesced");
    }

    @Test
    void eventsOfAnotherPoolAreIgnored() {
        FakeCognito fake = backend.fake();
        String other = fake.seedPool("other", "tenant");
        long before = progressEvents().getLong("otherPool");
        fake.client().adminCreateUser(r -> r.userPoolId(other).username("eve").messageAction(MessageActionType.SUPPRESS)
                .userAttributes(attribute("email", "eve@example.com")));

        Poll.until(DEADLINE, () -> progressEvents().getLong("otherPool"), count -> count > before,
                "the other pool's event counted");
        assertThat(fake.user(backend.targetPoolId(), "eve")).isEmpty();
    }

    @Test
    void malformedAndUnknownMessagesAreCountedAndDeleted() {
        backend.sqs().send(backend.queues().queueUrl(), "not json at all");
        backend.sqs().send(backend.queues().queueUrl(), "{\"detail-type\":\"Scheduled Event\",\"source\":\"aws.events\"}");
        backend.sqs().send(backend.queues().queueUrl(), CloudTrailEvent.of("AdminSetUserMFAPreference",
                backend.sourcePoolId(), "0b5c6f0e-0000-4000-8000-000000000000", ElasticMq.REGION, java.time.Instant.now()));

        JsonPath events = Poll.until(DEADLINE, this::progressEvents,
                e -> e.getMap("malformed").size() >= 2 && !e.getMap("ignored").isEmpty(), "the messages counted");
        assertThat(events.getMap("malformed")).containsKeys("not JSON",
                "detail-type is not 'AWS API Call via CloudTrail'");
        assertThat(events.getMap("ignored")).containsKey("event AdminSetUserMFAPreference changes no user");
        Poll.until(DEADLINE, () -> backend.sqs().messages(backend.queues().queueUrl()), count -> count == 0,
                "the messages deleted");
    }

    @Test
    void aMessageWhoseWriteKeepsFailingGoesToTheDeadLetterQueue() {
        FakeCognito fake = backend.fake();
        String sub = "5f1e2d3c-0000-4000-8000-00000000dead";
        fake.seedUser(backend.sourcePoolId(), "dora", Map.of("sub", sub, "email", "dora@example.com"), true,
                UserStatusType.CONFIRMED);
        // Earlier tests' messages must not meet the faults: the target converges on the first of a burst's messages,
        // so the last of them may still be on the queue.
        Poll.until(DEADLINE, () -> backend.sqs().messages(backend.queues().queueUrl()), count -> count == 0,
                "the queue empty before the faults");
        long failedBefore = progressEvents().getLong("failed");
        fake.faultRate(1.0);
        try {
            backend.sqs().send(backend.queues().queueUrl(), CloudTrailEvent.of("AdminUpdateUserAttributes",
                    backend.sourcePoolId(), sub, ElasticMq.REGION, java.time.Instant.now()));
            // maxReceiveCount is 2: two failed attempts, then SQS moves the message on its next receive.
            List<String> dead = new java.util.ArrayList<>();
            Poll.until(DEADLINE, () -> {
                backend.sqs().drain(backend.queues().deadLetterQueueUrl()).forEach(message -> dead.add(message.body()));
                return dead;
            }, bodies -> bodies.stream().anyMatch(body -> body.contains(sub)), "the message in the dead-letter queue");
        } finally {
            fake.faultRate(0);
        }
        assertThat(progressEvents().getLong("failed") - failedBefore).isEqualTo(2);
        assertThat(fake.user(backend.targetPoolId(), "dora")).isEmpty();
    }

    @Test
    void aFullPassCountsTheUsersTheEventsMissed() {
        // Seeded straight into the fake: no call, no event.
        backend.fake().seedUser(backend.sourcePoolId(), "finn", Map.of("email", "finn@example.com"), true,
                UserStatusType.CONFIRMED);
        long driftBefore = progressEvents().getLong("driftUsers");
        SyncApi.sync();
        assertThat(backend.fake().user(backend.targetPoolId(), "finn")).isPresent();
        assertThat(progressEvents().getLong("driftUsers")).isGreaterThan(driftBefore);
    }

    private FakeUserView awaitTarget(String username, java.util.function.Predicate<FakeUserView> done, String what) {
        return Poll.until(DEADLINE, () -> backend.fake().user(backend.targetPoolId(), username),
                user -> user.isPresent() && done.test(user.get()), what).orElseThrow();
    }

    private JsonPath progressEvents() {
        return new JsonPath(SyncApi.authorized().get("/progress").then().statusCode(200).extract().asString())
                .setRootPath("events");
    }

    private static AttributeType attribute(String name, String value) {
        return AttributeType.builder().name(name).value(value).build();
    }

}
