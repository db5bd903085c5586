package io.poolsync.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GroupType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ListUsersRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ListUsersResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserType;

/** Limits, opaque tokens, short pages, stable scans under writes, filters and the scan budget. */
class FakeCognitoPagingTest {

    private static FakeCognito fake;
    private static CognitoIdentityProviderClient client;

    @BeforeAll
    static void start() {
        fake = FakeCognito.builder().quotas(Quotas.unlimited()).randomSeed(3).start();
        client = fake.clientWithoutRetries();
    }

    @AfterAll
    static void stop() {
        client.close();
        fake.close();
    }

    @Test
    void limitAbove60IsRejectedByEveryListOperation() {
        String pool = seed("limits", 3);
        fake.seedGroup(pool, "g", null, null);

        assertThatThrownBy(() -> client.listUsers(r -> r.userPoolId(pool).limit(61)))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("less than or equal to 60");
        assertThatThrownBy(() -> client.listUsersInGroup(r -> r.userPoolId(pool).groupName("g").limit(61)))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> client.listGroups(r -> r.userPoolId(pool).limit(61)))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> client.adminListGroupsForUser(r -> r.userPoolId(pool).username("user-00000").limit(61)))
                .isInstanceOf(InvalidParameterException.class);
        assertThat(client.listUsers(r -> r.userPoolId(pool).limit(60)).users()).hasSize(3);
        assertThat(client.listUsers(r -> r.userPoolId(pool)).users()).hasSize(3);
    }

    @Test
    void fullPagesHoldExactlyLimitAndTheLastTokenIsMissing() {
        String pool = seed("full", 130);

        List<ListUsersResponse> pages = scan(pool, null, 60);

        assertThat(pages).extracting(p -> p.users().size()).containsExactly(60, 60, 10);
        assertThat(pages.get(2).paginationToken()).isNull();
        assertThat(usernames(pages)).hasSize(130).doesNotHaveDuplicates();
    }

    @Test
    void shortPagesStillReturnEveryUserExactlyOnce() {
        String pool = seed("short", 500);
        fake.shortPages(true);
        try {
            List<ListUsersResponse> pages = scan(pool, null, 60);

            long shortWithToken = pages.stream().filter(p -> p.users().size() < 60 && p.paginationToken() != null).count();
            assertThat(shortWithToken).isPositive();
            assertThat(pages).allSatisfy(p -> assertThat(p.users().size()).isLessThanOrEqualTo(60));
            assertThat(usernames(pages)).hasSize(500).doesNotHaveDuplicates();
        } finally {
            fake.shortPages(false);
        }
    }

    @Test
    void aScanSeesUsersCreatedDuringItAndSkipsUsersDeletedBeforeTheirPage() {
        String pool = seed("moving", 300);
        List<String> seen = new ArrayList<>();
        ListUsersResponse page = client.listUsers(r -> r.userPoolId(pool).limit(60));
        seen.addAll(page.users().stream().map(UserType::username).toList());

        client.adminDeleteUser(r -> r.userPoolId(pool).username("user-00010")); // already seen
        client.adminDeleteUser(r -> r.userPoolId(pool).username("user-00200")); // not yet seen
        fake.seedUser(pool, "late-arrival", Map.of(), true, UserStatusType.CONFIRMED);
        client.adminUpdateUserAttributes(r -> r.userPoolId(pool).username("user-00250")
                .userAttributes(a -> a.name("given_name").value("Renamed")));
        String token = page.paginationToken();
        while (token != null) {
            String next = token;
            page = client.listUsers(r -> r.userPoolId(pool).limit(60).paginationToken(next));
            seen.addAll(page.users().stream().map(UserType::username).toList());
            token = page.paginationToken();
        }

        assertThat(seen).doesNotHaveDuplicates().hasSize(300).contains("late-arrival", "user-00010", "user-00250")
                .doesNotContain("user-00200");
    }

    @Test
    void subPrefixSegmentsPartitionThePool() {
        String pool = seed("segments", 2000);
        Set<String> all = new HashSet<>();
        int total = 0;

        for (char hex : "0123456789abcdef".toCharArray()) {
            List<String> segment = usernames(scan(pool, "sub ^= \"" + hex + "\"", 60));
            assertThat(segment).isNotEmpty();
            total += segment.size();
            all.addAll(segment);
        }

        assertThat(total).isEqualTo(2000);
        assertThat(all).hasSize(2000);
    }

    @Test
    void subPrefixMatchingAgreesWithTheCanonicalUuidForm() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(11);
        for (int n = 0; n < 1000; n++) {
            java.util.UUID uuid = new java.util.UUID(random.nextLong(), random.nextLong());
            FakeUser user = new FakeUser(0, "x", uuid.getMostSignificantBits(), uuid.getLeastSignificantBits());
            String text = uuid.toString();
            for (int length = 0; length <= 36; length += 1 + random.nextInt(5)) {
                assertThat(UserFilter.subStartsWith(user, text.substring(0, length))).isTrue();
            }
            assertThat(UserFilter.subStartsWith(user, text.substring(0, 35) + (text.charAt(35) == '0' ? '1' : '0'))).isFalse();
            assertThat(UserFilter.subStartsWith(user, text + "0")).isFalse();
        }
    }

    @Test
    void filtersOnEverySearchableAttribute() {
        String pool = fake.seedPool("filters");
        fake.seedUser(pool, "quote", Map.of("name", "Say \"hi\"", "family_name", "Reddy", "phone_number", "+15550001",
                "preferred_username", "quoted"), true, UserStatusType.CONFIRMED);
        fake.seedUser(pool, "off", Map.of("family_name", "Reddington", "given_name", "Off"), false,
                UserStatusType.FORCE_CHANGE_PASSWORD);
        fake.seedUser(pool, "ext", Map.of("email", "ext@idp.example"), true, UserStatusType.EXTERNAL_PROVIDER);

        assertThat(usernames(scan(pool, "status = \"Disabled\"", 60))).containsExactly("off");
        assertThat(usernames(scan(pool, "status = \"Enabled\"", 60))).containsExactly("quote", "ext");
        assertThat(usernames(scan(pool, "cognito:user_status = \"force_change_password\"", 60))).containsExactly("off");
        assertThat(usernames(scan(pool, "cognito:user_status = \"EXTERNAL_PROVIDER\"", 60))).containsExactly("ext");
        assertThat(usernames(scan(pool, "family_name ^= \"Redd\"", 60))).containsExactly("quote", "off");
        assertThat(usernames(scan(pool, "family_name = \"Reddy\"", 60))).containsExactly("quote");
        assertThat(usernames(scan(pool, "phone_number ^= \"+1555\"", 60))).containsExactly("quote");
        assertThat(usernames(scan(pool, "preferred_username = \"quoted\"", 60))).containsExactly("quote");
        assertThat(usernames(scan(pool, "name = \"Say \\\"hi\\\"\"", 60))).containsExactly("quote");
        assertThat(usernames(scan(pool, "given_name=\"Off\"", 60))).containsExactly("off");
        assertThat(usernames(scan(pool, "", 60))).hasSize(3);

        for (String bad : List.of("email = ext@idp.example", "custom:source_sub = \"x\"", "locale = \"en\"",
                "email != \"x\"", "email = \"x\" and name = \"y\"", "= \"x\"")) {
            assertThatThrownBy(() -> client.listUsers(r -> r.userPoolId(pool).filter(bad)))
                    .as(bad).isInstanceOf(InvalidParameterException.class);
        }
    }

    @Test
    void attributesToGetTrimsEachUser() {
        String pool = fake.seedPool("trim");
        fake.seedUser(pool, "t", Map.of("email", "t@example.com", "given_name", "T"), true, UserStatusType.CONFIRMED);

        UserType user = client.listUsers(r -> r.userPoolId(pool).attributesToGet("email")).users().get(0);

        assertThat(user.attributes()).extracting(a -> a.name()).containsExactly("email");
    }

    @Test
    void tokensAreOpaqueAndBoundToTheirPoolAndQuery() {
        String pool = seed("tokens-a", 70);
        String other = seed("tokens-b", 70);
        String token = client.listUsers(r -> r.userPoolId(pool).limit(10)).paginationToken();

        assertThat(token).doesNotContain("user-").doesNotContain(pool);
        assertThatThrownBy(() -> client.listUsers(r -> r.userPoolId(other).paginationToken(token)))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> client.listUsers(r -> r.userPoolId(pool).filter("username ^= \"user\"").paginationToken(token)))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> client.listUsers(r -> r.userPoolId(pool).paginationToken("not-a-token")))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> client.listUsers(r -> r.userPoolId(pool).paginationToken(token.substring(0, token.length() - 2) + "AA")))
                .isInstanceOf(InvalidParameterException.class);
        assertThat(client.listUsers(r -> r.userPoolId(pool).paginationToken(token)).users()).isNotEmpty();
    }

    @Test
    void expiredTokensAreRejected() {
        try (FakeCognito shortLived = FakeCognito.builder().quotas(Quotas.unlimited()).paginationTokenTtl(Duration.ofMillis(50)).start();
             CognitoIdentityProviderClient c = shortLived.clientWithoutRetries()) {
            String pool = shortLived.seedPool("ttl");
            for (int i = 0; i < 5; i++) {
                shortLived.seedUser(pool, "u" + i, Map.of(), true, UserStatusType.CONFIRMED);
            }
            String token = c.listUsers(r -> r.userPoolId(pool).limit(2)).paginationToken();

            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            InvalidParameterException expired = null;
            while (expired == null && System.nanoTime() < deadline) { // poll until the token is older than its TTL
                try {
                    c.listUsers(r -> r.userPoolId(pool).limit(2).paginationToken(token));
                } catch (InvalidParameterException e) {
                    expired = e;
                }
            }
            assertThat(expired).isNotNull().hasMessageContaining("expired");
        }
    }

    @Test
    void aFilteredScanStopsAtTheScanBudgetWithAnEmptyPageAndAToken() {
        String pool = seed("budget", 5000);
        fake.seedUser(pool, "needle", Map.of("given_name", "Needle"), true, UserStatusType.CONFIRMED);
        fake.scanBudget(1000);
        try {
            List<ListUsersResponse> pages = scan(pool, "given_name = \"Needle\"", 60);

            assertThat(pages).hasSize(6);
            assertThat(pages.get(0).users()).isEmpty();
            assertThat(pages.get(0).paginationToken()).isNotNull();
            assertThat(usernames(pages)).containsExactly("needle");
            // exact lookups on username / sub go through an index: one call, whatever the pool size
            assertThat(scan(pool, "username = \"user-04999\"", 60)).hasSize(1);
        } finally {
            fake.scanBudget(20_000);
        }
    }

    @Test
    void groupListsPageToo() {
        String pool = seed("groups", 1);
        for (int i = 0; i < 130; i++) {
            fake.seedGroup(pool, String.format("group-%03d", i), "d" + i, i);
            if (i % 2 == 0) {
                fake.seedMembership(pool, String.format("group-%03d", i), "user-00000");
            }
        }

        List<String> groups = collect(token -> client.listGroups(r -> r.userPoolId(pool).limit(60).nextToken(token)),
                r -> r.groups().stream().map(GroupType::groupName).toList(), r -> r.nextToken());
        List<String> memberships = collect(token -> client.adminListGroupsForUser(r -> r.userPoolId(pool)
                        .username("user-00000").limit(60).nextToken(token)),
                r -> r.groups().stream().map(GroupType::groupName).toList(), r -> r.nextToken());

        assertThat(groups).hasSize(130).doesNotHaveDuplicates();
        assertThat(memberships).hasSize(65).doesNotHaveDuplicates().allMatch(g -> Integer.parseInt(g.substring(6)) % 2 == 0);
    }

    // ------------------------------------------------------------------ helpers

    private static String seed(String name, int users) {
        String pool = fake.seedPool(name, "source_sub");
        for (int i = 0; i < users; i++) {
            fake.seedUser(pool, String.format("user-%05d", i), Map.of("email", "u" + i + "@example.com",
                    "custom:source_sub", "src-" + i), true, UserStatusType.CONFIRMED);
        }
        return pool;
    }

    private static List<ListUsersResponse> scan(String pool, String filter, int limit) {
        List<ListUsersResponse> pages = new ArrayList<>();
        String token = null;
        do {
            ListUsersRequest request = ListUsersRequest.builder().userPoolId(pool).filter(filter).limit(limit)
                    .paginationToken(token).build();
            ListUsersResponse page = client.listUsers(request);
            pages.add(page);
            token = page.paginationToken();
            assertThat(pages).as("runaway scan").hasSizeLessThan(10_000);
        } while (token != null);
        return pages;
    }

    private static List<String> usernames(List<ListUsersResponse> pages) {
        return pages.stream().flatMap(p -> p.users().stream()).map(UserType::username).toList();
    }

    private static <R> List<String> collect(Function<String, R> call, Function<R, List<String>> items, Function<R, String> next) {
        List<String> all = new ArrayList<>();
        String token = null;
        do {
            R response = call.apply(token);
            all.addAll(items.apply(response));
            token = next.apply(response);
        } while (token != null);
        return all;
    }
}
