package io.poolsync.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

import io.poolsync.model.PoolUser;

class TargetIndexTest {

    static final Optional<String> SOURCE_SUB = Optional.of("custom:source_sub");

    @Test
    void aStoredUserComesBackAsItWentIn() {
        TargetIndex index = new TargetIndex(MatchKey.byUsername(true), SOURCE_SUB);
        PoolUser alice = new PoolUser("alice", Map.of("email", "alice@example.com", "name", "Ålice Ünïcödé 👩‍💻",
                "custom:source_sub", "s-1", "custom:long", "x".repeat(300), "custom:empty", ""), false, "RESET_REQUIRED");
        index.add(alice);

        assertThat(index.find("alice")).map(TargetIndex.Entry::user).contains(alice);
        assertThat(index.findBySourceSub("s-1")).map(TargetIndex.Entry::user).contains(alice);

        index.add(new PoolUser("bob", Map.of("sub", "target-sub", "email", "b@example.com"), true, "CONFIRMED"));
        assertThat(index.find("bob").orElseThrow().user().attributes()).as("the target's own sub is not kept")
                .containsOnly(Map.entry("email", "b@example.com"));
        assertThat(index.find("Alice")).as("case-sensitive pool").isEmpty();
        assertThat(index.size()).isEqualTo(2);
    }

    @Test
    void usersAreFoundByTheTargetsMatchKeyAndTheirMembershipsByUsername() {
        TargetIndex byEmail = new TargetIndex(new MatchKey(List.of("email"), false), SOURCE_SUB);
        byEmail.add(new PoolUser("0b1c-generated", Map.of("email", "Bob@Example.com"), true, "CONFIRMED"));
        byEmail.add(new PoolUser("9f2e-generated", Map.of("phone_number", "+15550100"), true, "CONFIRMED"));
        byEmail.addMembership("0b1c-generated", "admins");
        byEmail.addMembership("0b1c-generated", "admins");
        byEmail.addMembership("0b1c-generated", "staff");
        byEmail.addMembership("unknown-user", "staff");

        assertThat(byEmail.find("bob@example.com")).map(TargetIndex.Entry::username).contains("0b1c-generated");
        assertThat(byEmail.find("bob@example.com").orElseThrow().groups()).containsExactlyInAnyOrder("admins", "staff");
        assertThat(byEmail.find("+15550100")).as("no email, no key").isEmpty();
        assertThat(byEmail.findBySourceSub("anything")).isEmpty();

        TargetIndex insensitive = new TargetIndex(MatchKey.byUsername(false), SOURCE_SUB);
        insensitive.add(new PoolUser("Carol", Map.of(), true, "CONFIRMED"));
        insensitive.addMembership("Carol", "staff");
        assertThat(insensitive.find("carol").orElseThrow().groups()).containsExactly("staff");
    }

    @Test
    void onlyUsersCarryingANonEmptySourceSubAreOwned() {
        TargetIndex index = new TargetIndex(MatchKey.byUsername(true), SOURCE_SUB);
        index.add(new PoolUser("owned", Map.of("custom:source_sub", "s-1"), true, "CONFIRMED"));
        index.add(new PoolUser("native", Map.of("email", "n@example.com"), true, "CONFIRMED"));
        index.add(new PoolUser("blank", Map.of("custom:source_sub", ""), true, "CONFIRMED"));

        assertThat(index.entries()).extracting(TargetIndex.Entry::username, entry -> entry.sourceSub().orElse("-"))
                .containsExactly(
                        Tuple.tuple("owned", "s-1"),
                        Tuple.tuple("native", "-"),
                        Tuple.tuple("blank", "-"));
    }
}
