package io.poolsync.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminCreateUserRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminGetUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeDataType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CreateUserPoolRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GroupExistsException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GroupType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ListUsersInGroupResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ListUsersResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.SchemaAttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.TooManyRequestsException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UsernameAttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UsernameExistsException;

/**
 * The Cognito behaviour poolsync relies on, run against every backend (the fake and cognito-local), so the fake can't
 * drift from a real implementation. Where a backend is known to lack a behaviour, its subclass lists the gap in
 * {@link #knownGaps()}: the test then checks the gap still reproduces (so a fixed gap is noticed) and aborts with the
 * explanation, which JUnit reports as an aborted (skipped) test with that message, never as a silent pass.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class CognitoContract {

    /** Behaviours real Cognito has that some backend lacks. */
    protected enum Gap {
        LIST_USERS_PAGING,
        LIST_USERS_LIMIT_MAX_60,
        LIST_USERS_IN_GROUP_PAGING,
        THROTTLING,
        UPDATE_UNKNOWN_USER_NOT_FOUND,
        DUPLICATE_GROUP_REJECTED,
        UNKNOWN_GROUP_IN_POOL_WITHOUT_GROUPS,
        CREATE_USER_CHECKS_SCHEMA
    }

    protected static final String PASSWORD = "Pa55word!x";
    private static final AtomicInteger POOLS = new AtomicInteger();

    private String pagingPool;

    /** A client with the SDK's default retries. */
    protected abstract CognitoIdentityProviderClient client();

    /** A new client that never retries, so throttling surfaces; the caller closes it. */
    protected abstract CognitoIdentityProviderClient clientWithoutRetries();

    /** The gaps this backend has, each with the explanation the aborted test reports. */
    protected Map<Gap, String> knownGaps() {
        return new EnumMap<>(Gap.class);
    }

    interface Evidence {
        void check() throws Exception;
    }

    /**
     * When {@code gap} is a known gap of this backend: checks that {@code evidence} (the backend's deviant behaviour)
     * still holds, then aborts the test with the gap's explanation. Otherwise returns and the test checks Cognito's
     * behaviour.
     */
    protected final void reportGapIfKnown(Gap gap, Evidence evidence) {
        String why = knownGaps().get(gap);
        if (why == null) {
            return;
        }
        try {
            evidence.check();
        } catch (Exception | AssertionError e) {
            fail("Known gap " + gap + " (" + why + ") no longer reproduces; remove it from knownGaps(). Evidence failed: " + e, e);
        }
        Assumptions.abort("KNOWN GAP of this backend, " + gap + ": " + why);
    }

    // ------------------------------------------------------------------ pools

    @Test
    void createPoolWithCustomAttributesAndDescribeReadsThemBack() {
        String pool = newPool(b -> b.schema(
                custom("source_sub", false), custom("tier", true),
                SchemaAttributeType.builder().name("score").attributeDataType(AttributeDataType.NUMBER).mutable(true).build()));

        UserPoolType described = client().describeUserPool(r -> r.userPoolId(pool)).userPool();

        assertThat(described.id()).isEqualTo(pool);
        Map<String, SchemaAttributeType> schema = described.schemaAttributes().stream()
                .collect(Collectors.toMap(SchemaAttributeType::name, a -> a));
        assertThat(schema.get("custom:source_sub").mutable()).isFalse();
        assertThat(schema.get("custom:tier").mutable()).isTrue();
        assertThat(schema.get("custom:tier").attributeDataType()).isEqualTo(AttributeDataType.STRING);
        assertThat(schema.get("custom:score").attributeDataType()).isEqualTo(AttributeDataType.NUMBER);
        assertThat(schema.get("sub").mutable()).isFalse();
        assertThat(schema).containsKeys("email", "email_verified", "phone_number", "phone_number_verified", "name",
                "given_name", "family_name", "preferred_username");
        assertThat(schema.get("email").mutable()).isTrue();
        assertThat(schema.get("email_verified").attributeDataType()).isEqualTo(AttributeDataType.BOOLEAN);
        assertThat(described.usernameAttributes()).isEmpty();
    }

    @Test
    void poolSigningInByEmailReportsItsUsernameAttributesAndCaseSensitivity() {
        String pool = newPool(b -> b.usernameAttributes(UsernameAttributeType.EMAIL)
                .usernameConfiguration(c -> c.caseSensitive(false)));

        UserPoolType described = client().describeUserPool(r -> r.userPoolId(pool)).userPool();

        assertThat(described.usernameAttributes()).containsExactly(UsernameAttributeType.EMAIL);
        assertThat(described.usernameConfiguration().caseSensitive()).isFalse();
    }

    /** What poolsync.schema.add-missing relies on: the attributes arrive typed and constrained, and a taken name is refused. */
    @Test
    void addCustomAttributesExtendsTheSchemaAndRefusesANameItHas() {
        String pool = newPool(b -> b.schema(custom("tier", true)));

        client().addCustomAttributes(r -> r.userPoolId(pool).customAttributes(
                SchemaAttributeType.builder().name("source_sub").attributeDataType(AttributeDataType.STRING).mutable(false)
                        .stringAttributeConstraints(c -> c.minLength("1").maxLength("36")).build(),
                SchemaAttributeType.builder().name("score").attributeDataType(AttributeDataType.NUMBER).mutable(true).build()));

        Map<String, SchemaAttributeType> schema = client().describeUserPool(r -> r.userPoolId(pool)).userPool()
                .schemaAttributes().stream().collect(Collectors.toMap(SchemaAttributeType::name, a -> a));
        assertThat(schema.get("custom:source_sub").mutable()).isFalse();
        assertThat(schema.get("custom:source_sub").stringAttributeConstraints().maxLength()).isEqualTo("36");
        assertThat(schema.get("custom:score").attributeDataType()).isEqualTo(AttributeDataType.NUMBER);
        assertThat(schema.get("custom:tier").attributeDataType()).isEqualTo(AttributeDataType.STRING);
        assertThatThrownBy(() -> client().addCustomAttributes(r -> r.userPoolId(pool).customAttributes(custom("tier", true))))
                .isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void unknownPoolIsResourceNotFound() {
        assertThatThrownBy(() -> client().describeUserPool(r -> r.userPoolId("local_DoesNotExist")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> client().listUsers(r -> r.userPoolId("local_DoesNotExist")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    // ------------------------------------------------------------------ users

    @Test
    void adminCreateUserStoresAttributesWithSuppressedInvite() {
        String pool = newPool(b -> b.schema(custom("source_sub", false)));

        UserType created = client().adminCreateUser(r -> r.userPoolId(pool).username("alice")
                .messageAction(MessageActionType.SUPPRESS)
                .userAttributes(attr("email", "alice@example.com"), attr("email_verified", "true"),
                        attr("given_name", "Alice"), attr("custom:source_sub", "src-1"))).user();

        assertThat(created.username()).isEqualTo("alice");
        assertThat(created.enabled()).isTrue();
        assertThat(created.userStatus()).isEqualTo(UserStatusType.FORCE_CHANGE_PASSWORD);
        assertThat(created.userCreateDate()).isNotNull();
        assertThat(attributes(created.attributes())).containsEntry("email", "alice@example.com")
                .containsEntry("email_verified", "true").containsEntry("given_name", "Alice")
                .containsEntry("custom:source_sub", "src-1").containsKey("sub");

        AdminGetUserResponse read = client().adminGetUser(r -> r.userPoolId(pool).username("alice"));
        assertThat(attributes(read.userAttributes())).isEqualTo(attributes(created.attributes()));
        assertThat(read.userStatus()).isEqualTo(UserStatusType.FORCE_CHANGE_PASSWORD);
        assertThat(read.userLastModifiedDate()).isNotNull();
    }

    @Test
    void duplicateUsernameIsUsernameExists() {
        String pool = newPool(b -> { });
        createUser(pool, "bob", Map.of("email", "bob@example.com"));

        assertThatThrownBy(() -> createUser(pool, "bob", Map.of("email", "other@example.com")))
                .isInstanceOf(UsernameExistsException.class);
    }

    @Test
    void createUserWithAttributeMissingFromSchemaIsInvalidParameter() {
        String pool = newPool(b -> { });

        reportGapIfKnown(Gap.CREATE_USER_CHECKS_SCHEMA, () -> {
            createUser(pool, "lax", Map.of("custom:missing", "x"));
            assertThat(attributes(client().adminGetUser(r -> r.userPoolId(pool).username("lax")).userAttributes()))
                    .containsEntry("custom:missing", "x");
        });
        assertThatThrownBy(() -> createUser(pool, "strict", Map.of("custom:missing", "x")))
                .isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void permanentPasswordConfirmsTheUser() {
        String pool = newPool(b -> { });
        createUser(pool, "carol", Map.of());

        client().adminSetUserPassword(r -> r.userPoolId(pool).username("carol").password(PASSWORD).permanent(true));
        assertThat(client().adminGetUser(r -> r.userPoolId(pool).username("carol")).userStatus())
                .isEqualTo(UserStatusType.CONFIRMED);

        client().adminSetUserPassword(r -> r.userPoolId(pool).username("carol").password(PASSWORD).permanent(false));
        assertThat(client().adminGetUser(r -> r.userPoolId(pool).username("carol")).userStatus())
                .isEqualTo(UserStatusType.FORCE_CHANGE_PASSWORD);
    }

    @Test
    void emailChangedTogetherWithEmailVerifiedStaysVerified() {
        String pool = newPool(b -> { });
        createUser(pool, "dave", Map.of("email", "dave@old.example", "email_verified", "true"));

        client().adminUpdateUserAttributes(r -> r.userPoolId(pool).username("dave")
                .userAttributes(attr("email", "dave@new.example"), attr("email_verified", "true")));
        assertThat(attributes(client().adminGetUser(r -> r.userPoolId(pool).username("dave")).userAttributes()))
                .containsEntry("email", "dave@new.example").containsEntry("email_verified", "true");

        // without the flag in the same request the new address is not verified
        client().adminUpdateUserAttributes(r -> r.userPoolId(pool).username("dave")
                .userAttributes(attr("email", "dave@newer.example")));
        assertThat(attributes(client().adminGetUser(r -> r.userPoolId(pool).username("dave")).userAttributes()))
                .containsEntry("email", "dave@newer.example").containsEntry("email_verified", "false");
    }

    @Test
    void updateOfAttributeMissingFromSchemaOrImmutableIsInvalidParameter() {
        String pool = newPool(b -> b.schema(custom("source_sub", false), custom("tier", true)));
        createUser(pool, "erin", Map.of("custom:source_sub", "src-erin"));

        assertThatThrownBy(() -> client().adminUpdateUserAttributes(r -> r.userPoolId(pool).username("erin")
                .userAttributes(attr("custom:missing", "x"))))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> client().adminUpdateUserAttributes(r -> r.userPoolId(pool).username("erin")
                .userAttributes(attr("custom:source_sub", "changed"))))
                .isInstanceOf(InvalidParameterException.class);

        client().adminUpdateUserAttributes(r -> r.userPoolId(pool).username("erin").userAttributes(attr("custom:tier", "gold")));
        assertThat(attributes(client().adminGetUser(r -> r.userPoolId(pool).username("erin")).userAttributes()))
                .containsEntry("custom:tier", "gold").containsEntry("custom:source_sub", "src-erin");
    }

    @Test
    void deleteUserAttributesRemovesThem() {
        String pool = newPool(b -> b.schema(custom("tier", true)));
        createUser(pool, "fay", Map.of("custom:tier", "gold", "given_name", "Fay"));

        client().adminDeleteUserAttributes(r -> r.userPoolId(pool).username("fay").userAttributeNames("custom:tier"));

        assertThat(attributes(client().adminGetUser(r -> r.userPoolId(pool).username("fay")).userAttributes()))
                .doesNotContainKey("custom:tier").containsEntry("given_name", "Fay");
    }

    @Test
    void disableAndEnableShowInListUsers() {
        String pool = newPool(b -> { });
        createUser(pool, "gus", Map.of());

        client().adminDisableUser(r -> r.userPoolId(pool).username("gus"));
        assertThat(listAll(pool, "username = \"gus\"")).singleElement().satisfies(u -> assertThat(u.enabled()).isFalse());

        client().adminEnableUser(r -> r.userPoolId(pool).username("gus"));
        assertThat(listAll(pool, "username = \"gus\"")).singleElement().satisfies(u -> assertThat(u.enabled()).isTrue());
    }

    @Test
    void deleteUserRemovesIt() {
        String pool = newPool(b -> { });
        createUser(pool, "hal", Map.of());
        createUser(pool, "ida", Map.of());

        client().adminDeleteUser(r -> r.userPoolId(pool).username("hal"));

        assertThatThrownBy(() -> client().adminGetUser(r -> r.userPoolId(pool).username("hal")))
                .isInstanceOf(UserNotFoundException.class);
        assertThat(usernames(listAll(pool, null))).containsExactly("ida");
    }

    @Test
    void listUsersFiltersByExactAndPrefixMatch() {
        String pool = newPool(b -> { });
        createUser(pool, "anna", Map.of("email", "anna@example.com", "given_name", "Anna"));
        createUser(pool, "annabel", Map.of("email", "annabel@example.org", "given_name", "Annabel"));
        createUser(pool, "ben", Map.of("email", "ben@example.com", "given_name", "Ben"));
        client().adminSetUserPassword(r -> r.userPoolId(pool).username("ben").password(PASSWORD).permanent(true));
        String annaSub = attributes(client().adminGetUser(r -> r.userPoolId(pool).username("anna")).userAttributes()).get("sub");

        assertThat(usernames(listAll(pool, "username = \"anna\""))).containsExactly("anna");
        assertThat(usernames(listAll(pool, "username ^= \"anna\""))).containsExactlyInAnyOrder("anna", "annabel");
        assertThat(usernames(listAll(pool, "email = \"ben@example.com\""))).containsExactly("ben");
        assertThat(usernames(listAll(pool, "given_name ^= \"Ann\""))).containsExactlyInAnyOrder("anna", "annabel");
        assertThat(usernames(listAll(pool, "sub = \"" + annaSub + "\""))).containsExactly("anna");
        assertThat(usernames(listAll(pool, "cognito:user_status = \"CONFIRMED\""))).containsExactly("ben");
        assertThat(usernames(listAll(pool, "email = \"nobody@example.com\""))).isEmpty();
    }

    @Test
    void badFilterIsInvalidParameter() {
        String pool = newPool(b -> b.schema(custom("tier", true)));

        for (String filter : List.of("email = anna@example.com", "custom:tier = \"gold\"", "email ~ \"a\"", "nonsense")) {
            assertThatThrownBy(() -> client().listUsers(r -> r.userPoolId(pool).filter(filter)))
                    .as(filter).isInstanceOf(InvalidParameterException.class);
        }
    }

    @Test
    void unknownUserIsUserNotFound() {
        String pool = newPool(b -> { });

        assertThatThrownBy(() -> client().adminGetUser(r -> r.userPoolId(pool).username("ghost")))
                .isInstanceOf(UserNotFoundException.class);
        assertThatThrownBy(() -> client().adminDeleteUser(r -> r.userPoolId(pool).username("ghost")))
                .isInstanceOf(UserNotFoundException.class);
        assertThatThrownBy(() -> client().adminDisableUser(r -> r.userPoolId(pool).username("ghost")))
                .isInstanceOf(UserNotFoundException.class);
        assertThatThrownBy(() -> client().adminSetUserPassword(r -> r.userPoolId(pool).username("ghost")
                .password(PASSWORD).permanent(true)))
                .isInstanceOf(UserNotFoundException.class);
    }

    @Test
    void updateOfUnknownUserIsUserNotFound() {
        String pool = newPool(b -> { });

        reportGapIfKnown(Gap.UPDATE_UNKNOWN_USER_NOT_FOUND, () -> assertThatThrownBy(() -> client().adminUpdateUserAttributes(
                r -> r.userPoolId(pool).username("ghost").userAttributes(attr("given_name", "G"))))
                .isInstanceOf(CognitoIdentityProviderException.class)
                .satisfies(e -> assertThat(((CognitoIdentityProviderException) e).awsErrorDetails().errorCode())
                        .isEqualTo("NotAuthorizedException")));
        assertThatThrownBy(() -> client().adminUpdateUserAttributes(
                r -> r.userPoolId(pool).username("ghost").userAttributes(attr("given_name", "G"))))
                .isInstanceOf(UserNotFoundException.class);
    }

    @Test
    void emailAsUsernamePoolGeneratesTheUsernameAndFindsUsersByEmail() {
        String pool = newPool(b -> b.usernameAttributes(UsernameAttributeType.EMAIL));

        UserType created = client().adminCreateUser(r -> r.userPoolId(pool).username("jo@example.com")
                .messageAction(MessageActionType.SUPPRESS).userAttributes(attr("email_verified", "true"))).user();
        String sub = attributes(created.attributes()).get("sub");

        assertThat(created.username()).isNotEqualTo("jo@example.com").isEqualTo(sub)
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(attributes(created.attributes())).containsEntry("email", "jo@example.com");
        AdminGetUserResponse byEmail = client().adminGetUser(r -> r.userPoolId(pool).username("jo@example.com"));
        assertThat(byEmail.username()).isEqualTo(sub);
        assertThat(client().adminGetUser(r -> r.userPoolId(pool).username(sub)).username()).isEqualTo(sub);
        assertThat(usernames(listAll(pool, "email = \"jo@example.com\""))).containsExactly(sub);

        assertThatThrownBy(() -> client().adminCreateUser(r -> r.userPoolId(pool).username("jo@example.com")
                .messageAction(MessageActionType.SUPPRESS)))
                .isInstanceOf(UsernameExistsException.class);
        assertThatThrownBy(() -> client().adminCreateUser(r -> r.userPoolId(pool).username("not-an-email")
                .messageAction(MessageActionType.SUPPRESS)))
                .isInstanceOf(InvalidParameterException.class);
    }

    // ------------------------------------------------------------------ groups

    @Test
    void groupsCanBeCreatedListedFilledAndEmptied() {
        String pool = newPool(b -> { });
        createUser(pool, "kim", Map.of());
        createUser(pool, "lee", Map.of());

        GroupType created = client().createGroup(r -> r.userPoolId(pool).groupName("admins")
                .description("Administrators").precedence(1)).group();
        assertThat(created.groupName()).isEqualTo("admins");
        assertThat(created.precedence()).isEqualTo(1);
        client().createGroup(r -> r.userPoolId(pool).groupName("readers").description("Readers").precedence(5));

        assertThat(client().listGroups(r -> r.userPoolId(pool)).groups()).extracting(GroupType::groupName)
                .containsExactlyInAnyOrder("admins", "readers");
        GroupType updated = client().updateGroup(r -> r.userPoolId(pool).groupName("readers")
                .description("Read only").precedence(7)).group();
        assertThat(updated.description()).isEqualTo("Read only");
        GroupType read = client().getGroup(r -> r.userPoolId(pool).groupName("readers")).group();
        assertThat(read.description()).isEqualTo("Read only");
        assertThat(read.precedence()).isEqualTo(7);

        client().adminAddUserToGroup(r -> r.userPoolId(pool).groupName("admins").username("kim"));
        client().adminAddUserToGroup(r -> r.userPoolId(pool).groupName("admins").username("lee"));
        client().adminAddUserToGroup(r -> r.userPoolId(pool).groupName("readers").username("kim"));
        assertThat(usernames(client().listUsersInGroup(r -> r.userPoolId(pool).groupName("admins")).users()))
                .containsExactlyInAnyOrder("kim", "lee");
        assertThat(client().adminListGroupsForUser(r -> r.userPoolId(pool).username("kim")).groups())
                .extracting(GroupType::groupName).containsExactlyInAnyOrder("admins", "readers");

        client().adminRemoveUserFromGroup(r -> r.userPoolId(pool).groupName("admins").username("kim"));
        assertThat(usernames(client().listUsersInGroup(r -> r.userPoolId(pool).groupName("admins")).users()))
                .containsExactly("lee");
        assertThat(client().adminListGroupsForUser(r -> r.userPoolId(pool).username("kim")).groups())
                .extracting(GroupType::groupName).containsExactly("readers");
    }

    @Test
    void unknownGroupIsResourceNotFound() {
        String pool = newPool(b -> { });
        createUser(pool, "max", Map.of());
        client().createGroup(r -> r.userPoolId(pool).groupName("present"));

        assertThatThrownBy(() -> client().getGroup(r -> r.userPoolId(pool).groupName("nope")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> client().listUsersInGroup(r -> r.userPoolId(pool).groupName("nope")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> client().adminAddUserToGroup(r -> r.userPoolId(pool).groupName("nope").username("max")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void unknownGroupInAPoolWithoutGroupsIsResourceNotFound() {
        String pool = newPool(b -> { });

        reportGapIfKnown(Gap.UNKNOWN_GROUP_IN_POOL_WITHOUT_GROUPS, () -> {
            try (CognitoIdentityProviderClient noRetries = clientWithoutRetries()) {
                assertThatThrownBy(() -> noRetries.getGroup(r -> r.userPoolId(pool).groupName("nope")))
                        .isInstanceOf(CognitoIdentityProviderException.class)
                        .satisfies(e -> assertThat(((CognitoIdentityProviderException) e).statusCode()).isEqualTo(500));
            }
        });
        assertThatThrownBy(() -> client().getGroup(r -> r.userPoolId(pool).groupName("nope")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThat(client().listGroups(r -> r.userPoolId(pool)).groups()).isEmpty();
    }

    @Test
    void duplicateGroupIsGroupExists() {
        String pool = newPool(b -> { });
        client().createGroup(r -> r.userPoolId(pool).groupName("staff").description("first"));

        reportGapIfKnown(Gap.DUPLICATE_GROUP_REJECTED, () -> {
            client().createGroup(r -> r.userPoolId(pool).groupName("staff").description("second"));
            assertThat(client().getGroup(r -> r.userPoolId(pool).groupName("staff")).group().description()).isEqualTo("second");
        });
        assertThatThrownBy(() -> client().createGroup(r -> r.userPoolId(pool).groupName("staff").description("second")))
                .isInstanceOf(GroupExistsException.class);
    }

    // ------------------------------------------------------------------ paging

    @Test
    void listUsersFollowsTokensAndReturnsEachUserExactlyOnce() {
        String pool = pagingPool();
        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String next = token;
            ListUsersResponse page = client().listUsers(r -> r.userPoolId(pool).limit(60).paginationToken(next));
            seen.addAll(usernames(page.users()));
            token = page.paginationToken();
            assertThat(++pages).as("pages").isLessThan(1000);
        } while (token != null);

        assertThat(seen).hasSize(130).doesNotHaveDuplicates();
        assertThat(new HashSet<>(seen)).isEqualTo(expectedPagingUsers());
    }

    @Test
    void listUsersPagesHoldAtMostLimitAndCarryATokenWhileMoreRemain() {
        String pool = pagingPool();
        ListUsersResponse first = client().listUsers(r -> r.userPoolId(pool).limit(60));

        reportGapIfKnown(Gap.LIST_USERS_PAGING, () -> {
            assertThat(first.users()).hasSize(130);
            assertThat(first.paginationToken()).isNull();
        });
        assertThat(first.users().size()).isLessThanOrEqualTo(60);
        assertThat(first.paginationToken()).isNotNull();
        ListUsersResponse small = client().listUsers(r -> r.userPoolId(pool).limit(7));
        assertThat(small.users().size()).isLessThanOrEqualTo(7);
        assertThat(small.paginationToken()).isNotNull();
    }

    @Test
    void listUsersLimitAbove60IsInvalidParameter() {
        String pool = pagingPool();

        reportGapIfKnown(Gap.LIST_USERS_LIMIT_MAX_60,
                () -> assertThat(client().listUsers(r -> r.userPoolId(pool).limit(61)).users()).hasSize(130));
        assertThatThrownBy(() -> client().listUsers(r -> r.userPoolId(pool).limit(61)))
                .isInstanceOf(InvalidParameterException.class);
        assertThat(client().listUsers(r -> r.userPoolId(pool).limit(60)).users()).isNotEmpty();
    }

    @Test
    void listUsersInGroupPagesThroughEveryMemberOnce() {
        String pool = pagingPool();
        client().createGroup(r -> r.userPoolId(pool).groupName("many"));
        List<String> members = expectedPagingUsers().stream().sorted().limit(65).toList();
        for (String member : members) {
            client().adminAddUserToGroup(r -> r.userPoolId(pool).groupName("many").username(member));
        }
        ListUsersInGroupResponse first = client().listUsersInGroup(r -> r.userPoolId(pool).groupName("many").limit(60));

        reportGapIfKnown(Gap.LIST_USERS_IN_GROUP_PAGING, () -> {
            assertThat(first.users()).hasSize(65);
            assertThat(first.nextToken()).isNull();
        });
        assertThat(first.users().size()).isLessThanOrEqualTo(60);
        List<String> seen = new ArrayList<>(usernames(first.users()));
        String token = first.nextToken();
        while (token != null) {
            String next = token;
            ListUsersInGroupResponse page = client().listUsersInGroup(
                    r -> r.userPoolId(pool).groupName("many").limit(60).nextToken(next));
            seen.addAll(usernames(page.users()));
            token = page.nextToken();
        }
        assertThat(seen).hasSize(65).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(members);
        assertThatThrownBy(() -> client().listUsersInGroup(r -> r.userPoolId(pool).groupName("many").limit(61)))
                .isInstanceOf(InvalidParameterException.class);
    }

    // ------------------------------------------------------------------ quotas

    @Test
    void burstAboveTheQuotaIsThrottledWithTooManyRequests() throws Exception {
        String pool = newPool(b -> { });
        int burst = 60; // DescribeUserPool's default quota is 15 per second
        AtomicInteger throttled = new AtomicInteger();
        long started = System.nanoTime();
        try (CognitoIdentityProviderClient noRetries = clientWithoutRetries()) {
            ExecutorService threads = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> calls = new ArrayList<>();
                for (int i = 0; i < burst; i++) {
                    calls.add(threads.submit(() -> {
                        try {
                            noRetries.describeUserPool(r -> r.userPoolId(pool));
                        } catch (TooManyRequestsException e) {
                            throttled.incrementAndGet();
                        }
                    }));
                }
                for (Future<?> call : calls) {
                    call.get();
                }
            } finally {
                threads.shutdownNow();
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        reportGapIfKnown(Gap.THROTTLING, () -> {
            assertThat(throttled).as("throttled calls in a burst of %d DescribeUserPool calls in %s", burst, took).hasValue(0);
            assertThat(took).isLessThan(Duration.ofSeconds(4)); // well above 15 per second
        });
        assertThat(throttled.get()).isPositive();
        // the budget comes back: the default client (which retries throttling) gets through
        assertThat(client().describeUserPool(r -> r.userPoolId(pool)).userPool().id()).isEqualTo(pool);
    }

    // ------------------------------------------------------------------ helpers

    protected String newPool(Consumer<CreateUserPoolRequest.Builder> customizer) {
        CreateUserPoolRequest.Builder builder = CreateUserPoolRequest.builder()
                .poolName("contract-" + POOLS.incrementAndGet());
        customizer.accept(builder);
        return client().createUserPool(builder.build()).userPool().id();
    }

    protected static SchemaAttributeType custom(String name, boolean mutable) {
        return SchemaAttributeType.builder().name(name).attributeDataType(AttributeDataType.STRING).mutable(mutable).build();
    }

    protected static AttributeType attr(String name, String value) {
        return AttributeType.builder().name(name).value(value).build();
    }

    protected UserType createUser(String pool, String username, Map<String, String> attributes) {
        AdminCreateUserRequest request = AdminCreateUserRequest.builder().userPoolId(pool).username(username)
                .messageAction(MessageActionType.SUPPRESS)
                .userAttributes(attributes.entrySet().stream().map(e -> attr(e.getKey(), e.getValue())).toList())
                .build();
        return client().adminCreateUser(request).user();
    }

    /** Every user matching {@code filter}, following tokens (short and empty pages included). */
    protected List<UserType> listAll(String pool, String filter) {
        List<UserType> users = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            ListUsersResponse page = client().listUsers(r -> r.userPoolId(pool).filter(filter).limit(60).paginationToken(next));
            users.addAll(page.users());
            token = page.paginationToken();
        } while (token != null);
        return users;
    }

    protected static Map<String, String> attributes(List<AttributeType> attributes) {
        Map<String, String> map = new LinkedHashMap<>();
        attributes.forEach(a -> map.put(a.name(), a.value()));
        return map;
    }

    protected static List<String> usernames(List<UserType> users) {
        return users.stream().map(UserType::username).toList();
    }

    private synchronized String pagingPool() {
        if (pagingPool == null) {
            String pool = newPool(b -> { });
            for (String username : expectedPagingUsers()) {
                createUser(pool, username, Map.of("email", username + "@example.com"));
            }
            pagingPool = pool;
        }
        return pagingPool;
    }

    private static Set<String> expectedPagingUsers() {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < 130; i++) {
            names.add(String.format("pager-%03d", i));
        }
        return names;
    }
}
