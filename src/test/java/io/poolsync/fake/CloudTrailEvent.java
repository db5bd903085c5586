package io.poolsync.fake;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The event Cognito's CloudTrail record of a user write becomes on EventBridge, as the docs describe it: the envelope of
 * "AWS service events delivered via AWS CloudTrail" (EventBridge User Guide: detail-type "AWS API Call via CloudTrail",
 * source aws.cognito-idp, detail the CloudTrail record), and a record as "Amazon Cognito information in CloudTrail" and
 * "Example Amazon Cognito events" (Cognito Developer Guide) show it: the user pool in requestParameters.userPoolId, the
 * username HIDDEN_DUE_TO_SECURITY_REASONS ("Amazon Cognito records UserSub but not UserName"), the sub in
 * additionalEventData.
 */
public final class CloudTrailEvent {

    /** The writes the fake takes that change a user, named as CloudTrail names them. */
    static final Set<String> USER_WRITES = Set.of("AdminCreateUser", "AdminUpdateUserAttributes",
            "AdminDeleteUserAttributes", "AdminEnableUser", "AdminDisableUser", "AdminDeleteUser", "AdminAddUserToGroup",
            "AdminRemoveUserFromGroup");
    static final String HIDDEN = "HIDDEN_DUE_TO_SECURITY_REASONS";
    static final String ACCOUNT = "123456789012";

    private CloudTrailEvent() {
    }

    /** The EventBridge event for one successful call on one user. */
    public static String of(String eventName, String poolId, String sub, String region, Instant at) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode envelope = json.objectNode();
        envelope.put("version", "0");
        envelope.put("id", UUID.randomUUID().toString());
        envelope.put("detail-type", "AWS API Call via CloudTrail");
        envelope.put("source", "aws.cognito-idp");
        envelope.put("account", ACCOUNT);
        envelope.put("time", at.toString());
        envelope.put("region", region);
        envelope.putArray("resources");
        ObjectNode detail = envelope.putObject("detail");
        detail.put("eventVersion", "1.08");
        ObjectNode identity = detail.putObject("userIdentity");
        identity.put("type", "AssumedRole");
        identity.put("accountId", ACCOUNT);
        detail.put("eventTime", at.toString());
        detail.put("eventSource", "cognito-idp.amazonaws.com");
        detail.put("eventName", eventName);
        detail.put("awsRegion", region);
        detail.put("sourceIPAddress", "192.0.2.1");
        detail.put("userAgent", "aws-sdk-java/2");
        ObjectNode request = detail.putObject("requestParameters");
        request.put("userPoolId", poolId);
        request.put("username", HIDDEN);
        detail.putNull("responseElements");
        detail.putObject("additionalEventData").put("sub", sub);
        detail.put("requestID", UUID.randomUUID().toString());
        detail.put("eventID", UUID.randomUUID().toString());
        detail.put("readOnly", false);
        detail.put("eventType", "AwsApiCall");
        detail.put("managementEvent", true);
        detail.put("recipientAccountId", ACCOUNT);
        detail.put("eventCategory", "Management");
        return envelope.toString();
    }
}
