package io.poolsync.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.poolsync.cognito.PoolCallException;
import io.poolsync.cognito.TargetPool;
import io.poolsync.model.PoolGroup;
import io.poolsync.model.PoolUser;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeDataType;

/**
 * What a sync pass relies on from a pool, through its ports ({@link TargetPool}, which a source pool's reads share):
 * run against the in-memory pool the pass's plain tests use, and against {@link io.poolsync.cognito.PoolGateway} on
 * the fake and on cognito-local, which pass {@link CognitoContract}. So the in-memory pool answers as Cognito does
 * wherever the pass can tell. Each test gets a new, empty pool that signs in by case-sensitive username and has the
 * custom attribute {@code custom:source_sub}; the tests of other username settings make their own.
 */
abstract class PoolPortContract {

    private TargetPool pool;

    /**
     * A new, empty pool with the custom attribute {@code custom:source_sub}.
     *
     * @param usernameAttributes what the pool signs in with besides its usernames (UsernameAttributes): none, email
     * @param caseSensitive      UsernameConfiguration.CaseSensitive
     */
    protected abstract TargetPool newPool(List<String> usernameAttributes, boolean caseSensitive);

    @BeforeEach
    void newPoolForEachTest() {
        pool = newPool(List.of(), true);
    }

    @Test
    void aPoolSigningInByEmailGeneratesTheUsernameAndFindsTheUserByEmail() {
        TargetPool byEmail = newPool(List.of("email"), false);

        byEmail.createUser("jo@example.com", Map.of("email", "jo@example.com", "custom:source_sub", "s-1"), List.of());

        List<PoolUser> listed = new ArrayList<>();
        byEmail.forEachUser(Optional.empty(), listed::add);
        assertThat(listed).singleElement().satisfies(jo -> {
            assertThat(jo.username()).isNotEqualTo("jo@example.com").isEqualTo(jo.attributes().get(PoolUser.SUB));
            assertThat(jo.attributes()).containsEntry("email", "jo@example.com").containsEntry("custom:source_sub", "s-1");
            assertThat(byEmail.findUser("jo@example.com")).get().extracting(PoolUser::username)
                    .isEqualTo(jo.username());
        });
    }

    @Test
    void aPoolSigningInByEmailRefusesASecondUserWithTheEmailAndAUsernameThatIsNoEmail() {
        TargetPool byEmail = newPool(List.of("email"), false);
        byEmail.createUser("jo@example.com", Map.of("email", "jo@example.com"), List.of());

        assertThatThrownBy(() -> byEmail.createUser("jo@example.com", Map.of("email", "jo@example.com"), List.of()))
                .isInstanceOfSatisfying(PoolCallException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(PoolCallException.USERNAME_EXISTS));
        assertThatThrownBy(() -> byEmail.createUser("not-an-address", Map.of("email", "not-an-address"), List.of()))
                .isInstanceOfSatisfying(PoolCallException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("InvalidParameterException");
                    assertThat(e.getMessage()).contains("Username should be an email");
                });
        List<PoolUser> listed = new ArrayList<>();
        byEmail.forEachUser(Optional.empty(), listed::add);
        assertThat(listed).hasSize(1);
    }

    @Test
    void aCaseInsensitivePoolFindsAUserByAnyCaseAndRefusesTheNameInAnotherCase() {
        TargetPool anyCase = newPool(List.of(), false);
        anyCase.createUser("Alice", Map.of("given_name", "Alice"), List.of());

        assertThat(anyCase.findUser("alice")).get().satisfies(
                alice -> assertThat(alice.attributes()).containsEntry("given_name", "Alice"));
        assertThatThrownBy(() -> anyCase.createUser("ALICE", Map.of(), List.of())).isInstanceOfSatisfying(
                PoolCallException.class, e -> assertThat(e.errorCode()).isEqualTo(PoolCallException.USERNAME_EXISTS));
        anyCase.updateAttributes("alice", Map.of("given_name", "Alicia"));
        assertThat(anyCase.findUser("Alice").orElseThrow().attributes()).containsEntry("given_name", "Alicia");
    }

    @Test
    void aCaseSensitivePoolTellsNamesInAnotherCaseApart() {
        pool.createUser("Alice", Map.of(), List.of());

        assertThat(pool.findUser("alice")).isEmpty();
        pool.createUser("alice", Map.of(), List.of());
        assertThat(usernames()).containsExactlyInAnyOrder("Alice", "alice");
    }

    @Test
    void aCreatedUserIsFoundWithItsAttributesAWaitingPasswordAndASubOfItsOwn() {
        pool.createUser("alice", Map.of("email", "alice@example.com", "custom:source_sub", "s-1"), List.of());

        PoolUser alice = pool.findUser("alice").orElseThrow();
        assertThat(alice.attributes()).containsEntry("email", "alice@example.com").containsEntry("custom:source_sub", "s-1")
                .containsKey(PoolUser.SUB);
        assertThat(alice.attributes().get(PoolUser.SUB)).isNotEqualTo("s-1");
        assertThat(alice.status()).isEqualTo("FORCE_CHANGE_PASSWORD");
        assertThat(alice.enabled()).isTrue();
    }

    @Test
    void aSecondCreateOfAUsernameIsUsernameExists() {
        pool.createUser("alice", Map.of(), List.of());

        assertThatThrownBy(() -> pool.createUser("alice", Map.of(), List.of())).isInstanceOfSatisfying(
                PoolCallException.class, e -> assertThat(e.errorCode()).isEqualTo(PoolCallException.USERNAME_EXISTS));
    }

    @Test
    void aPermanentPasswordConfirmsTheUser() {
        pool.createUser("alice", Map.of(), List.of());

        pool.setPermanentPassword("alice", "Pa55word!x-long-enough");

        assertThat(pool.findUser("alice").orElseThrow().status()).isEqualTo("CONFIRMED");
    }

    @Test
    void attributesAreUpdatedAndDeleted() {
        pool.createUser("alice", Map.of("email", "alice@example.com", "given_name", "Alice"), List.of());

        pool.updateAttributes("alice", Map.of("given_name", "Alicia"));
        pool.deleteAttributes("alice", List.of("email"));

        Map<String, String> attributes = pool.findUser("alice").orElseThrow().attributes();
        assertThat(attributes).containsEntry("given_name", "Alicia").doesNotContainKey("email");
    }

    @Test
    void aUserIsDisabledAndEnabled() {
        pool.createUser("alice", Map.of(), List.of());

        pool.setEnabled("alice", false);
        assertThat(pool.findUser("alice").orElseThrow().enabled()).isFalse();
        pool.setEnabled("alice", true);
        assertThat(pool.findUser("alice").orElseThrow().enabled()).isTrue();
    }

    @Test
    void aDeletedUserIsGoneFromReadsAndListings() {
        pool.createUser("alice", Map.of(), List.of());
        pool.createUser("bob", Map.of(), List.of());

        pool.deleteUser("alice");

        assertThat(pool.findUser("alice")).isEmpty();
        assertThat(usernames()).containsExactly("bob");
    }

    @Test
    void everyUserIsListedOnce() {
        for (int i = 0; i < 7; i++) {
            pool.createUser("user-" + i, Map.of(), List.of());
        }

        assertThat(usernames()).hasSize(7).doesNotHaveDuplicates();
    }

    @Test
    void anUnknownUserIsEmptyToReadAndUserNotFoundToDelete() {
        assertThat(pool.findUser("nobody")).isEmpty();
        assertThatThrownBy(() -> pool.deleteUser("nobody")).isInstanceOfSatisfying(PoolCallException.class,
                e -> assertThat(e.errorCode()).isEqualTo("UserNotFoundException"));
    }

    @Test
    void groupsAreCreatedUpdatedAndFilled() {
        pool.createUser("alice", Map.of(), List.of());
        pool.createUser("bob", Map.of(), List.of());
        pool.createGroup(new PoolGroup("admins", "Administrators", 1, null));
        pool.createGroup(new PoolGroup("staff", null, null, null));

        pool.updateGroup(new PoolGroup("admins", "Admins", 2, null));
        pool.addToGroup("alice", "admins");
        pool.addToGroup("bob", "admins");
        pool.addToGroup("alice", "staff");
        pool.removeFromGroup("bob", "admins");

        assertThat(pool.groups()).extracting(PoolGroup::name).containsExactlyInAnyOrder("admins", "staff");
        assertThat(pool.groups()).filteredOn(group -> group.name().equals("admins")).singleElement()
                .satisfies(group -> {
                    assertThat(group.description()).isEqualTo("Admins");
                    assertThat(group.precedence()).isEqualTo(2);
                });
        List<String> admins = new ArrayList<>();
        pool.forEachMember("admins", member -> admins.add(member.username()));
        assertThat(admins).containsExactly("alice");
        assertThat(pool.groupsOf("alice")).isEqualTo(Set.of("admins", "staff"));
        assertThat(pool.groupsOf("bob")).isEmpty();
    }

    @Test
    void aSecondCreateOfAGroupIsGroupExists() {
        pool.createGroup(new PoolGroup("admins", null, null, null));

        assertThatThrownBy(() -> pool.createGroup(new PoolGroup("admins", null, null, null))).isInstanceOfSatisfying(
                PoolCallException.class, e -> assertThat(e.errorCode()).isEqualTo(PoolCallException.GROUP_EXISTS));
    }

    @Test
    void addingToAnUnknownGroupIsResourceNotFound() {
        pool.createUser("alice", Map.of(), List.of());

        assertThatThrownBy(() -> pool.addToGroup("alice", "nowhere")).isInstanceOfSatisfying(PoolCallException.class,
                e -> assertThat(e.errorCode()).isEqualTo("ResourceNotFoundException"));
    }

    /** A pool through the SDK, as {@link #newPool} describes it. */
    static String createPool(CognitoIdentityProviderClient client, String name, List<String> usernameAttributes,
            boolean caseSensitive) {
        return client.createUserPool(r -> r.poolName(name).usernameAttributesWithStrings(usernameAttributes)
                .usernameConfiguration(c -> c.caseSensitive(caseSensitive))
                .schema(a -> a.name("source_sub").attributeDataType(AttributeDataType.STRING).mutable(true)))
                .userPool().id();
    }

    private List<String> usernames() {
        List<String> names = new ArrayList<>();
        pool.forEachUser(Optional.empty(), user -> names.add(user.username()));
        return names;
    }
}
