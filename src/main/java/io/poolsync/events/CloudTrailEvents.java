package io.poolsync.events;

import java.util.List;
import java.util.Set;

/**
 * The Cognito user pool calls whose CloudTrail events make poolsync re-read a user: the EventBridge rule in
 * {@code deploy/} matches exactly these names (a test holds the two lists together).
 *
 * <p>Sources: Amazon Cognito Developer Guide, "Logging Amazon Cognito API calls with AWS CloudTrail" and "Amazon Cognito
 * information in CloudTrail" (every user pool API action is logged; "Amazon Cognito records UserSub but not UserName in
 * CloudTrail logs for requests that are specific to a user ... find a user for a given UserSub by calling the ListUsers
 * API, and using a filter for sub"; poolsync uses AdminGetUser, which takes a sub as Username), and "Example Amazon Cognito events" (hosted UI events carry the pool in
 * {@code additionalEventData.userPoolId}; Confirm_POST carries {@code additionalEventData.requestParameters.sub};
 * Signup_POST hides every identifying value as HIDDEN_DUE_TO_SECURITY_REASONS). Names are the API actions of the Amazon
 * Cognito user pools API Reference.
 */
public final class CloudTrailEvents {

    /** EventBridge's {@code source} for Cognito user pools ("Amazon Cognito events", EventBridge event reference). */
    public static final String SOURCE = "aws.cognito-idp";
    /** CloudTrail's {@code eventSource} for Cognito user pools. */
    public static final String EVENT_SOURCE = "cognito-idp.amazonaws.com";
    /**
     * EventBridge's {@code detail-type} for every event delivered by CloudTrail ("AWS service events delivered via AWS
     * CloudTrail", EventBridge User Guide).
     */
    public static final String DETAIL_TYPE = "AWS API Call via CloudTrail";

    /** Calls that bring a user into being: a user found by them can't have a renamed twin in the target. */
    public static final Set<String> CREATIONS = Set.of("AdminCreateUser", "SignUp", "ConfirmSignUp",
            "AdminConfirmSignUp", "Confirm_POST");

    /** Every event name poolsync acts on, in the order the README lists them. */
    public static final List<String> NAMES = List.of(
            // created, signed up, confirmed
            "AdminCreateUser", "SignUp", "ConfirmSignUp", "AdminConfirmSignUp", "Confirm_POST",
            // attributes updated, deleted, verified (admin and self-service)
            "AdminUpdateUserAttributes", "UpdateUserAttributes", "AdminDeleteUserAttributes", "DeleteUserAttributes",
            "VerifyUserAttribute",
            // enabled, disabled, deleted. A deletion names the user by its sub, like every user-specific call ("Amazon
            // Cognito records UserSub but not UserName", "Amazon Cognito information in CloudTrail"); the re-read then
            // finds nobody, and UserResync removes the copy under mirror.
            "AdminEnableUser", "AdminDisableUser", "AdminDeleteUser", "DeleteUser",
            // group memberships, linked providers
            "AdminAddUserToGroup", "AdminRemoveUserFromGroup", "AdminLinkProviderForUser");

    private CloudTrailEvents() {
    }
}
