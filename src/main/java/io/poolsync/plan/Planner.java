package io.poolsync.plan;

import static io.poolsync.mapping.AttributeRules.EMAIL;
import static io.poolsync.mapping.AttributeRules.EMAIL_VERIFIED;
import static io.poolsync.mapping.AttributeRules.PHONE;
import static io.poolsync.mapping.AttributeRules.PHONE_VERIFIED;

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

import io.poolsync.config.SyncPolicy;
import io.poolsync.model.DesiredUser;
import io.poolsync.model.PoolGroup;
import io.poolsync.model.PoolUser;
import io.poolsync.model.UserStatus;
import io.poolsync.plan.PlannedUser.Action;
import io.poolsync.plan.PlannedUser.EnabledChange;

/**
 * Compares the desired users and groups with the target and decides what to do. Pure: no I/O, no clock.
 *
 * @param replicatedStatuses   source statuses that are replicated
 * @param createOnlyAttributes immutable target attributes: written at creation, never updated
 * @param invitationAddresses  attributes of which a user needs one to receive an invitation; empty when no
 *                             invitation is sent
 * @param repairPasswords      give owned users stuck in FORCE_CHANGE_PASSWORD their permanent password ({@code confirmed}
 *                             mode, where that state means a create was interrupted)
 * @param removal              what mirror does with an owned user whose source user is gone
 * @param signIn               plans federated users and the identities to link
 */
public record Planner(Set<String> replicatedStatuses, Set<String> createOnlyAttributes,
        Set<String> invitationAddresses, SyncPolicy policy, boolean repairPasswords, PlannedRemoval.Kind removal,
        SignInPlanner signIn) {

    public Planner {
        replicatedStatuses = Set.copyOf(replicatedStatuses);
        createOnlyAttributes = Set.copyOf(createOnlyAttributes);
        invitationAddresses = Set.copyOf(invitationAddresses);
    }

    /** A planner that links no identity and skips federated users. */
    public Planner(Set<String> replicatedStatuses, Set<String> createOnlyAttributes, Set<String> invitationAddresses,
            SyncPolicy policy, boolean repairPasswords, PlannedRemoval.Kind removal) {
        this(replicatedStatuses, createOnlyAttributes, invitationAddresses, policy, repairPasswords, removal,
                SignInPlanner.OFF);
    }

    public Planner withSignIn(SignInPlanner planner) {
        return new Planner(replicatedStatuses, createOnlyAttributes, invitationAddresses, policy, repairPasswords,
                removal, planner);
    }

    /**
     * The whole plan at once: {@link #start} and every desired user in order.
     *
     * @param sourceGroups the source's groups, already mapped: poolsync manages the memberships of these groups only
     * @param targetGroups the target's groups by name
     */
    public Plan plan(Iterable<DesiredUser> desiredUsers, TargetIndex target, Collection<PoolGroup> sourceGroups,
            Map<String, PoolGroup> targetGroups) {
        Planning planning = start(target, sourceGroups, targetGroups);
        List<PlannedUser> planned = new ArrayList<>();
        desiredUsers.forEach(desired -> planned.add(planning.next(desired)));
        return new Plan(planning.groupChanges(), planned, planning.removals());
    }

    /** Starts planning one run, so users can be planned as the source is read. */
    public Planning start(TargetIndex target, Collection<PoolGroup> sourceGroups, Map<String, PoolGroup> targetGroups) {
        return new Planning(target, sourceGroups, targetGroups);
    }

    /**
     * One run's planning, user by user as the source is read, and the removals once it has all been read. Thread-safe:
     * segmented scans hand it users from several threads.
     */
    public final class Planning {

        private final TargetIndex target;
        private final List<GroupChange> groupChanges = new ArrayList<>();
        private final Set<String> managedGroups = new HashSet<>();
        private final Set<String> seenKeys = new HashSet<>();

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

        public synchronized PlannedUser next(DesiredUser desired) {
            return planUser(desired, target, managedGroups, seenKeys);
        }

        /** Under mirror, the owned target users no source user matched; call once every source user is planned. */
        public synchronized List<PlannedRemoval> removals() {
            List<PlannedRemoval> removals = new ArrayList<>();
            if (policy != SyncPolicy.MIRROR) {
                return removals;
            }
            for (TargetIndex.Entry user : target.entries()) {
                if (user.matched() || (removal == PlannedRemoval.Kind.DISABLE && !user.enabled())) {
                    continue;
                }
                // Only users poolsync owns are ever removed; the target's own users are never touched.
                user.sourceSub().ifPresent(sub -> removals.add(new PlannedRemoval(user.username(), sub, removal)));
            }
            return removals;
        }
    }

    private PlannedUser planUser(DesiredUser desired, TargetIndex target, Set<String> managedGroups,
            Set<String> seenKeys) {
        MatchKey matchKey = target.matchKey();
        boolean federated = SignInPlanner.federatedOnly(desired);
        String name = signIn.sourceName(desired);
        Optional<String> key = matchKey.of(name, desired.attributes());
        // The source sub follows a person across email and username changes; the match key is the fallback.
        Optional<TargetIndex.Entry> match = Optional.of(desired.sourceSub()).filter(sub -> !sub.isEmpty())
                .flatMap(target::findBySourceSub)
                .or(() -> key.flatMap(target::find));
        // Matched before any skip, so a skipped user's target counterpart is never mistaken for a removal.
        match.ifPresent(TargetIndex.Entry::markMatched);
        Optional<PoolUser> actual = match.map(TargetIndex.Entry::user);

        String statusReason = federated ? signIn.federatedSkipReason(desired) : statusSkipReason(desired.sourceStatus());
        if (statusReason != null) {
            return PlannedUser.skip(desired, statusReason);
        }
        if (key.isEmpty() && actual.isEmpty()) {
            return PlannedUser.skip(desired, "no " + matchKey.describe() + " to sign in with in the target pool");
        }
        if (key.isPresent() && !seenKeys.add(key.get())) {
            return PlannedUser.skip(desired, "another source user has the same " + matchKey.describe());
        }
        if (actual.isPresent()) {
            Optional<String> owner = target.sourceSub(actual.get());
            if (owner.isPresent() && !owner.get().equals(desired.sourceSub())) {
                return PlannedUser.skip(desired, "the target user with this " + matchKey.describe()
                        + " belongs to another source user");
            }
            if (policy == SyncPolicy.CREATE_ONLY) {
                return completeCreate(desired, actual.get(), owner.isPresent());
            }
            return signIn.complete(compare(desired, actual.get(), match.get().groups(), managedGroups, owner.isPresent()),
                    actual, owner.isPresent());
        }
        if (policy == SyncPolicy.UPDATE_ONLY) {
            return PlannedUser.skip(desired, "update-only: not in the target yet; the migrate-user trigger or a later "
                    + "run under another policy creates it");
        }
        return signIn.complete(create(desired, name, matchKey, managedGroups), Optional.empty(), true);
    }

    /**
     * The update that brings an existing target user in line with the desired one.
     *
     * @param actualGroups  the groups the target user is in
     * @param managedGroups the groups whose memberships poolsync keeps in step
     * @param owned         whether poolsync owns the target user; only owned users lose groups or get repaired
     */
    public PlannedUser compare(DesiredUser desired, PoolUser actual, Set<String> actualGroups, Set<String> managedGroups,
            boolean owned) {
        Map<String, String> changed = new TreeMap<>();
        desired.attributes().forEach((name, value) -> {
            if (!createOnlyAttributes.contains(name) && !Objects.equals(actual.attributes().get(name), value)) {
                changed.put(name, value);
            }
        });
        // Cognito may leave an address unverified unless its flag arrives in the same request.
        travelTogether(changed, desired.attributes(), EMAIL, EMAIL_VERIFIED);
        travelTogether(changed, desired.attributes(), PHONE, PHONE_VERIFIED);
        EnabledChange enabledChange = desired.enabled() == actual.enabled()
                ? EnabledChange.NONE
                : desired.enabled() ? EnabledChange.ENABLE : EnabledChange.DISABLE;
        Set<String> add = new TreeSet<>(desired.groups());
        add.retainAll(managedGroups);
        add.removeAll(actualGroups);
        Set<String> remove = new TreeSet<>();
        if (owned) {
            remove.addAll(actualGroups);
            remove.retainAll(managedGroups);
            remove.removeAll(desired.groups());
        }
        boolean repair = repairable(desired, actual, owned);
        boolean nothing = changed.isEmpty() && enabledChange == EnabledChange.NONE && add.isEmpty() && remove.isEmpty()
                && !repair;
        return new PlannedUser(nothing ? Action.UNCHANGED : Action.UPDATE, actual.username(), desired, changed,
                enabledChange, add, remove, repair, "");
    }

    /** Under create-only an existing user is left as it is, unless it is poolsync's own interrupted create. */
    private PlannedUser completeCreate(DesiredUser desired, PoolUser actual, boolean owned) {
        if (repairable(desired, actual, owned)) {
            return new PlannedUser(Action.UPDATE, actual.username(), desired, Map.of(), EnabledChange.NONE, Set.of(),
                    Set.of(), true, "");
        }
        return PlannedUser.unchanged(actual.username(), desired);
    }

    /** A federated user is left FORCE_CHANGE_PASSWORD on purpose: it has no password to sign in with. */
    private boolean repairable(DesiredUser desired, PoolUser actual, boolean owned) {
        return repairPasswords && owned && UserStatus.FORCE_CHANGE_PASSWORD.equals(actual.status())
                && !SignInPlanner.federatedOnly(desired);
    }

    private PlannedUser create(DesiredUser desired, String name, MatchKey matchKey, Set<String> managedGroups) {
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
        return new PlannedUser(Action.CREATE, username, desired, desired.attributes(), enabledChange, groups, Set.of(),
                false, "");
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
