package io.poolsync.sync;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;

import io.poolsync.cognito.PoolCallException;
import io.poolsync.cognito.SignInReader;
import io.poolsync.mapping.MfaRules;
import io.poolsync.model.MfaSettings;
import io.poolsync.model.UserStatus;
import io.poolsync.plan.PlannedUser;
import io.poolsync.plan.PlannedUser.Action;

/**
 * Compares the MFA settings of the existing users a run is due to refresh ({@link MfaRules#refreshDue},
 * {@code poolsync.mfa.refresh-every}) with their source users', and plans AdminSetUserMFAPreference where they differ.
 * The two reads a user (AdminGetUser on each pool) run on workers of their own, at most {@code concurrency} at a time,
 * so they don't hold up the scan; each user goes on to the plan and the applier once compared, and every other user at
 * once. {@link #close} waits for the users being compared.
 */
final class MfaRefresh implements AutoCloseable {

    private final MfaRules rules;
    private final OptionalLong runNumber;
    private final SignInReader source;
    private final SignInReader target;
    private final BooleanSupplier stopRequested;
    private final RunListener events;
    private final Function<String, Optional<String>> targetStatus;
    private final ExecutorService workers;
    private final Semaphore slots;
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

    /**
     * @param runNumber    the run's number ({@link Cadence}); empty in a pass that compares nobody
     * @param stopRequested whether the run was asked to stop: a refresh not yet begun is then left out
     * @param targetStatus the status of the target user carrying a source sub, as the index read it
     */
    MfaRefresh(MfaRules rules, OptionalLong runNumber, SignInReader source, SignInReader target, int concurrency,
            BooleanSupplier stopRequested, RunListener events, Function<String, Optional<String>> targetStatus) {
        this.rules = rules;
        this.targetStatus = targetStatus;
        this.runNumber = runNumber;
        this.source = source;
        this.target = target;
        this.stopRequested = stopRequested;
        this.events = events;
        this.slots = new Semaphore(concurrency * 2);
        this.workers = Executors.newFixedThreadPool(concurrency, runnable -> {
            Thread thread = new Thread(runnable, "poolsync-mfa-refresh");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Hands {@code then} the planned user: at once, or, when its MFA settings are due to be compared, with what to set
     * once compared, on a worker. Blocks while {@code 2 x concurrency} users are being compared.
     */
    void plan(PlannedUser planned, Consumer<PlannedUser> then) {
        if (!due(planned)) {
            then.accept(planned);
            return;
        }
        rethrow();
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while comparing MFA settings", e);
        }
        workers.execute(() -> {
            try {
                if (!stopRequested.getAsBoolean()) {
                    then.accept(compare(planned));
                }
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
            } finally {
                slots.release();
            }
        });
    }

    /**
     * An owned user poolsync keeps in step, not federated (its provider does its MFA), in this run's slice, whose
     * settings can be set: AdminSetUserMFAPreference answers PasswordResetRequiredException and
     * UserNotConfirmedException (API reference, AdminSetUserMFAPreference), so a user an import job created waits
     * until it has reset its password (it is RESET_REQUIRED until then), and an unconfirmed one is not read at all.
     */
    private boolean due(PlannedUser planned) {
        return (planned.action() == Action.UNCHANGED || planned.action() == Action.UPDATE) && !planned.adopt()
                && !planned.signIn().federatedOnly() && runNumber.isPresent()
                && rules.refreshDue(planned.desired().sourceSub(), runNumber.getAsLong())
                && targetStatus.apply(planned.desired().sourceSub())
                        .filter(status -> !status.equals(UserStatus.RESET_REQUIRED)
                                && !status.equals(UserStatus.UNCONFIRMED))
                        .isPresent();
    }

    private PlannedUser compare(PlannedUser planned) {
        MfaSettings sourceMfa;
        MfaSettings targetMfa;
        try {
            sourceMfa = source.mfaSettings(planned.desired().sourceUsername());
            targetMfa = target.mfaSettings(planned.username());
        } catch (PoolCallException e) {
            // The user's other changes still go ahead; its MFA settings wait for its next refresh.
            events.userFailed(planned, e.errorCode(), "MFA settings not compared: " + e.getMessage());
            return planned;
        }
        Optional<MfaSettings> change = rules.change(sourceMfa, targetMfa);
        // A user who already set up TOTP again in the target has nothing to be told.
        boolean reEnrol = MfaRules.reEnrolTotp(sourceMfa) && !targetMfa.uses(MfaSettings.TOTP);
        PlannedUser compared = planned.withSignIn(planned.signIn().withMfaRefreshed(change, reEnrol));
        if (change.isEmpty() || planned.action() == Action.UPDATE) {
            return compared;
        }
        return new PlannedUser(Action.UPDATE, compared.username(), compared.desired(), compared.attributes(),
                compared.enabledChange(), compared.addGroups(), compared.removeGroups(), compared.repairPassword(),
                compared.reason(), compared.removedAttributes(), compared.adopt(), compared.replaces(),
                compared.signIn(), compared.reread());
    }

    private void rethrow() {
        RuntimeException e = failure.get();
        if (e != null) {
            throw e;
        }
    }

    /** Waits for the users being compared to be handed on; rethrows what a hand-over threw. */
    @Override
    public void close() throws InterruptedException {
        workers.shutdown();
        while (!workers.awaitTermination(1, TimeUnit.MINUTES)) {
            // Each worker waits on the UserRead gate at most; keep waiting rather than leave users unplanned.
        }
        rethrow();
    }

    /**
     * Numbers runs for the refresh: one more for each run that writes, counting from the day poolsync started (days
     * since 1970), so a poolsync started afresh for each run ({@code poolsync.exit-after-run}, a daily CronJob) still
     * takes the next slice each day. A dry run takes the number of the next run, so its plan shows what that run reads.
     */
    static final class Cadence {

        private long next;
        private String lastRun = "";

        Cadence(Clock clock) {
            this.next = LocalDate.now(clock).toEpochDay();
        }

        /**
         * The number of the run a pass belongs to; empty for a run's follow-up pass (after import jobs), since its first
         * pass compared the slice already.
         */
        synchronized OptionalLong number(SyncRun run) {
            if (run.id().equals(lastRun)) {
                return OptionalLong.empty();
            }
            lastRun = run.id();
            long number = next;
            if (!run.dryRun()) {
                next++;
            }
            return OptionalLong.of(number);
        }
    }
}
