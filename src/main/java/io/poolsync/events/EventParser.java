package io.poolsync.events;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads one SQS message body: an EventBridge event whose {@code detail} is a CloudTrail record. Pure: no I/O, no clock.
 *
 * <p>The envelope ("AWS service events delivered via AWS CloudTrail", EventBridge User Guide): {@code source}
 * {@code aws.cognito-idp}, {@code detail-type} "AWS API Call via CloudTrail", {@code detail} the CloudTrail record. The
 * record ("CloudTrail record contents", CloudTrail User Guide; "Amazon Cognito information in CloudTrail" and "Example
 * Amazon Cognito events", Cognito Developer Guide): {@code eventName}, {@code eventTime}, {@code errorCode} when the
 * call failed, {@code requestParameters.userPoolId} for API calls, {@code additionalEventData.userPoolId} for hosted UI
 * calls. Cognito records the user's sub, not the username: the sub is read from {@code additionalEventData.sub},
 * {@code additionalEventData.requestParameters.sub} (hosted UI) or {@code responseElements.userSub} (SignUp's answer).
 * A {@code requestParameters.username} is used only when it is not HIDDEN_DUE_TO_SECURITY_REASONS. Self-service calls
 * made with an access token carry no pool id: such a user is looked up by sub in the source pool.
 */
public final class EventParser {

    /** The value Cognito writes in place of a redacted field ("Example Amazon Cognito events"). */
    static final String HIDDEN = "HIDDEN_DUE_TO_SECURITY_REASONS";

    private final ObjectMapper mapper = new ObjectMapper();

    /** What a message turned out to be. */
    public sealed interface Parsed {
    }

    /** A change to one user. */
    public record Change(UserEvent event) implements Parsed {
    }

    /** Well formed, but nothing for poolsync: a call that failed, or one that changes no user. */
    public record Ignored(String kind) implements Parsed {
    }

    /** Not an event poolsync can read; {@code kind} names what was wrong, for counting and one log line per kind. */
    public record Malformed(String kind) implements Parsed {
    }

    public Parsed parse(String body) {
        JsonNode envelope;
        try {
            envelope = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            return new Malformed("not JSON");
        }
        if (envelope == null || !envelope.isObject()) {
            return new Malformed("not a JSON object");
        }
        if (!CloudTrailEvents.DETAIL_TYPE.equals(envelope.path("detail-type").asText())) {
            return new Malformed("detail-type is not '" + CloudTrailEvents.DETAIL_TYPE + "'");
        }
        if (!CloudTrailEvents.SOURCE.equals(envelope.path("source").asText())) {
            return new Malformed("source is not " + CloudTrailEvents.SOURCE);
        }
        JsonNode detail = envelope.path("detail");
        String eventName = detail.path("eventName").asText("");
        if (eventName.isEmpty()) {
            return new Malformed("no detail.eventName");
        }
        if (!CloudTrailEvents.NAMES.contains(eventName)) {
            return new Ignored("event " + eventName + " changes no user");
        }
        if (!detail.path("errorCode").asText("").isEmpty()) {
            return new Ignored("the call failed");
        }
        Instant eventTime;
        try {
            eventTime = Instant.parse(detail.path("eventTime").asText(""));
        } catch (DateTimeParseException e) {
            return new Malformed("no valid detail.eventTime");
        }
        Optional<String> poolId = text(detail.path("requestParameters").path("userPoolId"))
                .or(() -> text(detail.path("additionalEventData").path("userPoolId")));
        Optional<UserEvent.UserRef> user = sub(detail).map(UserEvent.UserRef::sub)
                .or(() -> text(detail.path("requestParameters").path("username")).map(UserEvent.UserRef::username));
        if (user.isEmpty()) {
            return new Malformed(eventName + " without a sub or a visible username");
        }
        if (poolId.isEmpty() && user.get().kind() == UserEvent.UserRef.Kind.USERNAME) {
            // A username without its pool could be anyone's.
            return new Malformed(eventName + " without a pool id or a sub");
        }
        return new Change(new UserEvent(eventName, poolId, user.get(), eventTime));
    }

    private static Optional<String> sub(JsonNode detail) {
        JsonNode additional = detail.path("additionalEventData");
        return text(additional.path("sub"))
                .or(() -> text(additional.path("requestParameters").path("sub").path(0)))
                .or(() -> text(detail.path("responseElements").path("userSub")));
    }

    /** A text value that is present and not redacted. */
    private static Optional<String> text(JsonNode node) {
        if (!node.isTextual() || node.asText().isBlank() || HIDDEN.equals(node.asText())) {
            return Optional.empty();
        }
        return Optional.of(node.asText());
    }
}
