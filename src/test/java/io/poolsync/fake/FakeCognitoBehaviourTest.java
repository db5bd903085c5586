package io.poolsync.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AliasExistsException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GroupExistsException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GroupType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidPasswordException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UnsupportedOperationException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UsernameAttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UsernameExistsException;

/** Error shapes as the SDK parses them, the seeding API, and Cognito semantics the contract doesn't cover. */
class FakeCognitoBehaviourTest {

    private static FakeCognito fake;
    private static CognitoIdentityProviderClient client;

    @BeforeAll
    static void start() {
        fake = FakeCognito.builder().quotas(Quotas.unlimited()).region("eu-west-1").start();
        client = fake.clientWithoutRetries();
    }

    @AfterAll
    static void stop() {
        client.close();
        fake.close();
    }

    @Test
    void errorsParseIntoTypedSdkExceptions() {
        String pool = fake.seedPool("errors");
        fake.seedUser(pool, "taken", Map.of(), true, UserStatusType.CONFIRMED);
        fake.seedGroup(pool, "g", null, null);

        expect(() -> client.adminCreateUser(r -> r.userPoolId(pool).username("taken").messageAction(MessageActionType.SUPPRESS)),
                UsernameExistsException.class, "UsernameExistsException");
        expect(() -> client.adminGetUser(r -> r.userPoolId(pool).username("nobody")), UserNotFoundException.class, "UserNotFoundException");
        expect(() -> client.listUsers(r -> r.userPoolId(pool).limit(99)), InvalidParameterException.class, "InvalidParameterException");
        expect(() -> client.listUsers(r -> r.userPoolId("eu-west-1_nothere")), ResourceNotFoundException.class, "ResourceNotFoundException");
        expect(() -> client.createGroup(r -> r.userPoolId(pool).groupName("g")), GroupExistsException.class, "GroupExistsException");
        expect(() -> client.adminSetUserPassword(r -> r.userPoolId(pool).username("taken").password("weak").permanent(true)),
                InvalidPasswordException.class, "InvalidPasswordException");
        expect(() -> client.listUserPools(r -> r.maxResults(10)), UnsupportedOperationException.class, "UnsupportedOperationException");
        expect(() -> client.adminCreateUser(r -> r.userPoolId(pool).messageAction(MessageActionType.SUPPRESS)),
                InvalidParameterException.class, "InvalidParameterException"); // Username missing
    }

    @Test
    void poolIdsLookLikeCognitos() {
        String pool = client.createUserPool(r -> r.poolName("ids")).userPool().id();

        assertThat(pool).matches("eu-west-1_[0-9A-Za-z]{9}");
        assertThat(client.describeUserPool(r -> r.userPoolId(pool)).userPool().arn()).endsWith(":userpool/" + pool);
    }

    @Test
    void seededUsersAreVisibleOverHttpAndThroughTheView() {
        String pool = fake.seedPool("seeded", List.of("email"), "source_sub");
        String sub = UUID.randomUUID().toString();

        String username = fake.seedUser(pool, "zoe@example.com", Map.of("email_verified", "true", "custom:source_sub", "s-1"),
                false, UserStatusType.CONFIRMED);
        String explicit = fake.seedUser(pool, "yan@example.com", Map.of("sub", sub), true, UserStatusType.RESET_REQUIRED);
        fake.seedGroup(pool, "admins", "Admins", 3);
        fake.seedMembership(pool, "admins", "zoe@example.com");

        assertThat(username).matches("[0-9a-f-]{36}");
        assertThat(explicit).isEqualTo(sub);
        var http = client.adminGetUser(r -> r.userPoolId(pool).username("zoe@example.com"));
        assertThat(http.username()).isEqualTo(username);
        assertThat(http.enabled()).isFalse();
        assertThat(http.userStatus()).isEqualTo(UserStatusType.CONFIRMED);
        assertThat(client.adminGetUser(r -> r.userPoolId(pool).username(sub)).userStatus()).isEqualTo(UserStatusType.RESET_REQUIRED);
        FakeUserView view = fake.user(pool, username).orElseThrow();
        assertThat(view.attribute("email")).isEqualTo("zoe@example.com");
        assertThat(view.attribute("custom:source_sub")).isEqualTo("s-1");
        assertThat(view.groups()).containsExactly("admins");
        assertThat(fake.groupMembers(pool, "admins")).containsExactly(username);
        assertThat(fake.userCount(pool)).isEqualTo(2);
        assertThatThrownBy(() -> fake.seedUser(pool, "zoe@example.com", Map.of(), true, UserStatusType.CONFIRMED))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("UsernameExistsException");
        assertThatThrownBy(() -> fake.seedUser(pool, "x@example.com", Map.of("custom:nope", "1"), true, UserStatusType.CONFIRMED))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("InvalidParameterException");
    }

    @Test
    void invitesAreCountedUnlessSuppressed() {
        String pool = fake.seedPool("invites");
        long before = fake.stats().invitesSent();

        client.adminCreateUser(r -> r.userPoolId(pool).username("quiet").messageAction(MessageActionType.SUPPRESS));
        client.adminCreateUser(r -> r.userPoolId(pool).username("loud").temporaryPassword("Temp0rary!"));

        assertThat(fake.stats().invitesSent() - before).isEqualTo(1);
        assertThatThrownBy(() -> client.adminCreateUser(r -> r.userPoolId(pool).username("weak").temporaryPassword("weak")))
                .isInstanceOf(InvalidPasswordException.class);
    }

    @Test
    void emailPoolsKeepEmailsUniqueAcrossUpdates() {
        String pool = client.createUserPool(r -> r.poolName("unique").usernameAttributes(UsernameAttributeType.EMAIL)).userPool().id();
        client.adminCreateUser(r -> r.userPoolId(pool).username("a@example.com").messageAction(MessageActionType.SUPPRESS));
        client.adminCreateUser(r -> r.userPoolId(pool).username("b@example.com").messageAction(MessageActionType.SUPPRESS));

        assertThatThrownBy(() -> client.adminUpdateUserAttributes(r -> r.userPoolId(pool).username("b@example.com")
                .userAttributes(attr("email", "a@example.com"))))
                .isInstanceOf(AliasExistsException.class);

        client.adminUpdateUserAttributes(r -> r.userPoolId(pool).username("b@example.com").userAttributes(attr("email", "c@example.com")));
        assertThat(client.adminGetUser(r -> r.userPoolId(pool).username("c@example.com")).userAttributes())
                .contains(attr("email", "c@example.com"), attr("email_verified", "false"));
        assertThatThrownBy(() -> client.adminGetUser(r -> r.userPoolId(pool).username("b@example.com")))
                .isInstanceOf(UserNotFoundException.class);
        // Cognito accepts email_verified on its own (cognito-local insists on email in the same request)
        client.adminUpdateUserAttributes(r -> r.userPoolId(pool).username("c@example.com").userAttributes(attr("email_verified", "true")));
        assertThat(client.adminGetUser(r -> r.userPoolId(pool).username("c@example.com")).userAttributes())
                .contains(attr("email_verified", "true"));
    }

    @Test
    void caseInsensitivePoolsMatchUsernamesInAnyCase() {
        String pool = client.createUserPool(r -> r.poolName("ci").usernameConfiguration(c -> c.caseSensitive(false))).userPool().id();
        client.adminCreateUser(r -> r.userPoolId(pool).username("Alice").messageAction(MessageActionType.SUPPRESS));

        assertThat(client.adminGetUser(r -> r.userPoolId(pool).username("alice")).username()).isEqualTo("Alice");
        assertThatThrownBy(() -> client.adminCreateUser(r -> r.userPoolId(pool).username("ALICE").messageAction(MessageActionType.SUPPRESS)))
                .isInstanceOf(UsernameExistsException.class);

        String sensitive = client.createUserPool(r -> r.poolName("cs")).userPool().id();
        client.adminCreateUser(r -> r.userPoolId(sensitive).username("Alice").messageAction(MessageActionType.SUPPRESS));
        client.adminCreateUser(r -> r.userPoolId(sensitive).username("alice").messageAction(MessageActionType.SUPPRESS));
        assertThat(fake.userCount(sensitive)).isEqualTo(2);
    }

    @Test
    void schemaRulesFollowCognito() {
        assertThatThrownBy(() -> client.createUserPool(r -> r.poolName("req").schema(s -> s.name("tier").required(true))))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> client.createUserPool(r -> r.poolName("long").schema(s -> s.name("a_very_long_attribute_name"))))
                .isInstanceOf(InvalidParameterException.class);
        String pool = client.createUserPool(r -> r.poolName("rules")
                .schema(s -> s.name("email").required(true).mutable(true), s -> s.name("level").attributeDataType("Number"))).userPool().id();

        assertThatThrownBy(() -> client.adminCreateUser(r -> r.userPoolId(pool).username("noemail").messageAction(MessageActionType.SUPPRESS)))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("email");
        assertThatThrownBy(() -> client.adminCreateUser(r -> r.userPoolId(pool).username("nan").messageAction(MessageActionType.SUPPRESS)
                .userAttributes(attr("email", "n@example.com"), attr("custom:level", "high"))))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> client.adminCreateUser(r -> r.userPoolId(pool).username("sub").messageAction(MessageActionType.SUPPRESS)
                .userAttributes(attr("email", "s@example.com"), attr("sub", UUID.randomUUID().toString()))))
                .isInstanceOf(InvalidParameterException.class);
        client.adminCreateUser(r -> r.userPoolId(pool).username("ok").messageAction(MessageActionType.SUPPRESS)
                .userAttributes(attr("email", "ok@example.com"), attr("custom:level", "3")));
        assertThatThrownBy(() -> client.adminDeleteUserAttributes(r -> r.userPoolId(pool).username("ok").userAttributeNames("email")))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> client.adminUpdateUserAttributes(r -> r.userPoolId(pool).username("ok")
                .userAttributes(attr("email_verified", "maybe"))))
                .isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void updateGroupResetsOmittedFieldsLikeCognito() {
        String pool = fake.seedPool("groups");
        client.createGroup(r -> r.userPoolId(pool).groupName("g").description("d").precedence(4)
                .roleArn("arn:aws:iam::123456789012:role/group-role"));

        GroupType updated = client.updateGroup(r -> r.userPoolId(pool).groupName("g").description("new")).group();

        assertThat(updated.description()).isEqualTo("new");
        assertThat(updated.precedence()).isNull();
        assertThat(updated.roleArn()).isNull();
        assertThatThrownBy(() -> client.createGroup(r -> r.userPoolId(pool).groupName("bad").roleArn("not-an-arn-at-all-really")))
                .isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void deletingAUserRemovesItFromGroupsAndFromLookups() {
        String pool = fake.seedPool("delete");
        String sub = fake.user(pool, fake.seedUser(pool, "gone", Map.of(), true, UserStatusType.CONFIRMED)).orElseThrow().sub();
        fake.seedGroup(pool, "g", null, null);
        fake.seedMembership(pool, "g", "gone");

        client.adminDeleteUser(r -> r.userPoolId(pool).username("gone"));

        assertThat(fake.groupMembers(pool, "g")).isEmpty();
        assertThat(fake.user(pool, sub)).isEmpty();
        assertThat(client.listUsers(r -> r.userPoolId(pool).filter("sub = \"" + sub + "\"")).users()).isEmpty();
        client.adminCreateUser(r -> r.userPoolId(pool).username("gone").messageAction(MessageActionType.SUPPRESS));
        assertThat(fake.user(pool, "gone").orElseThrow().sub()).isNotEqualTo(sub);
    }

    private static AttributeType attr(String name, String value) {
        return AttributeType.builder().name(name).value(value).build();
    }

    private static void expect(Runnable call, Class<? extends CognitoIdentityProviderException> type, String code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(type, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            assertThat(e.awsErrorDetails().errorMessage()).isNotBlank();
        });
    }
}
