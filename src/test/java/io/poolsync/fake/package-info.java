/**
 * {@link io.poolsync.fake.FakeCognito}: a quota-faithful fake of the Cognito user pools API for tests (JSON 1.1 over
 * the JDK HTTP server, driven by the real AWS SDK through {@code endpointOverride}).
 *
 * <p>Where cognito-local 5.3.0 and real Cognito differ, the fake follows Cognito:
 * <ul>
 *   <li>ListUsers / ListUsersInGroup / ListGroups / AdminListGroupsForUser page (Limit at most 60, tokens); cognito-local
 *       returns everything and ignores Limit.</li>
 *   <li>Quotas answer TooManyRequestsException; cognito-local has none.</li>
 *   <li>AdminCreateUser refuses attributes missing from the schema; cognito-local stores them.</li>
 *   <li>AdminUpdateUserAttributes / AdminDeleteUserAttributes on an unknown user: UserNotFoundException
 *       (cognito-local: NotAuthorizedException).</li>
 *   <li>AdminUpdateUserAttributes accepts email_verified without email (cognito-local refuses it).</li>
 *   <li>CreateGroup of an existing name: GroupExistsException (cognito-local replaces the group).</li>
 *   <li>UpdateGroup resets omitted fields (cognito-local keeps them).</li>
 *   <li>A missing group in a pool without any group: ResourceNotFoundException (cognito-local: HTTP 500).</li>
 *   <li>Filter {@code status} takes "Enabled" / "Disabled" (cognito-local compares "true" / "false").</li>
 *   <li>DescribeUserPool lists the standard "identities" attribute; email pools keep emails unique on update
 *       (AliasExistsException); passwords are checked against the pool's policy (InvalidPasswordException).</li>
 *   <li>ListIdentityProviders (MaxResults 1 to 60, tokens) and CreateIdentityProvider (DuplicateProviderException),
 *       which cognito-local lacks; a provider's details are not kept. DescribeUserPool reports UserPoolTier.</li>
 * </ul>
 * Assumptions where Cognito's documentation is silent: an omitted custom attribute Mutable flag means mutable; an
 * expired pagination token is an InvalidParameterException; a changed email / phone_number without its verified flag
 * in the same request becomes unverified.
 */
package io.poolsync.fake;
