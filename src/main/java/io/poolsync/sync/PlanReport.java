package io.poolsync.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.poolsync.model.LinkedIdentity;
import io.poolsync.plan.GroupChange;
import io.poolsync.plan.PlannedRemoval;
import io.poolsync.plan.PlannedUser;
import io.poolsync.plan.SignInPlan;

/**
 * A run's plan as it is kept and returned: a summary, and one item per group or user that the plan touches or skips.
 * Attribute names only, never values: some attributes are sensitive.
 *
 * @param itemsNote why some or all items are not kept (the summary still counts them all); null when all are
 * @param signIn    users with identities to link or not linkable, MFA settings to set, or TOTP to re-enrol
 */
public record PlanReport(Summary summary, List<Item> items, String itemsNote, List<SignInItem> signIn) {

    /**
     * Items kept per run, and as many again for conflicts: a million-user initial plan is summarised, not kept whole,
     * so twenty runs of any size fit in the heap (see {@code PlanMemoryTest}).
     */
    static final int MAX_ITEMS = 10_000;

    public record Summary(Map<String, Long> users, Map<String, Long> skipReasons, long groupCreates, long groupUpdates,
            long membershipAdds, long membershipRemoves, long passwordRepairs, Map<String, Long> removals,
            SignInSummary signIn) {
    }

    /**
     * Federated identities and MFA in a plan.
     *
     * @param links            identities to link (AdminLinkProviderForUser, UserUpdate)
     * @param missingProviders per target provider name the target lacks, the identities not linked for it
     * @param notLinked        identities not linked for another reason (see the items)
     * @param mfaReads         AdminGetUser calls on the source for users' MFA settings: each makes the user a monthly
     *                         active user of the source pool
     * @param mfaSettings      users to get SMS or email MFA (AdminSetUserMFAPreference, UserResourceUpdate)
     * @param reEnrolTotp      users who had TOTP in the source and must set up their authenticator again
     * @param mfaRefreshes     existing users whose MFA settings were compared with their source users'
     *                         ({@code poolsync.mfa.refresh-every}): each one AdminGetUser on the source, counted in
     *                         {@code mfaReads}, and one on the target
     */
    public record SignInSummary(long links, Map<String, Long> missingProviders, long notLinked, long mfaReads,
            long mfaSettings, long reEnrolTotp, long mfaRefreshes) {
    }

    /**
     * @param links       provider names of the identities to link
     * @param notLinked   identities that can't be linked, with the reason
     * @param mfa         the MFA factors to turn on
     * @param reEnrolTotp the user must set up TOTP again
     */
    public record SignInItem(String username, String sourceUsername, List<String> links, List<String> notLinked,
            List<String> mfa, boolean reEnrolTotp) {
    }

    /**
     * @param kind one of user, group, removal
     */
    public record Item(String kind, String username, String sourceUsername, String action, List<String> changedAttributes,
            List<String> addGroups, List<String> removeGroups, boolean repairPassword, String reason,
            List<String> removedAttributes) {
    }

    /** Builds the report as the plan is made, user by user. Thread-safe. */
    static final class Recorder {
        private final Map<String, Long> users = new TreeMap<>();
        private final Map<String, Long> skipReasons = new TreeMap<>();
        private final Map<String, Long> removals = new TreeMap<>();
        private final ArrayList<Item> items = new ArrayList<>();
        private final ArrayList<SignInItem> signInItems = new ArrayList<>();
        private final Map<String, Long> missingProviders = new TreeMap<>();
        private long links;
        private long notLinked;
        private long mfaReads;
        private long mfaSettings;
        private long reEnrolTotp;
        private long mfaRefreshes;
        private long groupCreates;
        private long groupUpdates;
        private long membershipAdds;
        private long membershipRemoves;
        private long passwordRepairs;
        private int conflicts;
        private long dropped;
        private boolean forgotten;
        private String forgottenWhy;

        synchronized void groups(List<GroupChange> changes) {
            for (GroupChange change : changes) {
                if (change.kind() == GroupChange.Kind.CREATE) {
                    groupCreates++;
                } else {
                    groupUpdates++;
                }
                keep(new Item("group", change.group().name(), change.group().name(), change.kind().name() + "_GROUP",
                        List.of(), List.of(), List.of(), false, "", List.of()));
            }
        }

        synchronized void user(PlannedUser user) {
            users.merge(user.action().name(), 1L, Long::sum);
            membershipAdds += user.addGroups().size();
            membershipRemoves += user.removeGroups().size();
            if (user.repairPassword()) {
                passwordRepairs++;
            }
            if (user.action() == PlannedUser.Action.SKIP) {
                skipReasons.merge(user.reason(), 1L, Long::sum);
            }
            signIn(user);
            // Unchanged users are the bulk of a re-sync and say nothing: they are counted, not listed.
            if (user.action() != PlannedUser.Action.UNCHANGED) {
                String reason = user.reason();
                if (user.adopt()) {
                    reason = "adopts a target user poolsync did not create (poolsync.ownership.adopt-existing)";
                } else if (!user.replaces().isEmpty()) {
                    reason = "replaces " + user.replaces() + ", poolsync's copy of a source user that is gone, once "
                            + "mirror has deleted it";
                }
                Item item = new Item("user", user.username(), user.desired().sourceUsername(), user.action().name(),
                        List.copyOf(user.attributes().keySet()), List.copyOf(user.addGroups()),
                        List.copyOf(user.removeGroups()), user.repairPassword(), reason,
                        List.copyOf(user.removedAttributes()));
                if (user.action() == PlannedUser.Action.CONFLICT) {
                    keepConflict(item);
                } else {
                    keep(item);
                }
            }
        }

        private void signIn(PlannedUser user) {
            SignInPlan plan = user.signIn();
            links += plan.links().size();
            notLinked += plan.notLinked().size();
            plan.missingProviders().forEach(provider -> missingProviders.merge(provider, 1L, Long::sum));
            mfaReads += plan.mfaRead() ? 1 : 0;
            mfaSettings += plan.mfa().isPresent() ? 1 : 0;
            reEnrolTotp += plan.reEnrolTotp() ? 1 : 0;
            mfaRefreshes += plan.mfaRefreshed() ? 1 : 0;
            if (plan.reported() && !forgotten) {
                if (signInItems.size() < MAX_ITEMS) {
                    signInItems.add(new SignInItem(user.username(), user.desired().sourceUsername(),
                            plan.links().stream().map(LinkedIdentity::providerName).toList(), plan.notLinked(),
                            plan.mfa().map(mfa -> List.copyOf(mfa.enabled())).orElse(List.of()), plan.reEnrolTotp()));
                } else {
                    dropped++;
                }
            }
        }

        synchronized void removals(List<PlannedRemoval> planned) {
            for (PlannedRemoval removal : planned) {
                removals.merge(removal.kind().name(), 1L, Long::sum);
                keep(new Item("removal", removal.username(), "", removal.kind().name(), List.of(), List.of(), List.of(),
                        false, "source user is gone", List.of()));
            }
        }

        private void keep(Item item) {
            if (forgotten) {
                return;
            }
            if (items.size() - conflicts < MAX_ITEMS) {
                items.add(item);
            } else {
                dropped++;
            }
        }

        /** Conflicts need the operator: they have a budget of their own, so a large plan never crowds them out. */
        private void keepConflict(Item item) {
            if (forgotten) {
                return;
            }
            if (conflicts < MAX_ITEMS) {
                items.add(item);
                conflicts++;
            } else {
                dropped++;
            }
        }

        /** Drops the items, keeping the summary: an older run's history. */
        synchronized void forgetItems(String why) {
            forgotten = true;
            forgottenWhy = why;
            items.clear();
            items.trimToSize();
            signInItems.clear();
            signInItems.trimToSize();
        }

        synchronized Summary summary() {
            return new Summary(new TreeMap<>(users), new TreeMap<>(skipReasons), groupCreates, groupUpdates,
                    membershipAdds, membershipRemoves, passwordRepairs, new TreeMap<>(removals),
                    new SignInSummary(links, new TreeMap<>(missingProviders), notLinked, mfaReads, mfaSettings,
                            reEnrolTotp, mfaRefreshes));
        }

        synchronized PlanReport report() {
            String note = forgotten ? forgottenWhy
                    : dropped > 0 ? dropped + " items beyond the " + MAX_ITEMS + " kept per run (and as many conflicts) "
                            + "were dropped; the summary counts them all" : null;
            return new PlanReport(summary(), List.copyOf(items), note, List.copyOf(signInItems));
        }
    }
}
