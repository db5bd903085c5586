package io.poolsync.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TargetUserStoreTest {

    private static final Digests FULL = new Digests(42, 64);
    /** Two bits: four possible digests, so users collide all the time. */
    private static final Digests TINY = new Digests(42, 2);

    private static TargetUserStore.User user(Digests digests, String username, String key, String sourceSub) {
        return new TargetUserStore.User(username, key != null, key == null ? 0 : digests.of(key), sourceSub != null,
                sourceSub == null ? 0 : digests.of(sourceSub), digests.ofAttributes(Map.of("email", key == null ? "" : key),
                        name -> true), "CONFIRMED", true, 1_700_000_000_123L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice", "a", "exactly16bytes!!", "seventeen-bytes!!", "Ålice Ünïcödé 👩‍💻",
            "0b1c2d3e-4f50-4617-8899-aabbccddeeff", "0B1C2D3E-4F50-4617-8899-AABBCCDDEEFF", "not-a-uuid-but-36-chars-long-xxxxxxx",
            "bob@example.com", "a-very-long-username-that-goes-to-the-spill-area@example.com"})
    void usernamesComeBackExactly(String username) {
        TargetUserStore store = new TargetUserStore();
        store.add(user(FULL, "before", "before", null));
        int entry = store.add(user(FULL, username, username, null));
        store.add(user(FULL, "after", "after", null));

        assertThat(store.username(entry)).isEqualTo(username);
        assertThat(store.username(0)).isEqualTo("before");
        assertThat(store.username(2)).isEqualTo("after");
    }

    @Test
    void aCognitoMaximumUsernameOf128CharactersSpillsAndComesBack() {
        TargetUserStore store = new TargetUserStore();
        List<String> usernames = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            // 128 characters of up to 4 UTF-8 bytes: the spill area fills several chunks.
            usernames.add(("👩‍💻" + i).repeat(40).substring(0, 128));
            store.add(user(FULL, usernames.get(i), usernames.get(i), null));
        }
        IntStream.range(0, usernames.size()).forEach(i -> assertThat(store.username(i)).isEqualTo(usernames.get(i)));
    }

    @Test
    void whatAUserIsAddedWithIsWhatItAnswers() {
        TargetUserStore store = new TargetUserStore();
        int owned = store.add(new TargetUserStore.User("owned", true, 11, true, 22, 33, "FORCE_CHANGE_PASSWORD", false,
                1_700_000_000_123L));
        int nativeUser = store.add(new TargetUserStore.User("native", false, 0, false, 0, 44, "CONFIRMED", true, 5));

        assertThat(store.size()).isEqualTo(2);
        assertThat(store.hasKey(owned)).isTrue();
        assertThat(store.keyDigest(owned)).isEqualTo(11);
        assertThat(store.owned(owned)).isTrue();
        assertThat(store.sourceSubDigest(owned)).isEqualTo(22);
        assertThat(store.stateDigest(owned)).isEqualTo(33);
        assertThat(store.status(owned)).isEqualTo("FORCE_CHANGE_PASSWORD");
        assertThat(store.enabled(owned)).isFalse();
        assertThat(store.createdMillis(owned)).isEqualTo(1_700_000_000_123L);

        assertThat(store.hasKey(nativeUser)).isFalse();
        assertThat(store.owned(nativeUser)).isFalse();
        assertThat(store.status(nativeUser)).isEqualTo("CONFIRMED");
        assertThat(store.enabled(nativeUser)).isTrue();
        assertThat(store.withKey(0)).as("a user without a key is not found by key").isEmpty();
        assertThat(store.withSourceSub(0)).as("an unowned user is not found by source sub").isEmpty();
        assertThat(store.withKey(11)).containsExactly(owned);
        assertThat(store.withSourceSub(22)).containsExactly(owned);

        assertThat(store.matched(owned)).isFalse();
        store.markMatched(owned);
        assertThat(store.matched(owned)).isTrue();
        assertThat(store.matched(nativeUser)).isFalse();
        store.claimKey(nativeUser);
        assertThat(store.keyClaimed(nativeUser)).isTrue();
        assertThat(store.keyClaimed(owned)).isFalse();
        assertThat(store.status(owned)).as("marks leave the rest of the word alone").isEqualTo("FORCE_CHANGE_PASSWORD");
        assertThat(store.createdMillis(owned)).isEqualTo(1_700_000_000_123L);
    }

    @Test
    void duplicateKeysAreAllFound() {
        TargetUserStore store = new TargetUserStore();
        int first = store.add(user(FULL, "u1", "same@example.com", "s-1"));
        store.add(user(FULL, "u2", "other@example.com", "s-2"));
        int second = store.add(user(FULL, "u3", "same@example.com", "s-1"));

        assertThat(store.withKey(FULL.of("same@example.com"))).containsExactlyInAnyOrder(first, second);
        assertThat(store.withSourceSub(FULL.of("s-1"))).containsExactlyInAnyOrder(first, second);
        assertThat(store.withKey(FULL.of("nobody@example.com"))).isEmpty();
    }

    @Test
    void withATinyDigestEveryUserSharingADigestIsAnsweredAndTheCallerTellsThemApart() {
        TargetUserStore store = new TargetUserStore();
        for (int i = 0; i < 100; i++) {
            store.add(user(TINY, "user-" + i, "key-" + i, "sub-" + i));
        }
        for (int i = 0; i < 100; i++) {
            int[] candidates = store.withKey(TINY.of("key-" + i));
            // About a quarter of all users share each two-bit digest; exactly one of them is user i.
            assertThat(candidates.length).isGreaterThan(1);
            String wanted = "user-" + i;
            assertThat(IntStream.of(candidates).filter(entry -> store.username(entry).equals(wanted))).hasSize(1);
            assertThat(IntStream.of(candidates).mapToLong(store::keyDigest).distinct()).containsExactly(TINY.of("key-" + i));
            assertThat(store.withSourceSub(TINY.of("sub-" + i))).contains(i);
        }
        assertThat(IntStream.range(0, 4).map(digest -> store.withKey(digest).length).sum()).isEqualTo(100);
    }

    @Test
    void growsPastManyTableResizesAndChunksKeepingEveryUser() {
        TargetUserStore store = new TargetUserStore();
        int users = 100_000;
        for (int i = 0; i < users; i++) {
            store.add(user(FULL, i % 2 == 0 ? "user-" + i : new UUID(i, ~i).toString(), "k" + i, "s" + i));
        }
        assertThat(store.size()).isEqualTo(users);
        for (int i = 0; i < users; i++) {
            assertThat(store.withKey(FULL.of("k" + i))).containsExactly(i);
            assertThat(store.withSourceSub(FULL.of("s" + i))).containsExactly(i);
            assertThat(store.username(i)).isEqualTo(i % 2 == 0 ? "user-" + i : new UUID(i, ~i).toString());
        }
    }

    @Test
    void groupSetsAreSharedAndAddingAGroupTwiceChangesNothing() {
        TargetUserStore store = new TargetUserStore();
        int alice = store.add(user(FULL, "alice", "alice", null));
        int bob = store.add(user(FULL, "bob", "bob", null));
        for (int i = 0; i < 10_000; i++) {
            store.add(user(FULL, "filler-" + i, null, null));
        }
        int last = store.add(user(FULL, "last", "last", null));

        store.addGroup(alice, "staff");
        store.addGroup(alice, "admins");
        store.addGroup(alice, "staff");
        store.addGroup(bob, "admins");
        store.addGroup(bob, "staff");
        store.addGroup(last, "readers");

        assertThat(store.groups(alice)).containsExactlyInAnyOrder("admins", "staff");
        assertThat(store.groups(bob)).containsExactlyInAnyOrder("admins", "staff");
        assertThat(store.groups(last)).containsExactly("readers");
        assertThat(store.groups(5)).isEmpty();
    }

    @Test
    void moreDistinctGroupSetsThanTheUsersWordHoldsAreKeptAside() {
        TargetUserStore store = new TargetUserStore();
        int users = 3_000;
        for (int i = 0; i < users; i++) {
            store.add(user(FULL, "user-" + i, "user-" + i, null));
            store.addGroup(i, "tenant-" + i);
            store.addGroup(i, "everyone");
        }
        for (int i = 0; i < users; i++) {
            assertThat(store.groups(i)).containsExactlyInAnyOrder("tenant-" + i, "everyone");
            assertThat(store.status(i)).isEqualTo("CONFIRMED");
            assertThat(store.createdMillis(i)).isEqualTo(1_700_000_000_123L);
        }
    }

    @Test
    void aCreateDateOutsideTheStoredRangeIsClamped() {
        TargetUserStore store = new TargetUserStore();
        int early = store.add(new TargetUserStore.User("early", false, 0, false, 0, 0, "CONFIRMED", true, -1));
        int late = store.add(new TargetUserStore.User("late", false, 0, false, 0, 0, "CONFIRMED", true, Long.MAX_VALUE));
        assertThat(store.createdMillis(early)).isZero();
        assertThat(store.createdMillis(late)).isEqualTo((1L << 42) - 1);
    }

    @Test
    void attributeDigestsIgnoreOrderAndExcludedNamesButNotValues() {
        Map<String, String> one = Map.of("email", "a@example.com", "given_name", "Ann", "sub", "x");
        Map<String, String> same = new java.util.TreeMap<>(Map.of("given_name", "Ann", "email", "a@example.com", "sub", "y"));
        assertThat(FULL.ofAttributes(one, name -> !name.equals("sub"))).isEqualTo(FULL.ofAttributes(same, name -> !name.equals("sub")));
        assertThat(FULL.ofAttributes(one, name -> true)).isNotEqualTo(FULL.ofAttributes(same, name -> true));
        assertThat(FULL.ofAttributes(Map.of("a", "bc"), name -> true)).as("name and value are not run together")
                .isNotEqualTo(FULL.ofAttributes(Map.of("ab", "c"), name -> true));
        assertThat(FULL.ofAttributes(Map.of("a", "1", "b", "2"), name -> true))
                .isNotEqualTo(FULL.ofAttributes(Map.of("a", "2", "b", "1"), name -> true));
        assertThat(new Digests(1, 64).of("alice")).as("another seed, another digest").isNotEqualTo(new Digests(2, 64).of("alice"));
    }
}
