package io.poolsync.plan;

import static io.poolsync.mapping.AttributeRules.EMAIL;
import static io.poolsync.mapping.AttributeRules.EMAIL_VERIFIED;
import static io.poolsync.mapping.AttributeRules.PHONE;
import static io.poolsync.mapping.AttributeRules.PHONE_VERIFIED;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.poolsync.model.DesiredUser;
import io.poolsync.model.PoolUser;
import io.poolsync.model.UserStatus;
import io.poolsync.plan.PlannedUser.Action;
import io.poolsync.plan.PlannedUser.EnabledChange;

/**
 * Compares the desired users with the target and decides, per user, what to do. Pure: no I/O, no clock.
 *
 * @param replicatedStatuses      source statuses that are replicated
 * @param createOnlyAttributes    immutable target attributes: written at creation, never updated
 * @param invitationAddresses     attributes of which a user needs one to receive an invitation; empty when no
 *                                invitation is sent
 */
public record Planner(Set<String> replicatedStatuses, Set<String> createOnlyAttributes,
        Set<String> invitationAddresses) {

    public Planner {
        replicatedStatuses = Set.copyOf(replicatedStatuses);
        createOnlyAttributes = Set.copyOf(createOnlyAttributes);
        invitationAddresses = Set.copyOf(invitationAddresses);
    }

    public Plan plan(Iterable<DesiredUser> desiredUsers, TargetIndex target) {
        List<PlannedUser> planned = new ArrayList<>();
        Set<String> seenKeys = new HashSet<>();
        for (DesiredUser desired : desiredUsers) {
            planned.add(planUser(desired, target, seenKeys));
        }
        return new Plan(planned);
    }

    private PlannedUser planUser(DesiredUser desired, TargetIndex target, Set<String> seenKeys) {
        String statusReason = statusSkipReason(desired.sourceStatus());
        if (statusReason != null) {
            return PlannedUser.skip(desired, statusReason);
        }
        MatchKey matchKey = target.matchKey();
        var key = matchKey.of(desired.sourceUsername(), desired.attributes());
        if (key.isEmpty()) {
            return PlannedUser.skip(desired, "no " + matchKey.describe() + " to sign in with in the target pool");
        }
        if (!seenKeys.add(key.get())) {
            return PlannedUser.skip(desired, "another source user has the same " + matchKey.describe());
        }
        return target.find(key.get())
                .map(actual -> compare(desired, actual))
                .orElseGet(() -> create(desired, matchKey));
    }

    /** The update that brings an existing target user in line with the desired one. */
    public PlannedUser compare(DesiredUser desired, PoolUser actual) {
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
        Action action = changed.isEmpty() && enabledChange == EnabledChange.NONE ? Action.UNCHANGED : Action.UPDATE;
        return new PlannedUser(action, actual.username(), desired, changed, enabledChange, "");
    }

    private PlannedUser create(DesiredUser desired, MatchKey matchKey) {
        if (!invitationAddresses.isEmpty()
                && invitationAddresses.stream().noneMatch(desired.attributes()::containsKey)) {
            return PlannedUser.skip(desired, "no " + String.join(" or ", new TreeSet<>(invitationAddresses))
                    + " to send the invitation to");
        }
        String username = matchKey.signInValue(desired.sourceUsername(), desired.attributes()).orElseThrow();
        EnabledChange enabledChange = desired.enabled() ? EnabledChange.NONE : EnabledChange.DISABLE;
        return new PlannedUser(Action.CREATE, username, desired, desired.attributes(), enabledChange, "");
    }

    private String statusSkipReason(String status) {
        if (replicatedStatuses.contains(status)) {
            return null;
        }
        return switch (status) {
            case UserStatus.EXTERNAL_PROVIDER -> "EXTERNAL_PROVIDER: federated users can't be created with AdminCreateUser";
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
