package io.poolsync.sync;

import java.util.Optional;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.poolsync.config.PoolsyncConfig;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Runs a sync on the configured cron, and once at start-up unless told not to. With {@code poolsync.exit-after-run}
 * it runs once at start-up, ignores the cron, and exits with the run's outcome.
 */
@ApplicationScoped
public class ScheduledSync {

    private static final Logger LOG = Logger.getLogger(ScheduledSync.class);

    /** Exit statuses of {@code poolsync.exit-after-run}. */
    static final int EXIT_DONE = 0;
    static final int EXIT_FAILED = 1;
    /** Done, with users that failed or are in conflict. */
    static final int EXIT_DONE_WITH_FAILED_USERS = 2;

    private final SyncService syncService;
    private final PoolsyncConfig config;
    /** Event mode runs its full passes on poolsync.events.full-pass-cron instead (io.poolsync.events). */
    private final boolean eventMode;
    /**
     * Whether the start-up run, where there is one, has been asked for. Quarkus' scheduler starts on the same start-up
     * event, before this class hears it, so a tick could otherwise take the one run lock first and the start-up run
     * would be dropped.
     */
    private volatile boolean startupRunAskedFor;

    public ScheduledSync(SyncService syncService, PoolsyncConfig config,
            @ConfigProperty(name = "poolsync.events.queue-url") Optional<String> eventQueueUrl) {
        this.syncService = syncService;
        this.config = config;
        this.eventMode = eventQueueUrl.isPresent();
    }

    void onStart(@Observes StartupEvent event) {
        if (config.exitAfterRun() || config.schedule().runOnStart()) {
            syncService.start(SyncRun.Trigger.STARTUP, false);
        }
        startupRunAskedFor = true;
    }

    void onFinished(@Observes SyncRun.Finished event) {
        SyncRun run = event.run();
        // A run stopped by shutdown needs no exit: the application is already on its way out.
        if (config.exitAfterRun() && run.trigger() == SyncRun.Trigger.STARTUP && !run.stopRequested()) {
            int status = exitStatus(run);
            LOG.infof("poolsync.exit-after-run: run %s ended %s with %d failed and %d conflicts; exiting with status %d",
                    run.id(), run.phase(), run.counters().get(RunCounter.FAILED), run.counters().get(RunCounter.CONFLICTS), status);
            Quarkus.asyncExit(status);
        }
    }

    static int exitStatus(SyncRun run) {
        if (run.phase() != SyncRun.Phase.DONE) {
            return EXIT_FAILED;
        }
        SyncRun.Counters counters = run.counters();
        return counters.get(RunCounter.FAILED) == 0 && counters.get(RunCounter.CONFLICTS) == 0 ? EXIT_DONE : EXIT_DONE_WITH_FAILED_USERS;
    }

    // Quarkus disables the trigger when the cron is "off". Runs start in SyncService's own thread, so the scheduler
    // never holds one and its shutdown never cuts a run short.
    @Scheduled(identity = "poolsync-sync", cron = "${poolsync.schedule.cron}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        if (config.exitAfterRun() || eventMode) {
            return;
        }
        if (!startupRunAskedFor) {
            LOG.info("scheduled sync skipped: poolsync is still starting");
            return;
        }
        if (syncService.start(SyncRun.Trigger.SCHEDULE, false).isEmpty()) {
            LOG.info("scheduled sync skipped: another run is in progress, or poolsync is shutting down");
        }
    }
}
