package io.poolsync.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.poolsync.events.CloudTrailEvents;

/** The CloudFormation example of event mode matches what poolsync reads and needs. */
class EventsTemplateTest {

    static final Path TEMPLATE = ApplicationSettings.REPO.resolve("deploy/cloudformation/poolsync-events.yaml");

    private final JsonNode resources = read().path("Resources");

    private static JsonNode read() {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(TEMPLATE.toFile());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theRuleMatchesExactlyTheEventsPoolsyncActsOn() {
        JsonNode pattern = resources.path("SourcePoolEventsRule").path("Properties").path("EventPattern");

        assertThat(pattern.path("source").get(0).asText()).isEqualTo(CloudTrailEvents.SOURCE);
        assertThat(pattern.path("detail-type").get(0).asText()).isEqualTo(CloudTrailEvents.DETAIL_TYPE);
        assertThat(pattern.path("detail").path("eventSource").get(0).asText()).isEqualTo(CloudTrailEvents.EVENT_SOURCE);
        assertThat(pattern.path("detail").path("eventName").findValuesAsText("eventName"))
                .as("no nested names").isEmpty();
        assertThat(texts(pattern.path("detail").path("eventName"))).containsExactlyElementsOf(CloudTrailEvents.NAMES);
        assertThat(resources.path("SourcePoolEventsRule").path("Properties").path("Targets").get(0).path("Arn")
                .path("Fn::GetAtt").get(0).asText()).isEqualTo("EventsQueue");
    }

    @Test
    void theQueueDeadLettersAndOnlyTheRuleMaySendToIt() {
        JsonNode redrive = resources.path("EventsQueue").path("Properties").path("RedrivePolicy");
        assertThat(redrive.path("deadLetterTargetArn").path("Fn::GetAtt").get(0).asText())
                .isEqualTo("EventsDeadLetterQueue");
        assertThat(redrive.path("maxReceiveCount").path("Ref").asText()).isEqualTo("MaxReceiveCount");

        JsonNode statement = resources.path("EventsQueuePolicy").path("Properties").path("PolicyDocument")
                .path("Statement").get(0);
        assertThat(statement.path("Principal").path("Service").asText()).isEqualTo("events.amazonaws.com");
        assertThat(statement.path("Action").asText()).isEqualTo("sqs:SendMessage");
        assertThat(statement.path("Condition").path("ArnEquals").path("aws:SourceArn").path("Fn::GetAtt").get(0).asText())
                .isEqualTo("SourcePoolEventsRule");
    }

    @Test
    void poolsyncGetsTheFourQueueActionsItCalls() {
        JsonNode statement = resources.path("PoolsyncEventsPolicy").path("Properties").path("PolicyDocument")
                .path("Statement").get(0);
        // EventQueue calls ReceiveMessage, DeleteMessageBatch and ChangeMessageVisibilityBatch (authorised by
        // sqs:DeleteMessage and sqs:ChangeMessageVisibility), and GetQueueAttributes.
        assertThat(texts(statement.path("Action"))).containsExactlyInAnyOrder("sqs:ReceiveMessage", "sqs:DeleteMessage",
                "sqs:GetQueueAttributes", "sqs:ChangeMessageVisibility");
        assertThat(statement.path("Resource").path("Fn::GetAtt").get(0).asText()).isEqualTo("EventsQueue");
    }

    private static java.util.List<String> texts(JsonNode array) {
        java.util.List<String> texts = new java.util.ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }
}
