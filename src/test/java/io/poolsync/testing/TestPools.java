package io.poolsync.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeDataType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GroupType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ListUsersResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.SchemaAttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UsernameAttributeType;

/** Creates, seeds and reads pools through the real SDK, independently of poolsync's own code. */
public final class TestPools {

    /** A user as a test sees it in a pool. */
    public record StoredUser(String username, Map<String, String> attributes, boolean enabled, String status,
            Instant lastModified) {
        public String attribute(String name) {
            return attributes.get(name);
        }
    }

    private final CognitoIdentityProviderClient client;

    public TestPools(CognitoIdentityProviderClient client) {
        this.client = client;
    }

    public CognitoIdentityProviderClient client() {
        return client;
    }

    /** A pool with the custom attributes the scenarios use; with {@code sourceSub}, also poolsync's custom:source_sub. */
    public String createPool(String name, boolean emailAsUsername, boolean sourceSub) {
        return createPool(name, emailAsUsername, sourceSub, true);
    }

    /** As above; {@code caseSensitive=false} declares usernames case-insensitive (UsernameConfiguration). */
    public String createPool(String name, boolean emailAsUsername, boolean sourceSub, boolean caseSensitive) {
        List<SchemaAttributeType> schema = new ArrayList<>();
        schema.add(custom("tenant", true));
        schema.add(custom("plan", true));
        if (sourceSub) {
            schema.add(custom("source_sub", false));
        }
        return client.createUserPool(r -> {
            r.poolName(name).schema(schema);
            if (!caseSensitive) {
                r.usernameConfiguration(c -> c.caseSensitive(false));
            }
            if (emailAsUsername) {
                r.usernameAttributes(UsernameAttributeType.EMAIL);
            }
        }).userPool().id();
    }

    private static SchemaAttributeType custom(String name, boolean mutable) {
        return SchemaAttributeType.builder().name(name).attributeDataType(AttributeDataType.STRING).mutable(mutable).build();
    }

    /** Creates a confirmed user with these attributes, disabled when asked. */
    public void addUser(String poolId, String username, Map<String, String> attributes, boolean enabled) {
        client.adminCreateUser(r -> r.userPoolId(poolId).username(username).messageAction(MessageActionType.SUPPRESS)
                .userAttributes(toAttributes(attributes)));
        client.adminSetUserPassword(r -> r.userPoolId(poolId).username(username).password("Source-Passw0rd!").permanent(true));
        if (!enabled) {
            client.adminDisableUser(r -> r.userPoolId(poolId).username(username));
        }
    }

    /** A user who signed up and never confirmed: status UNCONFIRMED. */
    public void addUnconfirmedUser(String poolId, String username, Map<String, String> attributes) {
        String clientId = client.createUserPoolClient(r -> r.userPoolId(poolId).clientName("signup")).userPoolClient().clientId();
        client.signUp(r -> r.clientId(clientId).username(username).password("Source-Passw0rd!")
                .userAttributes(toAttributes(attributes)));
    }

    /** A user created by an admin who never signed in: status FORCE_CHANGE_PASSWORD. */
    public void addInvitedUser(String poolId, String username, Map<String, String> attributes) {
        client.adminCreateUser(r -> r.userPoolId(poolId).username(username).messageAction(MessageActionType.SUPPRESS)
                .userAttributes(toAttributes(attributes)));
    }

    /** An app client of the pool, and its secret when it has one. */
    public record AppClient(String clientId, String clientSecret) {
    }

    /** An app client that signs users in with AdminInitiateAuth (ADMIN_USER_PASSWORD_AUTH), with a secret when asked. */
    public AppClient createAdminAuthClient(String poolId, boolean withSecret) {
        UserPoolClientType created = client.createUserPoolClient(r -> r.userPoolId(poolId).clientName("admin-auth")
                .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_ADMIN_USER_PASSWORD_AUTH).generateSecret(withSecret))
                .userPoolClient();
        return new AppClient(created.clientId(), created.clientSecret());
    }

    public void setPassword(String poolId, String username, String password) {
        client.adminSetUserPassword(r -> r.userPoolId(poolId).username(username).password(password).permanent(true));
    }

    public void createGroup(String poolId, String name, String description, Integer precedence, String roleArn) {
        client.createGroup(r -> r.userPoolId(poolId).groupName(name).description(description).precedence(precedence)
                .roleArn(roleArn));
    }

    public void addToGroup(String poolId, String username, String group) {
        client.adminAddUserToGroup(r -> r.userPoolId(poolId).username(username).groupName(group));
    }

    public void removeFromGroup(String poolId, String username, String group) {
        client.adminRemoveUserFromGroup(r -> r.userPoolId(poolId).username(username).groupName(group));
    }

    /** The pool's groups by name. */
    public Map<String, GroupType> groups(String poolId) {
        Map<String, GroupType> groups = new TreeMap<>();
        client.listGroups(r -> r.userPoolId(poolId)).groups().forEach(group -> groups.put(group.groupName(), group));
        return groups;
    }

    /** The usernames of a group's members. */
    public Set<String> members(String poolId, String group) {
        Set<String> members = new TreeSet<>();
        client.listUsersInGroup(r -> r.userPoolId(poolId).groupName(group)).users().forEach(user -> members.add(user.username()));
        return members;
    }

    public void updateAttributes(String poolId, String username, Map<String, String> attributes) {
        client.adminUpdateUserAttributes(r -> r.userPoolId(poolId).username(username).userAttributes(toAttributes(attributes)));
    }

    public void disable(String poolId, String username) {
        client.adminDisableUser(r -> r.userPoolId(poolId).username(username));
    }

    public void enable(String poolId, String username) {
        client.adminEnableUser(r -> r.userPoolId(poolId).username(username));
    }

    public void deleteAttributes(String poolId, String username, String... names) {
        client.adminDeleteUserAttributes(r -> r.userPoolId(poolId).username(username).userAttributeNames(names));
    }

    /** Source users' UserCreateDate and sub, by username. */
    public Map<String, UserType> listed(String poolId) {
        Map<String, UserType> users = new TreeMap<>();
        client.listUsers(r -> r.userPoolId(poolId)).users().forEach(user -> users.put(user.username(), user));
        return users;
    }

    public void delete(String poolId, String username) {
        client.adminDeleteUser(r -> r.userPoolId(poolId).username(username));
    }

    /** Every user of the pool, by username, following pagination tokens where the backend has them. */
    public Map<String, StoredUser> users(String poolId) {
        Map<String, StoredUser> users = new TreeMap<>();
        String token = null;
        do {
            String pageToken = token;
            ListUsersResponse page = client.listUsers(r -> r.userPoolId(poolId).paginationToken(pageToken));
            for (UserType user : page.users()) {
                users.put(user.username(), new StoredUser(user.username(), toMap(user.attributes()),
                        Boolean.TRUE.equals(user.enabled()), user.userStatusAsString(), user.userLastModifiedDate()));
            }
            token = page.paginationToken();
        } while (token != null);
        return users;
    }

    /** Users keyed by one attribute, for pools whose usernames Cognito generates. */
    public Map<String, StoredUser> usersBy(String poolId, String attribute) {
        Map<String, StoredUser> users = new TreeMap<>();
        users(poolId).values().forEach(user -> users.put(user.attribute(attribute), user));
        return users;
    }

    private static List<AttributeType> toAttributes(Map<String, String> attributes) {
        return attributes.entrySet().stream()
                .map(e -> AttributeType.builder().name(e.getKey()).value(e.getValue()).build())
                .toList();
    }

    private static Map<String, String> toMap(List<AttributeType> attributes) {
        Map<String, String> map = new HashMap<>();
        attributes.forEach(a -> map.put(a.name(), a.value()));
        return map;
    }
}
