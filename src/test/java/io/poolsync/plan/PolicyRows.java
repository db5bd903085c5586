package io.poolsync.plan;

import java.util.Map;
import java.util.Set;

import io.poolsync.model.DesiredUser;
import io.poolsync.model.UserStatus;
import io.poolsync.plan.PlannedUser.Action;
import io.poolsync.plan.PlannedUser.EnabledChange;

/** The changes of a full diff that the policies' table tests filter: one of each kind, for the source user alice. */
final class PolicyRows {

    static final MatchKey KEY = new MatchKey(java.util.List.of("email"), false);
    static final DesiredUser ALICE = new DesiredUser("alice", "sub-alice", UserStatus.CONFIRMED, false,
            Map.of("email", "a@x.com", "given_name", "Alice"), Set.of("staff"));

    /** An update of alice's own target user: an attribute, the enabled flag, a group and the password repair. */
    static final PlannedUser OWN_UPDATE = new PlannedUser(Action.UPDATE, "uuid-alice", ALICE,
            Map.of("given_name", "Alice"), EnabledChange.DISABLE, Set.of("staff"), Set.of("old"), true, "",
            Set.of("family_name"), false, "");
    static final PlannedUser OWN_UPDATE_WITHOUT_REPAIR = new PlannedUser(Action.UPDATE, "uuid-alice", ALICE,
            Map.of("given_name", "Alice"), EnabledChange.DISABLE, Set.of("staff"), Set.of("old"), false, "",
            Set.of("family_name"), false, "");
    /** An update planned from the index's digests, left to the applier's read of the user. */
    static final PlannedUser REREAD_UPDATE = new PlannedUser(Action.UPDATE, "uuid-alice", ALICE, Map.of(),
            EnabledChange.NONE, Set.of(), Set.of(), false, "", Set.of(), false, "", SignInPlan.NONE, true);
    static final PlannedUser CREATE = new PlannedUser(Action.CREATE, "a@x.com", ALICE,
            Map.of("email", "a@x.com", "given_name", "Alice"), EnabledChange.DISABLE, Set.of("staff"), Set.of(), false,
            "");
    static final PlannedUser NO_INVITATION = PlannedUser.skip(ALICE, "no email to send the invitation to");
    static final PlannedUser REPLACING = new PlannedUser(Action.CREATE, "a@x.com", ALICE,
            Map.of("email", "a@x.com", "given_name", "Alice"), EnabledChange.DISABLE, Set.of("staff"), Set.of(), false,
            "", Set.of(), false, "uuid-gone");
    static final PlannedUser NATIVE_UPDATE = new PlannedUser(Action.UPDATE, "uuid-native", ALICE,
            Map.of("given_name", "Alice"), EnabledChange.DISABLE, Set.of("staff"), Set.of(), false, "");

    private PolicyRows() {
    }

    static Change update(PlannedUser planned) {
        return new Change(Change.Kind.UPDATE, planned, planned.username(), KEY);
    }

    static Change create(PlannedUser planned) {
        return new Change(Change.Kind.CREATE, planned, "", KEY);
    }

    static Change adoption(PlannedUser planned) {
        return new Change(Change.Kind.ADOPTION, planned, planned.username(), KEY);
    }

    static Change replacement(PlannedUser planned) {
        return new Change(Change.Kind.REPLACEMENT, planned, "uuid-gone", KEY);
    }

    static PlannedUser unchanged(String username) {
        return PlannedUser.unchanged(username, ALICE);
    }

    static PlannedUser conflict(String reason) {
        return PlannedUser.conflict("uuid-gone", ALICE, reason);
    }
}
