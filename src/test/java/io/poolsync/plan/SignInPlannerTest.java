package io.poolsync.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.poolsync.config.SyncPolicy;
import io.poolsync.mapping.FederationRules;
import io.poolsync.model.DesiredUser;
import io.poolsync.model.PoolUser;
import io.poolsync.model.UserStatus;
import io.poolsync.plan.PlannedUser.Action;

/** The planner with federation on: who is created under which name, what is linked, who is skipped and why. */
class SignInPlannerTest {

    private static final String SUB = "5c1e0000-0000-4000-8000-000000000001";
    private static final String GOOGLE = "[{\"userId\":\"111\",\"providerName\":\"Google\",\"providerType\":\"Google\","
            + "\"issuer\":null,\"primary\":\"true\",\"dateCreated\":\"1642699117273\"}]";
    private static final String TWITTER = "[{\"userId\":\"333\",\"providerName\":\"Twitter\",\"primary\":true}]";
    private static final FederationRules LINKING = new FederationRules(true, Map.of(), Set.of("Google", "Okta"), false,
            Optional.empty());
    private static final MatchKey BY_USERNAME = MatchKey.byUsername(true);
    private static final MatchKey BY_EMAIL = new MatchKey(List.of("email"), false);

    private static Planner planner(FederationRules rules, Set<String> invitationAddresses) {
        return new Planner(Set.of(UserStatus.CONFIRMED), Set.of(), Set.of("email"), invitationAddresses,
                SyncPolicy.UPSERT, true, PlannedRemoval.Kind.DISABLE, false).withSignIn(new SignInPlanner(rules));
    }

    private static DesiredUser federated(String identities) {
        return new DesiredUser("Google_111", SUB, UserStatus.EXTERNAL_PROVIDER, true,
                Map.of("email", "fed@example.com", "custom:source_sub", SUB), Set.of(), identities);
    }

    /** The user as the applier writes it: planned from the index, then confirmed on its read of the target user. */
    private static PlannedUser plan(Planner planner, MatchKey key, DesiredUser desired, PoolUser... target) {
        TargetIndex index = planner.index(key, Optional.of("custom:source_sub"));
        for (PoolUser user : target) {
            index.add(user);
        }
        PlannedUser planned = Plan.of(planner, List.of(desired), index, List.of(), Map.of()).users().get(0);
        return Arrays.stream(target).filter(user -> user.username().equals(planned.username())).findFirst()
                .map(current -> planner.confirm(planned, current)).orElse(planned);
    }

    @Test
    void aFederatedUserIsCreatedUnderItsSourceSubWithItsIdentityToLink() {
        PlannedUser planned = plan(planner(LINKING, Set.of()), BY_USERNAME, federated(GOOGLE));

        assertThat(planned.action()).isEqualTo(Action.CREATE);
        assertThat(planned.username()).isEqualTo(SUB);
        assertThat(planned.signIn().federatedOnly()).isTrue();
        assertThat(planned.signIn().links()).extracting(identity -> identity.providerName() + ":" + identity.userId())
                .containsExactly("Google:111");
    }

    @Test
    void whereTheTargetSignsInByEmailTheEmailIsTheKey() {
        PlannedUser planned = plan(planner(LINKING, Set.of()), BY_EMAIL, federated(GOOGLE));

        assertThat(planned.action()).isEqualTo(Action.CREATE);
        assertThat(planned.username()).isEqualTo("fed@example.com");
    }

    @Test
    void aFederatedUserGetsNoInvitationSoNeedsNoAddressForOne() {
        DesiredUser noEmail = new DesiredUser("Google_111", SUB, UserStatus.EXTERNAL_PROVIDER, true, Map.of(), Set.of(),
                GOOGLE);

        assertThat(plan(planner(LINKING, Set.of("email")), BY_USERNAME, noEmail).action()).isEqualTo(Action.CREATE);
    }

    @Test
    void aFederatedUserWhoseProviderTheTargetLacksIsSkipped() {
        PlannedUser planned = plan(planner(LINKING, Set.of()), BY_USERNAME, federated(TWITTER));

        assertThat(planned.action()).isEqualTo(Action.SKIP);
        assertThat(planned.reason()).isEqualTo("identity provider Twitter is missing in the target pool");
        assertThat(planned.signIn().missingProviders()).containsExactly("Twitter");
    }

    @Test
    void withoutLinksOrWhereNothingCanBeLinkedFederatedUsersAreSkipped() {
        FederationRules blocked = new FederationRules(true, Map.of(), Set.of("Google"), false,
                Optional.of("custom:source_sub is immutable"));

        assertThat(plan(planner(FederationRules.OFF, Set.of()), BY_USERNAME, federated(GOOGLE)).reason())
                .isEqualTo("EXTERNAL_PROVIDER: federated users can't be created with AdminCreateUser");
        assertThat(plan(planner(blocked, Set.of()), BY_USERNAME, federated(GOOGLE)).reason())
                .isEqualTo("EXTERNAL_PROVIDER: no identity can be linked: custom:source_sub is immutable");
    }

    @Test
    void aFederatedUserWithoutIdentitiesIsSkippedNotCreatedWithAPassword() {
        PlannedUser planned = plan(planner(LINKING, Set.of()), BY_USERNAME, federated(""));

        assertThat(planned.action()).isEqualTo(Action.SKIP);
        assertThat(planned.reason()).isEqualTo("EXTERNAL_PROVIDER without identities: nothing to link");
    }

    @Test
    void anUnreadableIdentitiesAttributeSkipsTheFederatedUserWithTheReason() {
        PlannedUser planned = plan(planner(LINKING, Set.of()), BY_USERNAME, federated("not json"));

        assertThat(planned.action()).isEqualTo(Action.SKIP);
        assertThat(planned.reason()).startsWith("the identities attribute is not JSON");
    }

    @Test
    void anOwnedUserAlreadyLinkedIsUnchangedAndNotRepaired() {
        PoolUser linked = new PoolUser(SUB, Map.of("email", "fed@example.com", "custom:source_sub", SUB,
                "identities", "[{\"userId\":\"111\",\"providerName\":\"Google\",\"primary\":false}]"), true,
                UserStatus.FORCE_CHANGE_PASSWORD);

        PlannedUser planned = plan(planner(LINKING, Set.of()), BY_USERNAME, federated(GOOGLE), linked);

        assertThat(planned.action()).isEqualTo(Action.UNCHANGED);
        assertThat(planned.repairPassword()).as("a federated user has no password to repair").isFalse();
        assertThat(planned.signIn().links()).isEmpty();
    }

    @Test
    void anOwnedUserLackingAnIdentityIsUpdatedWithTheLink() {
        PoolUser unlinked = new PoolUser("nina", Map.of("custom:source_sub", "s-nina"), true, UserStatus.CONFIRMED);
        DesiredUser nina = new DesiredUser("nina", "s-nina", UserStatus.CONFIRMED, true,
                Map.of("custom:source_sub", "s-nina"), Set.of(), GOOGLE);

        PlannedUser planned = plan(planner(LINKING, Set.of()), BY_USERNAME, nina, unlinked);

        assertThat(planned.action()).isEqualTo(Action.UPDATE);
        assertThat(planned.signIn().links()).hasSize(1);
        assertThat(planned.signIn().federatedOnly()).isFalse();
    }

    @Test
    void aUserPoolsyncDoesNotOwnGetsNoLink() {
        PoolUser nativeUser = new PoolUser("nina", Map.of(), true, UserStatus.CONFIRMED);
        DesiredUser nina = new DesiredUser("nina", "s-nina", UserStatus.CONFIRMED, true, Map.of(), Set.of(), GOOGLE);

        PlannedUser planned = plan(planner(LINKING, Set.of()), BY_USERNAME, nina, nativeUser);

        assertThat(planned.action()).isEqualTo(Action.CONFLICT);
        assertThat(planned.signIn().links()).isEmpty();
    }
}
