package io.poolsync.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

import io.poolsync.model.PoolUser;

class TargetIndexTest {

    static final Optional<String> SOURCE_SUB = Optional.of("custom:source_sub");
    static final Set<String> COMPARED = Set.of("email", "name", "custom:long", "custom:empty");
    static final Digests DIGESTS = new Digests(3, 64);

    static TargetIndex index(MatchKey matchKey, Digests digests) {
        return new TargetIndex(matchKey, SOURCE_SUB, COMPARED, false, digests);
    }

    @Test
    void aStoredUserAnswersWhatThePlannerAsks() {
        TargetIndex index = index(MatchKey.byUsername(true), DIGESTS);
        Map<String, String> attributes = Map.of("email", "alice@example.com", "name", "Ålice Ünïcödé 👩‍💻",
                "custom:source_sub", "s-1", "custom:long", "x".repeat(300), "custom:empty", "");
        index.add(new PoolUser("alice", attributes, false, "RESET_REQUIRED"));

        TargetIndex.Entry alice = index.find("alice").orElseThrow();
        assertThat(alice.username()).isEqualTo("alice");
        assertThat(alice.enabled()).isFalse();
        assertThat(alice.status()).isEqualTo("RESET_REQUIRED");
        assertThat(alice.owned()).isTrue();
        assertThat(alice.ownedBy("s-1")).isTrue();
        assertThat(alice.ownedBy("s-2")).isFalse();
        assertThat(alice.stateDigest()).as("the digest of the compared attributes, as the planner digests the desired ones")
                .isEqualTo(index.stateDigest(attributes, List.of()))
                .isNotEqualTo(index.stateDigest(Map.of("email", "alice@example.com"), List.of()));
        assertThat(index.findBySourceSub("s-1")).contains(alice);

        index.add(new PoolUser("bob", Map.of("sub", "target-sub", "email", "b@example.com", "custom:app", "x"), true,
                "CONFIRMED"));
        assertThat(index.find("bob").orElseThrow().stateDigest())
                .as("the target's own sub and attributes poolsync doesn't compare are not in the digest")
                .isEqualTo(index.stateDigest(Map.of("email", "b@example.com"), List.of()));
        assertThat(index.find("Alice")).as("case-sensitive pool").isEmpty();
        assertThat(index.size()).isEqualTo(2);
    }

    @Test
    void usersAreFoundByTheTargetsMatchKeyAndTheirMembershipsByKeyAndUsername() {
        TargetIndex byEmail = index(new MatchKey(List.of("email"), false), DIGESTS);
        PoolUser bob = new PoolUser("0b1c-generated", Map.of("email", "Bob@Example.com"), true, "CONFIRMED");
        byEmail.add(bob);
        byEmail.add(new PoolUser("9f2e-generated", Map.of("phone_number", "+15550100"), true, "CONFIRMED"));
        byEmail.addMembership(bob, "admins");
        byEmail.addMembership(bob, "admins");
        byEmail.addMembership(bob, "staff");
        byEmail.addMembership(new PoolUser("unknown-user", Map.of("email", "bob@example.com"), true, "CONFIRMED"), "other");

        assertThat(byEmail.find("bob@example.com")).map(TargetIndex.Entry::username).contains("0b1c-generated");
        assertThat(byEmail.find("bob@example.com").orElseThrow().groups()).containsExactlyInAnyOrder("admins", "staff");
        assertThat(byEmail.find("+15550100")).as("no email, no key").isEmpty();
        assertThat(byEmail.findBySourceSub("anything")).isEmpty();

        TargetIndex insensitive = index(MatchKey.byUsername(false), DIGESTS);
        PoolUser carol = new PoolUser("Carol", Map.of(), true, "CONFIRMED");
        insensitive.add(carol);
        insensitive.addMembership(carol, "staff");
        assertThat(insensitive.find("carol").orElseThrow().groups()).containsExactly("staff");
    }

    @Test
    void onlyUsersCarryingANonEmptySourceSubAreOwned() {
        TargetIndex index = index(MatchKey.byUsername(true), DIGESTS);
        index.add(new PoolUser("owned", Map.of("custom:source_sub", "s-1"), true, "CONFIRMED"));
        index.add(new PoolUser("native", Map.of("email", "n@example.com"), true, "CONFIRMED"));
        index.add(new PoolUser("blank", Map.of("custom:source_sub", ""), true, "CONFIRMED"));

        List<TargetIndex.Entry> entries = new ArrayList<>();
        index.forEach(entries::add);
        assertThat(entries).extracting(TargetIndex.Entry::username, entry -> entry.ownedBy("s-1"), TargetIndex.Entry::owned)
                .containsExactly(
                        Tuple.tuple("owned", true, true),
                        Tuple.tuple("native", false, false),
                        Tuple.tuple("blank", false, false));
    }

    @Test
    void ofUsersSharingAKeyTheSameOneIsFoundWhateverTheListingOrder() {
        PoolUser nativeEarly = user("u-native", "dup@example.com", null, "2020-01-01T00:00:00Z");
        PoolUser ownedLate = user("u-owned-late", "dup@example.com", "s-1", "2022-01-01T00:00:00Z");
        PoolUser ownedEarly = user("u-owned-early", "dup@example.com", "s-2", "2021-01-01T00:00:00Z");
        PoolUser ownedSameTime = user("u-owned-early-b", "dup@example.com", "s-3", "2021-01-01T00:00:00Z");
        for (List<PoolUser> order : List.of(List.of(nativeEarly, ownedLate, ownedEarly, ownedSameTime),
                List.of(ownedSameTime, ownedEarly, ownedLate, nativeEarly))) {
            TargetIndex index = index(new MatchKey(List.of("email"), false), DIGESTS);
            order.forEach(index::add);
            assertThat(index.find("dup@example.com")).map(TargetIndex.Entry::username)
                    .as("owned first, then the earliest created, then the smallest username").contains("u-owned-early");
        }
    }

    @Test
    void digestCollisionsNeverMatchAUsernameKeyToAnotherUser() {
        // Two bits: a quarter of all keys share each digest.
        TargetIndex index = index(MatchKey.byUsername(true), new Digests(3, 2));
        for (int i = 0; i < 40; i++) {
            index.add(new PoolUser("user-" + i, Map.of("custom:source_sub", "s-" + i), true, "CONFIRMED"));
        }
        for (int i = 0; i < 40; i++) {
            assertThat(index.find("user-" + i)).map(TargetIndex.Entry::username).contains("user-" + i);
        }
        assertThat(index.find("user-40")).isEmpty();
        // By source sub, the digest alone answers: the applier checks the owner mark on its read before any write.
        assertThat(index.findBySourceSub("s-7").orElseThrow().ownedBy("s-7")).isTrue();
    }

    private static PoolUser user(String username, String email, String sourceSub, String created) {
        return new PoolUser(username, sourceSub == null ? Map.of("email", email)
                : Map.of("email", email, "custom:source_sub", sourceSub), true, "CONFIRMED", Instant.parse(created));
    }
}
