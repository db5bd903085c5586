package io.poolsync.sync;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import io.poolsync.cognito.PoolCallException;
import io.poolsync.cognito.PoolReader;
import io.poolsync.cognito.PoolWriter;
import io.poolsync.cognito.SignInWriter;
import io.poolsync.cognito.TargetPool;
import io.poolsync.config.PasswordMode;
import io.poolsync.model.LinkedIdentity;
import io.poolsync.model.PoolGroup;
import io.poolsync.model.PoolUser;
import io.poolsync.plan.GroupChange;
import io.poolsync.plan.PlannedRemoval;
import io.poolsync.plan.PlannedUser;
import io.poolsync.plan.PlannedUser.Action;
import io.poolsync.plan.PlannedUser.EnabledChange;
import io.poolsync.plan.Ownership;
import io.poolsync.plan.Planner;
import io.poolsync.plan.SignInPlan;

/**
 * Carries out a plan against the target: the only code that writes through the API (import jobs are
 * {@link io.poolsync.bulk.ImportJobApplier}'s). Group definitions first, then users, written
 * concurrently, at most {@code concurrency} at a time, then removals. A user that fails is recorded and the others go
 * on; removals happen only in a run without failures and within the configured bound.
 */
final class Applier {

    private static final Logger LOG = Logger.getLogger(Applier.class);
    /** The error code of a write refused because the user is not, or no longer, poolsync's. */
    static final String NOT_OWNED = "NotOwned";
    private static final int MAX_DELETED_ATTRIBUTES = 32;

    private final PoolWriter writer;
    private final SignInWriter signInWriter;
    private final PoolReader target;
    private final Planner planner;
    private final PasswordMode passwordMode;
    private final List<String> invitationMediums;
    private final Ownership ownership;
    private final int maxRemovals;
    private final RandomPasswords passwords;
    private final int concurrency;
    private final boolean federatedPasswords;
    private final boolean generatedUsernames;

    Applier(TargetPool target, SyncSettings settings, int concurrency) {
        this(target, target, settings, concurrency);
    }

    /** @param reReads where the read right before a write goes: event mode answers it with the read it just made */
    Applier(TargetPool target, PoolReader reReads, SyncSettings settings, int concurrency) {
        this.writer = target;
        this.signInWriter = target;
        this.target = reReads;
        this.planner = settings.planner();
        this.passwordMode = settings.passwordMode();
        this.invitationMediums = settings.invitationMediums();
        this.ownership = new Ownership(settings.rules().sourceSubAttribute());
        this.maxRemovals = settings.maxRemovals();
        this.passwords = new RandomPasswords(settings.passwordPolicy());
        this.concurrency = concurrency;
        this.federatedPasswords = settings.signIn().federation().passwordReset();
        this.generatedUsernames = !settings.matchKey().usernameAttributes().isEmpty();
    }

    /**
     * Applies the group definitions, then takes users as they are planned.
     *
     * @param run    asked whether to stop, and how many failures the run has had before removals
     * @param events told of every write and failure
     */
    Session begin(List<GroupChange> groupChanges, SyncRun run, RunListener events) {
        return new Session(applyGroups(groupChanges, events), run, events);
    }

    /** One run's writes: users as they are planned, at most {@code concurrency} at a time, then the removals. */
    final class Session implements AutoCloseable {

        private final Set<String> missingGroups;
        private final SyncRun run;
        private final RunListener events;
        private final ExecutorService workers;
        // Bounds the queue as well as the workers, so a million-user source does not become a million tasks at once.
        private final Semaphore slots = new Semaphore(concurrency * 2);
        private final List<PlannedUser> afterRemovals = new ArrayList<>();

        private Session(Set<String> missingGroups, SyncRun run, RunListener events) {
            this.missingGroups = missingGroups;
            this.run = run;
            this.events = events;
            this.workers = Executors.newFixedThreadPool(concurrency, runnable -> {
                Thread thread = new Thread(runnable, "poolsync-apply");
                thread.setDaemon(true);
                return thread;
            });
        }

        /**
         * Queues a user's writes; blocks while {@code 2 x concurrency} users are already queued or in flight. A create
         * that replaces an owned user (mirror, delete) waits for the removals.
         */
        void submit(PlannedUser user) throws InterruptedException {
            if (!user.writes()) {
                return;
            }
            if (!user.replaces().isEmpty()) {
                synchronized (afterRemovals) {
                    afterRemovals.add(user);
                }
                return;
            }
            slots.acquire();
            workers.execute(() -> {
                try {
                    // Once shutdown asks the run to stop, users still queued are left for the next run.
                    if (!run.stopRequested()) {
                        applyOne(user, missingGroups, events);
                    }
                } finally {
                    slots.release();
                }
            });
        }

        /** Waits for every user's writes, then carries out the removals and the creates that waited for them. */
        void finish(List<PlannedRemoval> removals) throws InterruptedException {
            close();
            Set<String> removed = applyRemovals(removals, run.counters().get(RunCounter.FAILED), events);
            List<PlannedUser> waiting;
            synchronized (afterRemovals) {
                waiting = List.copyOf(afterRemovals);
            }
            long notCreated = 0;
            for (PlannedUser user : waiting) {
                if (run.stopRequested()) {
                    break;
                }
                if (removed.contains(user.replaces())) {
                    applyOne(user, missingGroups, events);
                } else {
                    notCreated++;
                    events.userFailed(user, "NotReplaced", "not created: " + user.replaces() + ", poolsync's copy of a "
                            + "source user that is gone, holds its " + "username and was not deleted (see removalsNote)");
                }
            }
            if (notCreated > 0) {
                events.removalsNotCarriedOut(notCreated + " re-created source users were not created: the users holding their "
                        + "usernames were not deleted");
            }
        }

        /** Takes no more users and waits for the writes in flight, so no user is left half-written. */
        @Override
        public void close() throws InterruptedException {
            workers.shutdown();
            while (!workers.awaitTermination(1, TimeUnit.MINUTES)) {
                LOG.debugf("waiting for %d users' writes in flight", concurrency * 2 - slots.availablePermits());
            }
        }
    }

    /** @return the groups that could not be created, whose memberships are therefore not attempted */
    private Set<String> applyGroups(List<GroupChange> changes, RunListener events) {
        Set<String> missing = ConcurrentHashMap.newKeySet();
        for (GroupChange change : changes) {
            try {
                if (change.kind() == GroupChange.Kind.CREATE) {
                    createGroup(change.group());
                    events.counted(RunCounter.GROUPS_CREATED);
                } else {
                    writer.updateGroup(change.group());
                    events.counted(RunCounter.GROUPS_UPDATED);
                }
            } catch (PoolCallException e) {
                if (change.kind() == GroupChange.Kind.CREATE) {
                    missing.add(change.group().name());
                }
                events.failed(change.group().name(), change.group().name(), change.kind() + "_GROUP", e.errorCode(),
                        e.getMessage());
            }
        }
        return missing;
    }

    private void createGroup(PoolGroup group) {
        try {
            writer.createGroup(group);
        } catch (PoolCallException e) {
            if (!PoolCallException.GROUP_EXISTS.equals(e.errorCode())) {
                throw e;
            }
            // The create took effect but its answer was lost, and the SDK's retry met the group: bring it in line.
            writer.updateGroup(group);
        }
    }

    void applyOne(PlannedUser user, Set<String> missingGroups, RunListener events) {
        try {
            if (user.action() == Action.CREATE) {
                create(user, missingGroups, events);
            } else {
                update(user, missingGroups, events);
            }
        } catch (PoolCallException e) {
            events.userFailed(user, e.errorCode(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.errorf(e, "unexpected error writing %s", user.username());
            events.userFailed(user, e.getClass().getSimpleName(), String.valueOf(e.getMessage()));
        }
    }

    private void create(PlannedUser user, Set<String> missingGroups, RunListener events) {
        // A federated user never had a password: no invitation carries one to it, and none is set unless asked for.
        boolean federated = user.signIn().federatedOnly();
        try {
            writer.createUser(user.username(), user.attributes(), federated ? List.of() : invitationMediums);
        } catch (PoolCallException e) {
            if (!PoolCallException.USERNAME_EXISTS.equals(e.errorCode())) {
                throw e;
            }
            // ListUsers is eventually consistent: the user appeared after the target was read. Update it instead, if
            // it is ours; its current groups are unknown, so groups are only added, never removed.
            PoolUser actual = target.findUser(user.username()).orElseThrow(() -> e);
            if (!ownership.permits(actual, user.desired().sourceSub(), false)) {
                events.userFailed(user, NOT_OWNED, "left alone: the target user appeared after the target was read and is "
                        + "not poolsync's copy of this source user");
                return;
            }
            PlannedUser update = planner.compare(user.desired(), actual, Set.of(), user.addGroups());
            if (update.action() == Action.UNCHANGED) {
                events.userWritten(RunCounter.UNCHANGED);
            } else {
                writeUpdate(update, missingGroups, events);
            }
            return;
        }
        if (federated ? federatedPasswords : passwordMode == PasswordMode.CONFIRMED) {
            writer.setPermanentPassword(user.username(), passwords.next());
        }
        if (user.enabledChange() == EnabledChange.DISABLE) {
            writer.setEnabled(user.username(), false);
            events.counted(RunCounter.DISABLED);
        }
        addToGroups(user, missingGroups, events);
        applySignIn(user, events);
        events.userWritten(RunCounter.CREATED);
    }

    /** Reads the user again right before writing to it: it must still be this source user's (or, adopting, nobody's). */
    private void update(PlannedUser user, Set<String> missingGroups, RunListener events) {
        Optional<PoolUser> current = target.findUser(user.username());
        if (current.isEmpty()) {
            events.userFailed(user, "UserNotFoundException", "the target user is gone since the target was read");
            return;
        }
        if (!ownership.permits(current.get(), user.desired().sourceSub(), user.adopt())) {
            events.userFailed(user, NOT_OWNED, user.adopt()
                    ? "left alone: the target user was given an owner mark since the target was read"
                    : "left alone: the target user no longer carries this source user's owner mark");
            return;
        }
        // The index keeps digests, not attribute values: this read is what the exact change is computed from.
        PlannedUser exact = planner.confirm(user, current.get());
        if (exact.action() == Action.UNCHANGED) {
            events.userWritten(RunCounter.UNCHANGED);
            return;
        }
        writeUpdate(exact, missingGroups, events);
    }

    private void writeUpdate(PlannedUser user, Set<String> missingGroups, RunListener events) {
        if (!user.attributes().isEmpty()) {
            writer.updateAttributes(user.username(), user.attributes());
        }
        if (user.adopt()) {
            LOG.infof("adopted the target user %s for source user %s (poolsync.ownership.adopt-existing)",
                    user.username(), user.desired().sourceUsername());
            events.counted(RunCounter.ADOPTED);
        }
        // AdminDeleteUserAttributes takes at most 32 names a request (Amazon Cognito API Reference).
        List<String> removed = List.copyOf(user.removedAttributes());
        for (int from = 0; from < removed.size(); from += MAX_DELETED_ATTRIBUTES) {
            writer.deleteAttributes(user.username(),
                    removed.subList(from, Math.min(removed.size(), from + MAX_DELETED_ATTRIBUTES)));
        }
        if (user.repairPassword()) {
            // A create that was interrupted before its password was set: finish it.
            writer.setPermanentPassword(user.username(), passwords.next());
            events.counted(RunCounter.PASSWORDS_REPAIRED);
        }
        if (user.enabledChange() != EnabledChange.NONE) {
            boolean enable = user.enabledChange() == EnabledChange.ENABLE;
            writer.setEnabled(user.username(), enable);
            events.counted(enable ? RunCounter.ENABLED : RunCounter.DISABLED);
        }
        addToGroups(user, missingGroups, events);
        for (String group : user.removeGroups()) {
            writer.removeFromGroup(user.username(), group);
            events.counted(RunCounter.MEMBERSHIPS_REMOVED);
        }
        applySignIn(user, events);
        events.userWritten(RunCounter.UPDATED);
    }

    /** Links the user's identities and sets its MFA settings, once the user exists. */
    private void applySignIn(PlannedUser user, RunListener events) {
        SignInPlan plan = user.signIn();
        if (!plan.links().isEmpty()) {
            // AdminLinkProviderForUser names the native user by its username, which Cognito generated where the pool
            // signs in by email or phone: a created user is planned under its address.
            String username = generatedUsernames && user.action() == Action.CREATE
                    ? target.findUser(user.username()).map(PoolUser::username).orElse(user.username())
                    : user.username();
            for (LinkedIdentity identity : plan.links()) {
                signInWriter.linkIdentity(username, identity.providerName(), identity.userId());
                events.counted(RunCounter.IDENTITIES_LINKED);
            }
        }
        if (plan.mfa().isPresent()) {
            signInWriter.setMfaPreference(user.username(), plan.mfa().get());
            events.counted(RunCounter.MFA_SETTINGS_SET);
        }
    }

    private void addToGroups(PlannedUser user, Set<String> missingGroups, RunListener events) {
        for (String group : user.addGroups()) {
            if (!missingGroups.contains(group)) {
                writer.addToGroup(user.username(), group);
                events.counted(RunCounter.MEMBERSHIPS_ADDED);
            }
        }
    }

    /**
     * Removals run last, and not at all after failures or beyond the bound (rclone's delete-after rule).
     *
     * @return the usernames deleted
     */
    Set<String> applyRemovals(List<PlannedRemoval> removals, long failures, RunListener events) {
        Set<String> deleted = new HashSet<>();
        if (removals.isEmpty()) {
            return deleted;
        }
        if (failures > 0) {
            events.removalsNotCarriedOut(removals.size() + " planned removals not carried out: the run had " + failures
                    + " failures");
            return deleted;
        }
        if (removals.size() > maxRemovals) {
            events.removalsNotCarriedOut(removals.size() + " planned removals exceed poolsync.mirror.max-deletes="
                    + maxRemovals + ": none carried out");
            return deleted;
        }
        for (PlannedRemoval removal : removals) {
            try {
                // Ownership is checked again right before the call: only a user still carrying its mark is removed.
                Optional<PoolUser> current = target.findUser(removal.username());
                if (current.isEmpty()) {
                    deleted.add(removal.username());
                    continue;
                }
                if (ownership.owner(current.get()).filter(removal::markedBy).isEmpty()) {
                    events.failed(removal.username(), "", removal.kind().name(), NOT_OWNED,
                            "left alone: the user no longer carries poolsync's owner mark");
                    continue;
                }
                if (removal.kind() == PlannedRemoval.Kind.DELETE) {
                    writer.deleteUser(removal.username());
                    events.counted(RunCounter.DELETED);
                    deleted.add(removal.username());
                } else {
                    writer.setEnabled(removal.username(), false);
                    events.counted(RunCounter.DISABLED);
                }
            } catch (PoolCallException e) {
                events.failed(removal.username(), "", removal.kind().name(), e.errorCode(), e.getMessage());
            }
        }
        return deleted;
    }
}
