package io.poolsync.plan;

import java.util.List;
import java.util.Optional;

import io.poolsync.mapping.FederationRules;
import io.poolsync.mapping.Identities;
import io.poolsync.model.DesiredUser;
import io.poolsync.model.LinkedIdentity;
import io.poolsync.model.PoolUser;
import io.poolsync.plan.PlannedUser.Action;

/**
 * Plans the identities each user gets linked in the target. Pure: no I/O, no clock.
 *
 * <p>A federated (EXTERNAL_PROVIDER) source user becomes a native target user with its identities linked; so does a
 * native user with linked identities. The planner hands it only users poolsync creates, owns or adopts: a link lets
 * whoever holds that provider identity sign in as the user.
 */
public record SignInPlanner(FederationRules federation) {

    public static final SignInPlanner OFF = new SignInPlanner(FederationRules.OFF);

    static boolean federatedOnly(DesiredUser desired) {
        return FederationRules.federatedOnly(desired.sourceStatus());
    }

    /** Why a federated user can't be replicated at all; null when it can be. */
    String federatedSkipReason(DesiredUser desired) {
        if (!federation.link()) {
            // As before links existed: poolsync.federation.link=false.
            return "EXTERNAL_PROVIDER: federated users can't be created with AdminCreateUser";
        }
        return federation.cannotLink().map(reason -> "EXTERNAL_PROVIDER: no identity can be linked: " + reason)
                .orElse(null);
    }

    /**
     * The name a user is matched and created by where the target signs in by username. A federated user's own
     * {@code <Provider>_<subject>} can't be the username of the native user its identity is linked to.
     */
    String sourceName(DesiredUser desired) {
        return federatedOnly(desired) && !desired.sourceSub().isEmpty()
                ? FederationRules.federatedUsername(desired.sourceSub())
                : desired.sourceUsername();
    }

    /**
     * Whether this user's links can only be planned on its target user's {@code identities} attribute: for a user the
     * index shows no owner mark of, the applier's read of the user completes them ({@link Planner#confirm}).
     */
    boolean readsLinked(DesiredUser desired) {
        return federation.link() && !desired.identities().isEmpty();
    }

    /**
     * The identities the target user has once this user's links are made, provider names as in the target: what the
     * index's digest of an owned user's {@code identities} attribute is compared with. None when nothing is linked.
     */
    List<LinkedIdentity> linkable(DesiredUser desired, String targetUsername) {
        if (!federation.link() || desired.identities().isEmpty()) {
            return List.of();
        }
        try {
            return federation.links(Identities.parse(desired.identities()), List.of(), targetUsername).toLink();
        } catch (IllegalArgumentException e) {
            return List.of();
        }
    }

    /**
     * {@link #complete} for an owned user whose linked identities the index's digest showed to be {@link #linkable}:
     * nothing to link, and what can't be linked reported as on a read of the user.
     */
    PlannedUser completeLinked(PlannedUser planned) {
        return complete(planned, linkable(planned.desired(), planned.username()));
    }

    /**
     * The planned user with the identities to link: those of the source user that its target user lacks. A federated
     * user to create that gets no link is skipped, since it could not sign in at all.
     *
     * @param actual the target user poolsync owns (or adopts), if there is one; links go to no other
     */
    PlannedUser complete(PlannedUser planned, Optional<PoolUser> actual) {
        return complete(planned, actual.map(SignInPlanner::linked).orElse(List.of()));
    }

    private PlannedUser complete(PlannedUser planned, List<LinkedIdentity> linked) {
        boolean federated = federatedOnly(planned.desired());
        if (!federation.link() || planned.action() == Action.SKIP) {
            return planned;
        }
        if (planned.desired().identities().isEmpty()) {
            return federated && planned.action() == Action.CREATE
                    ? PlannedUser.skip(planned.desired(), "EXTERNAL_PROVIDER without identities: nothing to link")
                    : planned.withSignIn(planned.signIn().withLinks(federated, List.of(), List.of(), List.of()));
        }
        List<LinkedIdentity> source;
        try {
            source = Identities.parse(planned.desired().identities());
        } catch (IllegalArgumentException e) {
            return federated && planned.action() == Action.CREATE ? PlannedUser.skip(planned.desired(), e.getMessage())
                    : planned.withSignIn(planned.signIn().withLinks(federated, List.of(), List.of(e.getMessage()),
                            List.of()));
        }
        FederationRules.Links links = federation.links(source, linked, planned.username());
        SignInPlan signIn = planned.signIn().withLinks(federated, links.toLink(), links.notLinked(),
                links.missingProviders());
        if (federated && planned.action() == Action.CREATE && links.toLink().isEmpty()) {
            return PlannedUser.skip(planned.desired(), links.missingProviders().isEmpty()
                    ? "no identity can be linked: " + String.join("; ", links.notLinked())
                    : "identity provider " + links.missingProviders().get(0) + " is missing in the target pool")
                    .withSignIn(signIn);
        }
        if (planned.action() == Action.UNCHANGED && !links.toLink().isEmpty()) {
            return new PlannedUser(Action.UPDATE, planned.username(), planned.desired(), planned.attributes(),
                    planned.enabledChange(), planned.addGroups(), planned.removeGroups(), planned.repairPassword(), "",
                    planned.removedAttributes(), planned.adopt(), planned.replaces(), signIn, planned.reread());
        }
        return planned.withSignIn(signIn);
    }

    /** What the target user's identities attribute says is linked; an unreadable one counts as nothing. */
    private static List<LinkedIdentity> linked(PoolUser user) {
        try {
            return Identities.parse(user.attribute(Identities.ATTRIBUTE).orElse(""));
        } catch (IllegalArgumentException e) {
            return List.of();
        }
    }
}
