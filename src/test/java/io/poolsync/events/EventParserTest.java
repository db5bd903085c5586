package io.poolsync.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The parser against event shapes as AWS documents them: the EventBridge envelope of "AWS service events delivered via
 * AWS CloudTrail", and records like those of "Example Amazon Cognito events" (Confirm_POST's sub under
 * additionalEventData.requestParameters, hidden usernames) and "Amazon Cognito information in CloudTrail".
 */
class EventParserTest {

    private static final String POOL = "eu-west-1_AbC123xyz";
    private static final String SUB = "704b1e47-34fe-40e9-8c41-504997494531";

    private final EventParser parser = new EventParser();

    static String envelope(String detail) {
        return """
                {"version":"0","id":"6a7e8feb-b491-4cf7-a9f1-bf3703467718","detail-type":"AWS API Call via CloudTrail",
                 "source":"aws.cognito-idp","account":"123456789012","time":"2026-12-01T10:00:01Z","region":"eu-west-1",
                 "resources":[],"detail":%s}""".formatted(detail);
    }

    static String apiCall(String eventName, String requestParameters, String additionalEventData) {
        return envelope("""
                {"eventVersion":"1.08","userIdentity":{"type":"AssumedRole","accountId":"123456789012"},
                 "eventTime":"2026-12-01T10:00:00Z","eventSource":"cognito-idp.amazonaws.com","eventName":"%s",
                 "awsRegion":"eu-west-1","requestParameters":%s,"responseElements":null,"additionalEventData":%s,
                 "readOnly":false,"eventType":"AwsApiCall","managementEvent":true}"""
                .formatted(eventName, requestParameters, additionalEventData));
    }

    static Stream<Arguments> changes() {
        return Stream.of(
                Arguments.of("admin call: the username hidden, the sub recorded",
                        apiCall("AdminUpdateUserAttributes",
                                "{\"userPoolId\":\"" + POOL + "\",\"username\":\"HIDDEN_DUE_TO_SECURITY_REASONS\"}",
                                "{\"sub\":\"" + SUB + "\"}"),
                        Optional.of(POOL), UserEvent.UserRef.sub(SUB)),
                Arguments.of("admin call with a visible username and no sub",
                        apiCall("AdminDisableUser", "{\"userPoolId\":\"" + POOL + "\",\"username\":\"ada\"}", "null"),
                        Optional.of(POOL), UserEvent.UserRef.username("ada")),
                Arguments.of("hosted UI confirmation: pool and sub under additionalEventData",
                        apiCall("Confirm_POST", "null", """
                                {"responseParameters":{"status":302},"requestParameters":{"sub":["%s"],
                                 "username":["HIDDEN_DUE_TO_SECURITY_REASONS"]},"userPoolId":"%s"}""".formatted(SUB, POOL)),
                        Optional.of(POOL), UserEvent.UserRef.sub(SUB)),
                Arguments.of("self-service call with an access token: no pool id, a sub",
                        apiCall("UpdateUserAttributes", "{\"accessToken\":\"HIDDEN_DUE_TO_SECURITY_REASONS\"}",
                                "{\"sub\":\"" + SUB + "\"}"),
                        Optional.empty(), UserEvent.UserRef.sub(SUB)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    void findsThePoolAndTheUser(String description, String body, Optional<String> pool, UserEvent.UserRef user) {
        EventParser.Parsed parsed = parser.parse(body);

        assertThat(parsed).isInstanceOf(EventParser.Change.class);
        UserEvent event = ((EventParser.Change) parsed).event();
        assertThat(event.poolId()).isEqualTo(pool);
        assertThat(event.user()).isEqualTo(user);
        assertThat(event.eventTime()).isEqualTo(Instant.parse("2026-12-01T10:00:00Z"));
    }

    static Stream<Arguments> notChanges() {
        String pool = "{\"userPoolId\":\"" + POOL + "\",\"username\":\"HIDDEN_DUE_TO_SECURITY_REASONS\"}";
        return Stream.of(
                Arguments.of("not JSON", "{{{", new EventParser.Malformed("not JSON")),
                Arguments.of("a JSON array", "[]", new EventParser.Malformed("not a JSON object")),
                Arguments.of("another detail-type", "{\"detail-type\":\"Scheduled Event\",\"source\":\"aws.events\"}",
                        new EventParser.Malformed("detail-type is not 'AWS API Call via CloudTrail'")),
                Arguments.of("another service", apiCall("AdminDisableUser", pool, "null").replace("aws.cognito-idp", "aws.s3"),
                        new EventParser.Malformed("source is not aws.cognito-idp")),
                Arguments.of("no event name", envelope("{\"eventTime\":\"2026-12-01T10:00:00Z\"}"),
                        new EventParser.Malformed("no detail.eventName")),
                Arguments.of("a call that changes no user", apiCall("AdminSetUserMFAPreference", pool, "null"),
                        new EventParser.Ignored("event AdminSetUserMFAPreference changes no user")),
                Arguments.of("a call that failed",
                        apiCall("AdminDisableUser", pool, "null").replace("\"readOnly\"", "\"errorCode\":\"UserNotFoundException\",\"readOnly\""),
                        new EventParser.Ignored("the call failed")),
                Arguments.of("a bad event time",
                        apiCall("AdminDisableUser", pool, "null").replace("2026-12-01T10:00:00Z", "yesterday"),
                        new EventParser.Malformed("no valid detail.eventTime")),
                Arguments.of("the sub redacted too",
                        apiCall("AdminCreateUser", pool, "{\"sub\":\"HIDDEN_DUE_TO_SECURITY_REASONS\"}"),
                        new EventParser.Malformed("AdminCreateUser without a sub or a visible username")),
                Arguments.of("a username without its pool",
                        apiCall("AdminDisableUser", "{\"username\":\"ada\"}", "null"),
                        new EventParser.Malformed("AdminDisableUser without a pool id or a sub")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notChanges")
    void countsWhatItCantUse(String description, String body, EventParser.Parsed expected) {
        assertThat(parser.parse(body)).isEqualTo(expected);
    }

    @Test
    void creationsAreTheCallsThatBringAUserIntoBeing() {
        EventParser.Parsed parsed = parser.parse(apiCall("SignUp", "{\"userPoolId\":\"" + POOL + "\"}",
                "null").replace("\"responseElements\":null", "\"responseElements\":{\"userSub\":\"" + SUB + "\"}"));

        UserEvent event = ((EventParser.Change) parsed).event();
        assertThat(event.user()).isEqualTo(UserEvent.UserRef.sub(SUB));
        assertThat(event.creation()).isTrue();
    }
}
