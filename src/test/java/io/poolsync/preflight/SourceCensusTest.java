package io.poolsync.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.poolsync.model.PoolUser;

class SourceCensusTest {

    private static final Set<String> REPLICATED = Set.of("CONFIRMED", "FORCE_CHANGE_PASSWORD", "RESET_REQUIRED");

    @Test
    void countsStatusesDisabledUsersAndFederatedUsersPerProvider() {
        SourceCensus census = new SourceCensus(REPLICATED, Optional.empty(), Map.of());
        census.add(user("alice", "CONFIRMED", true, Map.of("email", "a@example.com", "email_verified", "true")));
        census.add(user("bob", "CONFIRMED", false, Map.of("phone_number", "+15550100", "phone_number_verified", "true")));
        census.add(user("carol", "UNCONFIRMED", true, Map.of()));
        census.add(user("Google_1234", "EXTERNAL_PROVIDER", true,
                Map.of("identities", "[{\"userId\":\"1234\",\"providerName\":\"Google\",\"providerType\":\"Google\"}]")));
        census.add(user("Corp_77", "EXTERNAL_PROVIDER", true, Map.of()));

        SourceCounts counts = census.counts();

        assertThat(counts.users()).isEqualTo(5);
        assertThat(counts.byStatus()).containsEntry("CONFIRMED", 2).containsEntry("UNCONFIRMED", 1)
                .containsEntry("EXTERNAL_PROVIDER", 2);
        assertThat(counts.replicable()).isEqualTo(2);
        assertThat(counts.disabled()).isEqualTo(1);
        assertThat(counts.federatedByProvider()).containsExactlyInAnyOrderEntriesOf(Map.of("Google", 1, "Corp", 1));
        assertThat(counts.withoutVerifiedAddress()).isZero();
        assertThat(counts.withEmail()).isEqualTo(1);
        assertThat(counts.withPhone()).isEqualTo(1);
    }

    @Test
    void usernamesThatDifferOnlyInCaseCollide() {
        SourceCensus census = new SourceCensus(REPLICATED, Optional.empty(), Map.of());
        census.add(user("Alice", "CONFIRMED", true, Map.of()));
        census.add(user("alice", "CONFIRMED", true, Map.of()));
        census.add(user("ALICE", "CONFIRMED", true, Map.of()));
        census.add(user("bob", "CONFIRMED", true, Map.of()));

        assertThat(census.counts().keyCollisions()).isEqualTo(3);
    }

    @Test
    void anEmailKeyedTargetLooksAtEmailsAndCountsUsersWithout() {
        SourceCensus census = new SourceCensus(REPLICATED, Optional.of("email"), Map.of());
        census.add(user("u1", "CONFIRMED", true, Map.of("email", "Ann@Example.com")));
        census.add(user("u2", "CONFIRMED", true, Map.of("email", "ann@example.com")));
        census.add(user("u3", "CONFIRMED", true, Map.of()));

        SourceCounts counts = census.counts();
        assertThat(counts.keyCollisions()).isEqualTo(2);
        assertThat(counts.withoutSignInAttribute()).isEqualTo(1);
        assertThat(counts.withoutVerifiedAddress()).isEqualTo(3);
    }

    @Test
    void countsUsersLackingWhatTheTargetRequires() {
        SourceCensus census = new SourceCensus(REPLICATED, Optional.empty(),
                Map.of("name", Optional.of("name"), "custom:org", Optional.empty()));
        census.add(user("u1", "CONFIRMED", true, Map.of("name", "Ann")));
        census.add(user("u2", "CONFIRMED", true, Map.of("name", "")));
        census.add(user("u3", "UNCONFIRMED", true, Map.of()));

        assertThat(census.counts().lackingRequired()).containsEntry("name", 1).containsEntry("custom:org", 2);
    }

    private static PoolUser user(String username, String status, boolean enabled, Map<String, String> attributes) {
        return new PoolUser(username, attributes, enabled, status);
    }
}
