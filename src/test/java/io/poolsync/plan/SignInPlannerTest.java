package io.poolsync.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

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
                new UpsertPolicy(), true, false).withSignIn(new SignInPlanner(rules));
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

    /**
     * An owned user as the index shows it, before any read: the digest of its identities attribute (provider and
     * subject, in any order, whatever the other fields say) against the identities its source user's links leave it
     * with.
     */
    @Test
    void anOwnedUserIsReadOnlyWhenItsLinkedIdentitiesDigestDiffers() {
        String googleAndOkta = "[{\"userId\":\"111\",\"providerName\":\"Google\",\"primary\":\"true\"},"
                + "{\"userId\":\"o-2\",\"providerName\":\"Okta\",\"dateCreated\":1642699117273}]";
        String oktaThenGoogle = "[{\"userId\":\"o-2\",\"providerName\":\"Okta\",\"issuer\":\"https://okta\","
                + "\"primary\":true},{\"userId\":\"111\",\"providerName\":\"Google\",\"dateCreated\":\"5\"}]";
        String googleOnly = "[{\"userId\":\"111\",\"providerName\":\"Google\"}]";
        String oldGoogle = "[{\"userId\":\"111\",\"providerName\":\"OldGoogle\"}]";
        String googleAndTwitter = "[{\"userId\":\"111\",\"providerName\":\"Google\"},"
                + "{\"userId\":\"333\",\"providerName\":\"Twitter\"}]";
        FederationRules renaming = new FederationRules(true, Map.of("OldGoogle", "Google"), Set.of("Google", "Okta"),
                false, Optional.empty());
        record Case(String name, FederationRules rules, String source, String target, Map<String, String> changed,
                Action action, boolean reread, List<String> missingProviders) {
        }
        List<Case> cases = List.of(
                new Case("the same identities, listed in another order with other fields", LINKING, googleAndOkta,
                        oktaThenGoogle, Map.of(), Action.UNCHANGED, false, List.of()),
                new Case("one identity not linked yet", LINKING, googleAndOkta, googleOnly, Map.of(), Action.UPDATE,
                        true, List.of()),
                new Case("none linked yet", LINKING, googleOnly, "", Map.of(), Action.UPDATE, true, List.of()),
                new Case("an identity of a provider the target lacks: reported, not read", LINKING, googleAndTwitter,
                        googleOnly, Map.of(), Action.UNCHANGED, false, List.of("Twitter")),
                new Case("a provider linked under its mapped name", renaming, oldGoogle, googleOnly, Map.of(),
                        Action.UNCHANGED, false, List.of()),
                new Case("an identity the source user doesn't have", LINKING, googleOnly, googleAndOkta, Map.of(),
                        Action.UPDATE, true, List.of()),
                new Case("identities the source user no longer has", LINKING, "", googleOnly, Map.of(), Action.UPDATE,
                        true, List.of()),
                new Case("an unreadable identities attribute, as a read counts it: nothing linked", LINKING, googleOnly,
                        "not json", Map.of(), Action.UPDATE, true, List.of()),
                new Case("linked, but an attribute differs", LINKING, googleOnly, googleOnly,
                        Map.of("email", "new@example.com"), Action.UPDATE, true, List.of()),
                new Case("links off: the identities attribute is not compared", FederationRules.OFF, googleOnly, "",
                        Map.of(), Action.UNCHANGED, false, List.of()),
                new Case("neither has identities", LINKING, "", "", Map.of(), Action.UNCHANGED, false, List.of()));
        for (Case c : cases) {
            Map<String, String> targetAttributes = new HashMap<>(Map.of("email", "nina@example.com",
                    "custom:source_sub", "s-nina"));
            if (!c.target().isEmpty()) {
                targetAttributes.put("identities", c.target());
            }
            Map<String, String> desiredAttributes = new HashMap<>(Map.of("email", "nina@example.com",
                    "custom:source_sub", "s-nina"));
            desiredAttributes.putAll(c.changed());
            DesiredUser nina = new DesiredUser("nina", "s-nina", UserStatus.CONFIRMED, true, desiredAttributes,
                    Set.of(), c.source());
            Planner planner = new Planner(Set.of(UserStatus.CONFIRMED), Set.of(), Set.of("email", "custom:source_sub"),
                    Set.of(), new UpsertPolicy(), true, false)
                    .withSignIn(new SignInPlanner(c.rules()));
            TargetIndex index = planner.index(BY_USERNAME, Optional.of("custom:source_sub"));
            index.add(new PoolUser("nina", targetAttributes, true, UserStatus.CONFIRMED));

            PlannedUser planned = Plan.of(planner, List.of(nina), index, List.of(), Map.of()).users().get(0);

            assertThat(planned.action()).as(c.name()).isEqualTo(c.action());
            assertThat(planned.reread()).as(c.name()).isEqualTo(c.reread());
            assertThat(planned.signIn().links()).as(c.name()).isEmpty();
            assertThat(planned.signIn().missingProviders()).as(c.name()).isEqualTo(c.missingProviders());
        }
    }
}
