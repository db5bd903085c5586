package io.poolsync.sync;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;

import io.poolsync.cognito.PoolCallException;
import io.poolsync.cognito.PoolReader;
import io.poolsync.cognito.Pools;
import io.poolsync.config.PoolsyncConfig;
import io.poolsync.config.SyncPolicy;
import io.poolsync.model.DesiredUser;
import io.poolsync.model.PoolGroup;
import io.poolsync.model.PoolUser;
import io.poolsync.plan.Ownership;
import io.poolsync.plan.PlannedRemoval;
import io.poolsync.plan.Planner;
import io.poolsync.plan.PlannedUser;
import io.poolsync.plan.TargetIndex;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Re-reads one source user and plans and applies that user alone, with the same settings, {@link Planner} and
 * {@link Applier} as a full pass: event mode's entry point. The caller holds {@link SyncService#whileNoRunWrites}.
 *
 * <p>Cognito calls for one user, groups off: one source read (AdminGetUser, by sub or username),
 * one target read (AdminGetUser by the match key: the username, or the email or phone a target that signs in by them
 * accepts as Username; the applier's check right before writing uses it, {@link JustReadTarget}), and the writes the
 * plan needs. Groups to manage add AdminListGroupsForUser on each side. A deleted source user's copy, under mirror:
 * the source read, one target read, and AdminDisableUser or AdminDeleteUser.
 */
@ApplicationScoped
public class UserResync {

    private static final Logger LOG = Logger.getLogger(UserResync.class);
    /** Subs are UUIDs; anything else is not put into a ListUsers filter. */
    private static final Pattern SUB = Pattern.compile("[0-9a-fA-F-]{1,64}");

    private final Pools pools;
    private final SyncSetup setup;
    private final SyncPolicy policy;
    private final Clock clock;
    private final TargetUsernamesBySub targetUsernames = new TargetUsernamesBySub();
    /** Groups whose memberships event mode manages: mapped source groups that exist in the target. */
    private volatile Groups groups;

    public UserResync(Pools pools, SyncSetup setup, PoolsyncConfig config, Clock clock) {
        this.pools = pools;
        this.setup = setup;
        this.policy = config.policy();
        this.clock = clock;
    }

    /** What became of one user. */
    public record Outcome(Kind kind, String detail) {

        public enum Kind {
            /** Created or updated in the target. */
            APPLIED,
            /** Its source user is gone: disabled or deleted in the target under mirror ({@code poolsync.mirror.action}). */
            REMOVED,
            /** Its source user is gone, and the policy (not mirror) keeps the target copy as it is. */
            KEPT,
            /** The target already matched. */
            UNCHANGED,
            /** Not written, for the reason in {@code detail} (the same reasons a full pass gives). */
            SKIPPED,
            /** Left to the next full pass, for the reason in {@code detail}. */
            DEFERRED,
            /** A write failed: the caller tries again later. */
            FAILED
        }

        public boolean done() {
            return kind != Kind.FAILED;
        }
    }

    /**
     * @param newUser whether the source call brought the user into being (AdminCreateUser, SignUp, a confirmation)
     */
    public Outcome resyncBySub(String sub, boolean newUser) {
        if (!SUB.matcher(sub).matches()) {
            return new Outcome(Outcome.Kind.SKIPPED, "not a sub: " + sub);
        }
        // AdminGetUser takes a sub as its Username ("this value must be the sub of a local user", Amazon Cognito API
        // Reference, AdminGetUser): one UserRead call (120/s, adjustable) instead of a ListUsers sub filter, which would
        // spend UserList (30/s, not adjustable), the quota full passes live on.
        return resync(() -> pools.source().findUser(sub), Optional.of(sub), newUser);
    }

    public Outcome resyncByUsername(String username, boolean newUser) {
        return resync(() -> pools.source().findUser(username), Optional.empty(), newUser);
    }

    /** @param sub the source sub the event named, if it named one */
    private Outcome resync(java.util.function.Supplier<Optional<PoolUser>> readSource, Optional<String> sub,
            boolean newUser) {
        SyncSettings settings = setup.settings();
        SyncRun run = new SyncRun(SyncRun.Trigger.EVENT, settings.dryRun(), clock);
        try {
            Optional<PoolUser> source = readSource.get();
            if (source.isEmpty()) {
                // Deleted, or a user of another pool (an event without a pool id): nothing in the source to copy.
                return sub.map(gone -> removeCopyOf(gone, settings, run)).orElseGet(() -> new Outcome(
                        Outcome.Kind.DEFERRED, "not in the source pool; its target copy is left to the next full pass"));
            }
            Groups managed = groups();
            DesiredUser desired = settings.rules().desire(source.get());
            // Without groups to manage, memberships can't change the plan: no AdminListGroupsForUser on either side.
            boolean memberships = settings.groupsEnabled() && !managed.managed().isEmpty();
            if (memberships) {
                desired = desired.withGroups(pools.source().groupsOf(source.get().username()));
            }
            TargetIndex index = settings.planner().index(settings.matchKey(), settings.rules().sourceSubAttribute());
            Optional<String> signIn = settings.matchKey().signInValue(desired.sourceUsername(), desired.attributes());
            Optional<PoolUser> target = signIn.flatMap(pools.target()::findUser);
            target.ifPresent(user -> {
                index.add(user);
                if (memberships) {
                    pools.target().groupsOf(user.username()).forEach(group -> index.addMembership(user, group));
                }
            });
            Planner.Planning planning = settings.planner().start(index, managed.managed(), managed.target());
            DesiredUser user = desired;
            // One user, read on its own: nothing else in this pass can claim its key, so it is settled at once.
            PlannedUser planned = planning.next(user).orElseGet(() -> planning.settle(user));
            run.userPlanned(planned);
            if (planned.action() != PlannedUser.Action.SKIP && planned.action() != PlannedUser.Action.CONFLICT) {
                source.get().attribute(PoolUser.SUB).ifPresent(key -> targetUsernames.remember(key, planned.username()));
            }
            if (planned.action() == PlannedUser.Action.CREATE && !settings.matchKey().usernameAttributes().isEmpty()
                    && !newUser) {
                // The target signs in by email or phone: a source user whose address changed is still in the target
                // under the old one, which only a full pass (matching by source sub) finds.
                return new Outcome(Outcome.Kind.DEFERRED, "not found in the target by " + settings.matchKey().describe()
                        + "; an address change is only matched by a full pass");
            }
            return switch (planned.action()) {
                case SKIP, CONFLICT -> new Outcome(Outcome.Kind.SKIPPED, planned.reason());
                case UNCHANGED -> new Outcome(Outcome.Kind.UNCHANGED, "");
                case CREATE, UPDATE -> apply(planned, target, run, settings);
            };
        } catch (PoolCallException e) {
            return new Outcome(Outcome.Kind.FAILED, e.errorCode() + ": " + e.getMessage());
        }
    }

    /**
     * The source user with this sub is gone: under mirror its target copy is removed as a full pass would remove it
     * (the planner's removals, so {@code poolsync.mirror.action} and max-deletes apply, and the applier's check of the
     * owner mark right before the call); under any other policy it stays.
     */
    private Outcome removeCopyOf(String sub, SyncSettings settings, SyncRun run) {
        if (policy != SyncPolicy.MIRROR) {
            return new Outcome(Outcome.Kind.KEPT, "the source user is gone; policy " + policy + " keeps its copy");
        }
        Optional<String> username = targetUsernames.find(sub);
        if (username.isEmpty()) {
            return new Outcome(Outcome.Kind.DEFERRED, "not in the source pool, and not re-read by event mode since "
                    + "start-up: its target copy, if any, is left to the next full pass");
        }
        Optional<PoolUser> target = pools.target().findUser(username.get());
        Ownership ownership = new Ownership(settings.rules().sourceSubAttribute());
        if (target.isEmpty() || !ownership.owner(target.get()).equals(Optional.of(sub))) {
            // Gone already, or no longer this source user's copy: nothing of it to remove.
            targetUsernames.forget(sub);
            return new Outcome(Outcome.Kind.UNCHANGED, "");
        }
        TargetIndex index = settings.planner().index(settings.matchKey(), settings.rules().sourceSubAttribute());
        index.add(target.get());
        // Nothing planned from the source: the one owned target user is unmatched, as a full pass finds it.
        List<PlannedRemoval> removals = settings.planner().start(index, List.of(), Map.of()).removals();
        if (removals.isEmpty()) {
            return new Outcome(Outcome.Kind.UNCHANGED, "");
        }
        if (run.dryRun()) {
            return new Outcome(Outcome.Kind.SKIPPED, "dry run: planned " + removals.get(0).kind());
        }
        new Applier(pools.target(), new JustReadTarget(pools.target(), target.get()), settings, 1)
                .applyRemovals(removals, 0, run);
        if (run.counters().get(RunCounter.FAILED) > 0) {
            SyncRun.Failure failure = run.failures(0, 1).get(0);
            return new Outcome(Outcome.Kind.FAILED, failure.errorCode() + ": " + failure.message());
        }
        if (run.counters().get(RunCounter.DELETED) + run.counters().get(RunCounter.DISABLED) == 0) {
            // A removal not carried out: more than poolsync.mirror.max-deletes (0), as a full pass would say.
            return new Outcome(Outcome.Kind.SKIPPED, "not removed: poolsync.mirror.max-deletes="
                    + settings.maxRemovals());
        }
        targetUsernames.forget(sub);
        return new Outcome(Outcome.Kind.REMOVED, removals.get(0).kind().name());
    }

    private Outcome apply(PlannedUser planned, Optional<PoolUser> target, SyncRun run, SyncSettings settings) {
        if (run.dryRun()) {
            return new Outcome(Outcome.Kind.SKIPPED, "dry run: planned " + planned.action());
        }
        // Group definitions are a full pass's business: here only groups that already exist in the target are managed.
        PoolReader reader = target.<PoolReader>map(user -> new JustReadTarget(pools.target(), user)).orElse(pools.target());
        new Applier(pools.target(), reader, settings, 1).applyOne(planned, Set.of(), run);
        if (run.counters().get(RunCounter.FAILED) > 0) {
            SyncRun.Failure failure = run.failures(0, 1).get(0);
            return new Outcome(Outcome.Kind.FAILED, failure.errorCode() + ": " + failure.message());
        }
        return new Outcome(Outcome.Kind.APPLIED, planned.action().name());
    }

    private Groups groups() {
        Groups current = groups;
        if (current != null) {
            return current;
        }
        // Once for all workers: event mode's workers start together, and each read is two ListGroups sweeps.
        synchronized (this) {
            if (groups == null) {
                groups = readGroups();
            }
            return groups;
        }
    }

    /** Groups created by a full pass become managed from then on. */
    void onRunFinished(@Observes SyncRun.Finished event) {
        groups = null;
    }

    private Groups readGroups() {
        SyncSettings settings = setup.settings();
        if (!settings.groupsEnabled()) {
            return new Groups(List.of(), Map.of());
        }
        Map<String, PoolGroup> target = pools.target().groups().stream()
                .collect(Collectors.toMap(PoolGroup::name, Function.identity()));
        List<PoolGroup> managed = pools.source().groups().stream().map(settings.groupRules()::desire)
                .filter(group -> target.containsKey(group.name())).toList();
        LOG.debugf("event mode manages the memberships of %d groups", managed.size());
        return new Groups(managed, target);
    }

    private record Groups(List<PoolGroup> managed, Map<String, PoolGroup> target) {
    }
}
