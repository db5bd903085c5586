package io.poolsync.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.util.BitSet;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminGetUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ListUsersResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UsernameExistsException;

/** Generated users: computed on read, stored once written, and indistinguishable from seeded ones over the API. */
class FakeCognitoGeneratedUsersTest {

    private static FakeCognito fake;
    private static CognitoIdentityProviderClient client;

    /** g-0, g-1, ...: a given name from the number, every fifth disabled. */
    private static final UserGenerator NUMBERED = new UserGenerator() {
        @Override
        public String username(int number) {
            return "g-" + number;
        }

        @Override
        public int number(String username) {
            if (!username.startsWith("g-")) {
                return -1;
            }
            try {
                int number = Integer.parseInt(username.substring(2));
                return username(number).equals(username) ? number : -1;
            } catch (NumberFormatException e) {
                return -1;
            }
        }

        @Override
        public String[] attributes(int number) {
            return new String[] {"given_name", "Given" + number, "custom:tenant", "t" + number % 3};
        }

        @Override
        public boolean enabled(int number) {
            return number % 5 != 0;
        }

        @Override
        public UserStatusType status(int number) {
            return UserStatusType.CONFIRMED;
        }
    };

    @BeforeAll
    static void start() {
        fake = FakeCognito.builder().quotas(Quotas.unlimited()).start();
        client = fake.clientWithoutRetries();
    }

    @AfterAll
    static void stop() {
        client.close();
        fake.close();
    }

    @Test
    void tenMillionGeneratedUsersTakeNoMemoryAndAnswerLikeStoredOnes() {
        String pool = fake.seedPool("ten-million", "tenant");
        long before = usedHeapAfterGc();
        fake.seedGeneratedUsers(pool, 10_000_000, NUMBERED);
        assertThat(usedHeapAfterGc() - before).as("heap the generated pool retains").isLessThan(16 << 20);

        assertThat(fake.userCount(pool)).isEqualTo(10_000_000);
        AdminGetUserResponse last = client.adminGetUser(r -> r.userPoolId(pool).username("g-9999999"));
        assertThat(last.userAttributes()).anySatisfy(a -> assertThat(a.name() + "=" + a.value()).isEqualTo("given_name=Given9999999"));
        assertThat(last.enabled()).isTrue();
        assertThat(fake.user(pool, "g-10").orElseThrow().enabled()).isFalse();
        String sub = fake.user(pool, "g-42").orElseThrow().sub();
        assertThat(fake.user(pool, sub)).map(FakeUserView::username).contains("g-42");
        assertThat(fake.user(pool, "g-10000000")).as("past the last number").isEmpty();
        assertThat(fake.user(pool, "g-0042")).as("not a generated username").isEmpty();

        client.adminUpdateUserAttributes(r -> r.userPoolId(pool).username("g-7").userAttributes(a -> a.name("given_name").value("Changed")));
        client.adminDisableUser(r -> r.userPoolId(pool).username("g-7"));
        assertThat(fake.user(pool, "g-7").orElseThrow().attribute("given_name")).isEqualTo("Changed");
        assertThat(fake.user(pool, "g-7").orElseThrow().enabled()).isFalse();
        assertThat(fake.user(pool, "g-7").orElseThrow().sub()).as("a written user keeps its sub").isEqualTo(
                client.listUsers(r -> r.userPoolId(pool).filter("username = \"g-7\"")).users().get(0).attributes().stream()
                        .filter(a -> a.name().equals("sub")).findFirst().orElseThrow().value());

        client.adminDeleteUser(r -> r.userPoolId(pool).username("g-8"));
        assertThatThrownBy(() -> client.adminGetUser(r -> r.userPoolId(pool).username("g-8"))).isInstanceOf(UserNotFoundException.class);
        assertThat(fake.userCount(pool)).isEqualTo(9_999_999);
        assertThatThrownBy(() -> client.adminCreateUser(r -> r.userPoolId(pool).username("g-9").messageAction(MessageActionType.SUPPRESS)))
                .isInstanceOf(UsernameExistsException.class);
        client.adminCreateUser(r -> r.userPoolId(pool).username("new-user").messageAction(MessageActionType.SUPPRESS));
        assertThat(fake.userCount(pool)).isEqualTo(10_000_000);
        assertThat(fake.user(pool, "new-user")).isPresent();
    }

    @Test
    void aSegmentedScanReturnsEveryGeneratedUserOnceWithWritesAndDeletesApplied() {
        String pool = fake.seedPool("scanned", "tenant");
        int users = 6_000;
        fake.seedGeneratedUsers(pool, users, NUMBERED);
        client.adminDeleteUser(r -> r.userPoolId(pool).username("g-5"));
        client.adminUpdateUserAttributes(r -> r.userPoolId(pool).username("g-6").userAttributes(a -> a.name("given_name").value("Six")));
        client.adminCreateUser(r -> r.userPoolId(pool).username("late").messageAction(MessageActionType.SUPPRESS));

        BitSet seen = new BitSet(users);
        Set<String> others = new HashSet<>();
        for (char hex : "0123456789abcdef".toCharArray()) {
            String token = null;
            do {
                String next = token;
                ListUsersResponse page = client.listUsers(r -> r.userPoolId(pool).limit(60).filter("sub ^= \"" + hex + "\"")
                        .paginationToken(next));
                for (UserType user : page.users()) {
                    int number = NUMBERED.number(user.username());
                    if (number < 0) {
                        assertThat(others.add(user.username())).isTrue();
                        continue;
                    }
                    assertThat(seen.get(number)).as(user.username() + " once").isFalse();
                    seen.set(number);
                    String givenName = user.attributes().stream().filter(a -> a.name().equals("given_name")).findFirst()
                            .orElseThrow().value();
                    assertThat(givenName).isEqualTo(number == 6 ? "Six" : "Given" + number);
                    assertThat(user.attributes().stream().filter(a -> a.name().equals("sub")).findFirst().orElseThrow()
                            .value()).startsWith(String.valueOf(hex));
                }
                token = page.paginationToken();
            } while (token != null);
        }
        assertThat(seen.cardinality()).isEqualTo(users - 1);
        assertThat(seen.get(5)).isFalse();
        assertThat(others).containsExactly("late");
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 2; i++) {
            System.gc(); // a measurement, not synchronisation
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
