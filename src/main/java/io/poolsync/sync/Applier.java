package io.poolsync.sync;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import io.poolsync.cognito.PoolCallException;
import io.poolsync.cognito.PoolReader;
import io.poolsync.cognito.PoolWriter;
import io.poolsync.config.PasswordMode;
import io.poolsync.plan.Plan;
import io.poolsync.plan.PlannedUser;
import io.poolsync.plan.PlannedUser.Action;
import io.poolsync.plan.PlannedUser.EnabledChange;
import io.poolsync.plan.Planner;

/**
 * Carries out a plan against the target: the only code that writes. Users are written concurrently, at most
 * {@code concurrency} at a time; a user that fails is recorded and the others go on.
 */
final class Applier {

    private static final Logger LOG = Logger.getLogger(Applier.class);

    private final PoolWriter writer;
    private final PoolReader target;
    private final Planner planner;
    private final PasswordMode passwordMode;
    private final List<String> invitationMediums;
    private final RandomPasswords passwords;
    private final int concurrency;

    Applier(PoolWriter writer, PoolReader target, SyncSettings settings, int concurrency) {
        this.writer = writer;
        this.target = target;
        this.planner = settings.planner();
        this.passwordMode = settings.passwordMode();
        this.invitationMediums = settings.invitationMediums();
        this.passwords = new RandomPasswords(settings.passwordPolicy());
        this.concurrency = concurrency;
    }

    void apply(Plan plan, SyncRun run) throws InterruptedException {
        ExecutorService workers = Executors.newFixedThreadPool(concurrency, runnable -> {
            Thread thread = new Thread(runnable, "poolsync-apply");
            thread.setDaemon(true);
            return thread;
        });
        // Bounds the queue as well as the workers, so a million-user plan does not become a million tasks at once.
        Semaphore slots = new Semaphore(concurrency * 2);
        try {
            for (PlannedUser user : plan.users()) {
                if (user.action() == Action.CREATE || user.action() == Action.UPDATE) {
                    slots.acquire();
                    workers.execute(() -> {
                        try {
                            applyOne(user, run);
                        } finally {
                            slots.release();
                        }
                    });
                }
            }
        } finally {
            workers.shutdown();
            while (!workers.awaitTermination(1, TimeUnit.MINUTES)) {
                LOG.debugf("waiting for %d writes in flight", concurrency * 2 - slots.availablePermits());
            }
        }
    }

    void applyOne(PlannedUser user, SyncRun run) {
        try {
            if (user.action() == Action.CREATE) {
                create(user, run);
            } else {
                update(user, run);
            }
        } catch (PoolCallException e) {
            run.failed(user, e.errorCode(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.errorf(e, "unexpected error writing %s", user.username());
            run.failed(user, e.getClass().getSimpleName(), String.valueOf(e.getMessage()));
        }
    }

    private void create(PlannedUser user, SyncRun run) {
        try {
            writer.createUser(user.username(), user.attributes(), invitationMediums);
        } catch (PoolCallException e) {
            if (!PoolCallException.USERNAME_EXISTS.equals(e.errorCode())) {
                throw e;
            }
            // ListUsers is eventually consistent: the user appeared after the target was read. Update it instead.
            PlannedUser update = planner.compare(user.desired(), target.findUser(user.username()).orElseThrow(() -> e));
            if (update.action() == Action.UNCHANGED) {
                run.unchanged();
            } else {
                update(update, run);
            }
            return;
        }
        if (passwordMode == PasswordMode.CONFIRMED) {
            writer.setPermanentPassword(user.username(), passwords.next());
        }
        if (user.enabledChange() == EnabledChange.DISABLE) {
            writer.setEnabled(user.username(), false);
            run.enabledChanged(false);
        }
        run.created();
    }

    private void update(PlannedUser user, SyncRun run) {
        if (!user.attributes().isEmpty()) {
            writer.updateAttributes(user.username(), user.attributes());
        }
        if (user.enabledChange() != EnabledChange.NONE) {
            boolean enable = user.enabledChange() == EnabledChange.ENABLE;
            writer.setEnabled(user.username(), enable);
            run.enabledChanged(enable);
        }
        run.updated();
    }
}
