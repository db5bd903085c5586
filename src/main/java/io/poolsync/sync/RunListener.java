package io.poolsync.sync;

import java.util.List;
import java.util.OptionalLong;

import io.poolsync.bulk.ImportReport;
import io.poolsync.plan.GroupChange;
import io.poolsync.plan.PlannedRemoval;
import io.poolsync.plan.PlannedUser;

/**
 * What a sync pass reports as it goes, as Debezium's progress listeners hear a snapshot: the run's record
 * ({@link SyncRun}) is one listener, progress another. Called from the run's thread, and from the applier's workers
 * for what they write; implementations are thread-safe. Every method does nothing unless overridden.
 */
public interface RunListener {

    RunListener NO_OP = new RunListener() {
    };

    /** Cognito's estimates of the users each scan will read, read as the run starts. */
    default void estimates(OptionalLong targetUsers, OptionalLong sourceUsers) {
    }

    default void phaseStarted(SyncRun.Phase phase) {
    }

    /**
     * The step after import jobs starts: the pipeline again, to apply what a CSV can't carry. The run stays APPLYING,
     * and its scanned and planned counts and plan stay those of the first pass.
     */
    default void followUpPassStarted() {
    }

    default void targetUserScanned() {
    }

    default void sourceUserScanned() {
    }

    default void groupsPlanned(List<GroupChange> changes) {
    }

    default void userPlanned(PlannedUser user) {
    }

    /** Every source user is planned, those decided after the scan too: the count of user writes is final. */
    default void everyUserPlanned() {
    }

    default void removalsPlanned(List<PlannedRemoval> removals) {
    }

    /**
     * A planned user write is done.
     *
     * @param outcome {@link RunCounter#CREATED}, {@link RunCounter#UPDATED}, or {@link RunCounter#UNCHANGED} for a
     *                user found as desired when it was written
     */
    default void userWritten(RunCounter outcome) {
    }

    /** One more of what the writes count besides users: enabled, disabled, deleted, groups, memberships, links... */
    default void counted(RunCounter counter) {
    }

    /** A planned user write failed; the user is done with for this run. */
    default void userFailed(PlannedUser user, String errorCode, String message) {
    }

    /** Any other write that failed: a group, a removal, an import job. */
    default void failed(String username, String sourceUsername, String action, String errorCode, String message) {
    }

    /** Why planned removals, or the creates waiting for them, were not carried out. */
    default void removalsNotCarriedOut(String why) {
    }

    /** The import jobs as they go; users they are done with count as written. */
    default void importJobsProgressed(ImportReport report) {
    }

    /** Reports to each of {@code listeners}, in order. */
    static RunListener all(List<RunListener> listeners) {
        List<RunListener> each = List.copyOf(listeners);
        return new RunListener() {
            @Override
            public void estimates(OptionalLong targetUsers, OptionalLong sourceUsers) {
                each.forEach(listener -> listener.estimates(targetUsers, sourceUsers));
            }

            @Override
            public void phaseStarted(SyncRun.Phase phase) {
                each.forEach(listener -> listener.phaseStarted(phase));
            }

            @Override
            public void followUpPassStarted() {
                each.forEach(RunListener::followUpPassStarted);
            }

            @Override
            public void targetUserScanned() {
                each.forEach(RunListener::targetUserScanned);
            }

            @Override
            public void sourceUserScanned() {
                each.forEach(RunListener::sourceUserScanned);
            }

            @Override
            public void groupsPlanned(List<GroupChange> changes) {
                each.forEach(listener -> listener.groupsPlanned(changes));
            }

            @Override
            public void userPlanned(PlannedUser user) {
                each.forEach(listener -> listener.userPlanned(user));
            }

            @Override
            public void everyUserPlanned() {
                each.forEach(RunListener::everyUserPlanned);
            }

            @Override
            public void removalsPlanned(List<PlannedRemoval> removals) {
                each.forEach(listener -> listener.removalsPlanned(removals));
            }

            @Override
            public void userWritten(RunCounter outcome) {
                each.forEach(listener -> listener.userWritten(outcome));
            }

            @Override
            public void counted(RunCounter counter) {
                each.forEach(listener -> listener.counted(counter));
            }

            @Override
            public void userFailed(PlannedUser user, String errorCode, String message) {
                each.forEach(listener -> listener.userFailed(user, errorCode, message));
            }

            @Override
            public void failed(String username, String sourceUsername, String action, String errorCode,
                    String message) {
                each.forEach(listener -> listener.failed(username, sourceUsername, action, errorCode, message));
            }

            @Override
            public void removalsNotCarriedOut(String why) {
                each.forEach(listener -> listener.removalsNotCarriedOut(why));
            }

            @Override
            public void importJobsProgressed(ImportReport report) {
                each.forEach(listener -> listener.importJobsProgressed(report));
            }
        };
    }
}
