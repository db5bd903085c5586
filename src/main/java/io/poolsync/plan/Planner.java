package io.poolsync.plan;

import static io.poolsync.mapping.AttributeRules.EMAIL;
import static io.poolsync.mapping.AttributeRules.EMAIL_VERIFIED;
import static io.poolsync.mapping.AttributeRules.PHONE;
import static io.poolsync.mapping.AttributeRules.PHONE_VERIFIED;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.poolsync.model.DesiredUser;
import io.poolsync.model.PoolGroup;
import io.poolsync.model.PoolUser;
import io.poolsync.model.UserStatus;
import io.poolsync.plan.PlannedUser.Action;
import io.poolsync.plan.PlannedUser.EnabledChange;

/**
 * Compares the desired users and groups with the target and decides what to do. Pure: no I/O, no clock.
 *
 * <p>It computes the full diff, each target user it may write to chosen by the ownership rule ({@link Ownership}):
 * creates, updates of owned users, adoptions, replacements of a gone source user's copy, removals. The
 * {@link Policy} filters each change of it ({@link Change}); skips and conflicts are decided before any policy.
 *
 * <p>A source user matched to the target user carrying its sub is decided at once. A source user whose match key
 * leads elsewhere (to no target user, or to one poolsync holds for another source user, or, when adopting, to one it
 * doesn't own) is decided only once the whole source is read, by {@link Planning#settle}, so that listing order
 * never matters: of several source users with one key, the one whose copy in the target carries its sub wins, then
 * the earliest UserCreateDate, then the smallest sub.
 *
 * @param replicatedStatuses   source statuses that are replicated
 * @param createOnlyAttributes immutable target attributes: written at creation, never updated nor deleted
 * @param managedAttributes    target attributes the source supplies: one an owned user has and its source user no
 *                             longer has is deleted; any other attribute is left alone
 * @param invitationAddresses  attributes of which a user needs one to receive an invitation; empty when no
 *                             invitation is sent
 * @param repairPasswords      give owned users stuck in FORCE_CHANGE_PASSWORD their permanent password ({@code confirmed}
 *                             mode, where that state means a create was interrupted)
 * @param policy               what a run may change ({@code poolsync.policy}): filters the full diff
 * @param adoptExisting        take over a target user poolsync doesn't own that a source user's key leads to, rather
 *                             than report a conflict
 * @param signIn               plans federated users and the identities to link
 */
public record Planner(Set<String> replicatedStatuses, Set<String> createOnlyAttributes, Set<String> managedAttributes,
        Set<String> invitationAddresses, Policy policy, boolean repairPasswords, boolean adoptExisting,
        SignInPlanner signIn) {

    public Planner {
        replicatedStatuses = Set.copyOf(replicatedStatuses);
        createOnlyAttributes = Set.copyOf(createOnlyAttributes);
        managedAttributes = Set.copyOf(managedAttributes);
        invitationAddresses = Set.copyOf(invitationAddresses);
    }

    /** A planner that links no identity and skips federated users. */
    public Planner(Set<String> replicatedStatuses, Set<String> createOnlyAttributes, Set<String> managedAttributes,
            Set<String> invitationAddresses, Policy policy, boolean repairPasswords, boolean adoptExisting) {
        this(replicatedStatuses, createOnlyAttributes, managedAttributes, invitationAddresses, policy, repairPasswords,
                adoptExisting, SignInPlanner.OFF);
    }

    public Planner withSignIn(SignInPlanner planner) {
        return new Planner(replicatedStatuses, createOnlyAttributes, managedAttributes, invitationAddresses, policy,
                repairPasswords, adoptExisting, planner);
    }

    /**
     * An empty index of the target for this planner: its digests cover the attributes this planner compares and, where
     * it links identities, the identities linked, with a fresh seed.
     */
    public TargetIndex index(MatchKey matchKey, Optional<String> sourceSubAttribute) {
        return new TargetIndex(matchKey, sourceSubAttribute, comparedAttributes(), signIn.federation().link(),
                Digests.seeded());
    }

    /** The attributes whose values decide whether a user needs an update: those the source supplies, bar create-only. */
    public Set<String> comparedAttributes() {
        Set<String> compared = new HashSet<>(managedAttributes);
        compared.removeAll(createOnlyAttributes);
        return compared;
    }

    /** Starts planning one run, so users can be planned as the source is read. */
    public Planning start(TargetIndex target, Collection<PoolGroup> sourceGroups, Map<String, PoolGroup> targetGroups) {
        return new Planning(target, sourceGroups, targetGroups);
    }

    /**
     * One run's planning, user by user as the source is read, then the deferred users and the removals once it has
     * all been read. Thread-safe: segmented scans hand it users from several threads.
     */
    public final class Planning {

        private final TargetIndex target;
        private final List<GroupChange> groupChanges = new ArrayList<>();
        private final Set<String> managedGroups = new HashSet<>();
        /** The strongest claim on each match key by a deferred source user. */
        private final KeyClaims claims = new KeyClaims();
        /**
         * Digests of keys claimed through an owner mark whose target user holds another key (the source user's key
         * changed); where it holds the same one, the claim is a mark on that target user.
         */
        private final Set<Long> ownerMarkClaims = new HashSet<>();
        private boolean sourceRead;

        private Planning(TargetIndex target, Collection<PoolGroup> sourceGroups, Map<String, PoolGroup> targetGroups) {
            this.target = target;
            for (PoolGroup group : sourceGroups) {
                managedGroups.add(group.name());
                PoolGroup existing = targetGroups.get(group.name());
                if (existing == null) {
                    groupChanges.add(new GroupChange(GroupChange.Kind.CREATE, group));
                } else if (!existing.sameDefinition(group)) {
                    groupChanges.add(new GroupChange(GroupChange.Kind.UPDATE, group));
                }
            }
        }

        /** Group definitions to create or update, before any user is written. */
        public List<GroupChange> groupChanges() {
            return List.copyOf(groupChanges);
        }

        /**
         * Plans one source user.
         *
         * @return empty when the user can only be decided once the whole source is read: hand it to {@link #settle}
         *         then
         */
        public synchronized Optional<PlannedUser> next(DesiredUser desired) {
            if (sourceRead) {
                throw new IllegalStateException("the source was already read");
            }
            return planUser(desired);
        }

        /** Decides a user {@link #next} deferred; call only once every source user went through {@link #next}. */
        public synchronized PlannedUser settle(DesiredUser desired) {
            sourceRead = true;
            return settleUser(desired);
        }

        /**
         * The owned target users whose source user is gone, as the policy removes them; call once every source user is
         * planned.
         */
        public synchronized List<PlannedRemoval> removals() {
            sourceRead = true;
            List<PlannedRemoval> removals = new ArrayList<>();
            target.forEach(user -> {
                // Only users poolsync owns are ever removed; the target's own users are never touched.
                if (user.owned() && !user.matched()) {
                    policy.removal(user.enabled()).ifPresent(kind -> removals.add(
                            new PlannedRemoval(user.username(), user.ownerDigest(), target.digests(), kind)));
                }
            });
            return removals;
        }

        private Optional<PlannedUser> planUser(DesiredUser desired) {
            MatchKey matchKey = target.matchKey();
            Optional<String> key = matchKey.of(signIn.sourceName(desired), desired.attributes());
            Optional<TargetIndex.Entry> holder = key.flatMap(target::find);
            // The source sub follows a person across email and username changes; the owner mark is the only match
            // that lets poolsync write to an existing user.
            Optional<TargetIndex.Entry> own = Optional.of(desired.sourceSub()).filter(sub -> !sub.isEmpty())
                    .flatMap(sub -> target.findBySourceSub(sub).or(() -> holder.filter(entry -> entry.ownedBy(sub))));
            // Before any skip: the owner is still in the source, so its target user is never taken for a removal.
            own.ifPresent(TargetIndex.Entry::markMatched);

            String statusReason = SignInPlanner.federatedOnly(desired) ? signIn.federatedSkipReason(desired)
                    : statusSkipReason(desired.sourceStatus());
            if (statusReason != null) {
                return Optional.of(PlannedUser.skip(desired, statusReason));
            }
            if (own.isPresent()) {
                TargetIndex.Entry entry = own.get();
                key.ifPresent(ownKey -> {
                    if (holder.filter(entry::equals).isPresent()) {
                        entry.claimKey();
                    } else {
                        ownerMarkClaims.add(target.digests().of(ownKey));
                    }
                });
                return Optional.of(policy.filter(new Change(Change.Kind.UPDATE,
                        fromIndex(desired, entry, target, managedGroups), entry.username(), matchKey)));
            }
            if (key.isEmpty()) {
                return Optional.of(PlannedUser.skip(desired,
                        "no " + matchKey.describe() + " to sign in with in the target pool"));
            }
            if (holder.isPresent() && !holder.get().owned() && !adoptExisting) {
                return Optional.of(PlannedUser.conflict(holder.get().username(), desired, notOwned(matchKey)));
            }
            if (holder.isEmpty() && !policy.creates()) {
                // Decided before it claims its key: see Policy#creates.
                return Optional.of(policy.filter(new Change(Change.Kind.CREATE, created(desired,
                        signIn.sourceName(desired), matchKey, ""), "", matchKey)));
            }
            Digests digests = target.digests();
            claims.claim(digests.of(key.get()), desired.sourceCreatedAt().equals(Instant.MAX) ? Long.MAX_VALUE
                    : desired.sourceCreatedAt().toEpochMilli(), desired.sourceSub());
            return Optional.empty();
        }

        private PlannedUser settleUser(DesiredUser desired) {
            MatchKey matchKey = target.matchKey();
            String name = signIn.sourceName(desired);
            String key = matchKey.of(name, desired.attributes()).orElseThrow();
            Optional<TargetIndex.Entry> holder = target.find(key);
            String username = holder.map(TargetIndex.Entry::username)
                    .orElseGet(() -> matchKey.signInValue(name, desired.attributes()).orElseThrow());
            long keyDigest = target.digests().of(key);
            if (holder.filter(TargetIndex.Entry::keyClaimed).isPresent() || ownerMarkClaims.contains(keyDigest)
                    || !claims.heldBy(keyDigest, desired.sourceSub())) {
                return PlannedUser.conflict(username, desired, duplicate(matchKey));
            }
            if (holder.isEmpty()) {
                return policy.filter(new Change(Change.Kind.CREATE, created(desired, name, matchKey, ""), "",
                        matchKey));
            }
            TargetIndex.Entry held = holder.get();
            if (!held.owned()) {
                return adopt(desired, held);
            }
            if (held.matched()) {
                return PlannedUser.conflict(username, desired, anotherSourceUsers(matchKey));
            }
            return policy.filter(new Change(Change.Kind.REPLACEMENT, created(desired, name, matchKey, username),
                    username, matchKey));
        }

        private PlannedUser adopt(DesiredUser desired, TargetIndex.Entry held) {
            PlannedUser update = policy.filter(new Change(Change.Kind.ADOPTION,
                    fromIndex(desired, held, target, managedGroups), held.username(), target.matchKey()));
            // The owner mark, besides whatever the applier's read of the user shows to differ.
            Map<String, String> attributes = Map.of(target.sourceSubAttribute().orElseThrow(), desired.sourceSub());
            PlannedUser adopted = new PlannedUser(Action.UPDATE, held.username(), desired, attributes,
                    update.enabledChange(), update.addGroups(), update.removeGroups(), update.repairPassword(), "",
                    Set.of(), true, "", SignInPlan.NONE, update.reread() || signIn.readsLinked(desired));
            return adopted.reread() ? adopted : signIn.complete(adopted, Optional.empty());
        }

        /** The create with the identities to link: a skip where it can't be made. */
        private PlannedUser created(DesiredUser desired, String name, MatchKey matchKey, String replaces) {
            return signIn.complete(create(desired, name, matchKey, replaces), Optional.empty());
        }

        private PlannedUser create(DesiredUser desired, String name, MatchKey matchKey, String replaces) {
            // A federated user gets no invitation: it has no password to sign in with.
            if (!invitationAddresses.isEmpty() && !SignInPlanner.federatedOnly(desired)
                    && invitationAddresses.stream().noneMatch(desired.attributes()::containsKey)) {
                return PlannedUser.skip(desired, "no " + String.join(" or ", new TreeSet<>(invitationAddresses))
                        + " to send the invitation to");
            }
            String username = matchKey.signInValue(name, desired.attributes()).orElseThrow();
            EnabledChange enabledChange = desired.enabled() ? EnabledChange.NONE : EnabledChange.DISABLE;
            Set<String> groups = new TreeSet<>(desired.groups());
            groups.retainAll(managedGroups);
            return new PlannedUser(Action.CREATE, username, desired, desired.attributes(), enabledChange, groups,
                    Set.of(), false, "", Set.of(), false, replaces);
        }
    }

    /**
     * The update that brings a target user poolsync owns in line with the desired one.
     *
     * @param actualGroups  the groups the target user is in
     * @param managedGroups the groups whose memberships poolsync keeps in step
     */
    public PlannedUser compare(DesiredUser desired, PoolUser actual, Set<String> actualGroups, Set<String> managedGroups) {
        Map<String, String> changed = new TreeMap<>();
        desired.attributes().forEach((name, value) -> {
            if (!createOnlyAttributes.contains(name) && !Objects.equals(actual.attributes().get(name), value)) {
                changed.put(name, value);
            }
        });
        // Cognito may leave an address unverified unless its flag arrives in the same request.
        travelTogether(changed, desired.attributes(), EMAIL, EMAIL_VERIFIED);
        travelTogether(changed, desired.attributes(), PHONE, PHONE_VERIFIED);
        Set<String> removed = new TreeSet<>();
        actual.attributes().keySet().stream()
                .filter(name -> managedAttributes.contains(name) && !createOnlyAttributes.contains(name))
                .filter(name -> !desired.attributes().containsKey(name))
                .forEach(removed::add);
        // An address removed takes its verified flag along, so nothing stays verified for Forgot Password.
        if (removed.contains(EMAIL) && actual.attributes().containsKey(EMAIL_VERIFIED)) {
            removed.add(EMAIL_VERIFIED);
        }
        if (removed.contains(PHONE) && actual.attributes().containsKey(PHONE_VERIFIED)) {
            removed.add(PHONE_VERIFIED);
        }
        EnabledChange enabledChange = desired.enabled() == actual.enabled()
                ? EnabledChange.NONE
                : desired.enabled() ? EnabledChange.ENABLE : EnabledChange.DISABLE;
        Set<String> add = new TreeSet<>(desired.groups());
        add.retainAll(managedGroups);
        add.removeAll(actualGroups);
        Set<String> remove = new TreeSet<>(actualGroups);
        remove.retainAll(managedGroups);
        remove.removeAll(desired.groups());
        boolean repair = repairable(desired, actual.status());
        boolean nothing = changed.isEmpty() && removed.isEmpty() && enabledChange == EnabledChange.NONE
                && add.isEmpty() && remove.isEmpty() && !repair;
        return new PlannedUser(nothing ? Action.UNCHANGED : Action.UPDATE, actual.username(), desired, changed,
                enabledChange, add, remove, repair, "", removed, false, "");
    }

    /**
     * The update of an owned user as the index shows it: enabled flag, status and groups are kept exactly; attribute
     * values and linked identities only as a digest. Equal digests mean nothing to change in them; otherwise the update
     * is left to {@link #confirm} on the applier's read of the user.
     */
    private PlannedUser fromIndex(DesiredUser desired, TargetIndex.Entry actual, TargetIndex target,
            Set<String> managedGroups) {
        Set<String> actualGroups = actual.groups();
        Set<String> add = new TreeSet<>(desired.groups());
        add.retainAll(managedGroups);
        add.removeAll(actualGroups);
        Set<String> remove = new TreeSet<>(actualGroups);
        remove.retainAll(managedGroups);
        remove.removeAll(desired.groups());
        EnabledChange enabledChange = desired.enabled() == actual.enabled()
                ? EnabledChange.NONE
                : desired.enabled() ? EnabledChange.ENABLE : EnabledChange.DISABLE;
        boolean repair = repairable(desired, actual.status());
        // An attribute the digest doesn't cover (neither compared nor create-only) is left to the exact comparison.
        boolean covered = desired.attributes().keySet().stream()
                .allMatch(name -> target.comparedAttributes().contains(name) || createOnlyAttributes.contains(name));
        // The same digest covers the identities the user has linked: equal, it has every one its source user's links
        // leave it with, and nothing is linked.
        String username = actual.username();
        boolean same = covered && target.stateDigest(desired.attributes(), signIn.linkable(desired, username))
                == actual.stateDigest();
        boolean reread = !same;
        if (!reread && enabledChange == EnabledChange.NONE && add.isEmpty() && remove.isEmpty() && !repair) {
            return signIn.completeLinked(PlannedUser.unchanged(username, desired));
        }
        PlannedUser update = new PlannedUser(Action.UPDATE, username, desired, Map.of(), enabledChange, add,
                remove, repair, "", Set.of(), false, "", SignInPlan.NONE, reread);
        return reread ? update : signIn.completeLinked(update);
    }

    /**
     * The exact update of a user planned from the index ({@link PlannedUser#reread}), on a fresh read of it: attribute
     * changes, enabled flag, password repair and the identities to link from the read; group changes and the owner
     * mark of an adoption as planned. Other planned users are returned as they are.
     */
    public PlannedUser confirm(PlannedUser planned, PoolUser current) {
        if (!planned.reread()) {
            return planned;
        }
        PlannedUser exact = compare(planned.desired(), current, Set.of(), Set.of());
        Map<String, String> attributes = new TreeMap<>(exact.attributes());
        attributes.putAll(planned.attributes());
        boolean nothing = attributes.isEmpty() && exact.removedAttributes().isEmpty()
                && exact.enabledChange() == EnabledChange.NONE && planned.addGroups().isEmpty()
                && planned.removeGroups().isEmpty() && !exact.repairPassword() && planned.signIn().mfa().isEmpty();
        // The links come from the read; MFA settings to set, as planned.
        return signIn.complete(new PlannedUser(nothing ? Action.UNCHANGED : Action.UPDATE, planned.username(),
                planned.desired(), attributes, exact.enabledChange(), planned.addGroups(), planned.removeGroups(),
                exact.repairPassword(), "", exact.removedAttributes(), planned.adopt(), planned.replaces(),
                planned.signIn(), false), Optional.of(current));
    }

    /** A federated user is left FORCE_CHANGE_PASSWORD on purpose: it has no password to sign in with. */
    private boolean repairable(DesiredUser desired, String status) {
        return repairPasswords && UserStatus.FORCE_CHANGE_PASSWORD.equals(status)
                && !SignInPlanner.federatedOnly(desired);
    }

    // Conflict reasons name no user, so they count like skip reasons; the plan item names both users.

    static String notOwned(MatchKey key) {
        return "the target user with this " + key.describe() + " is not poolsync's (it has no owner mark): left alone; "
                + "poolsync.ownership.adopt-existing=true takes such users over";
    }

    static String duplicate(MatchKey key) {
        return "another source user has the same " + key.describe() + " and comes first (its target user carries its "
                + "source sub; else the earliest UserCreateDate, then the smallest sub)";
    }

    static String anotherSourceUsers(MatchKey key) {
        return "the target user with this " + key.describe() + " is poolsync's copy of another source user";
    }

    static String goneOwners(MatchKey key) {
        return "the target user with this " + key.describe() + " is poolsync's copy of a source user that is gone; "
                + "poolsync.policy=mirror with poolsync.mirror.action=delete replaces it";
    }

    static String goneOwnersDisabled(MatchKey key) {
        return "the target user with this " + key.describe() + " is poolsync's copy of a source user that is gone, "
                + "disabled by mirror: delete it in the target to let this user be created";
    }

    private String statusSkipReason(String status) {
        if (replicatedStatuses.contains(status)) {
            return null;
        }
        return switch (status) {
            case UserStatus.UNCONFIRMED -> "UNCONFIRMED: the user never finished sign-up";
            default -> status + ": not in poolsync.statuses";
        };
    }

    private static void travelTogether(Map<String, String> changed, Map<String, String> desired, String address,
            String flag) {
        if (changed.containsKey(address) || changed.containsKey(flag)) {
            if (desired.containsKey(address)) {
                changed.put(address, desired.get(address));
            }
            if (desired.containsKey(flag)) {
                changed.put(flag, desired.get(flag));
            }
        }
    }
}
