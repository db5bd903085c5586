package io.poolsync.sync;

import org.jboss.logging.Logger;

import io.poolsync.config.PoolsyncConfig;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Runs a sync on the configured cron, and once at start-up unless told not to. */
@ApplicationScoped
public class ScheduledSync {

    private static final Logger LOG = Logger.getLogger(ScheduledSync.class);

    private final SyncService syncService;
    private final PoolsyncConfig config;

    public ScheduledSync(SyncService syncService, PoolsyncConfig config) {
        this.syncService = syncService;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        if (config.schedule().runOnStart()) {
            syncService.start(SyncRun.Trigger.STARTUP, false);
        }
    }

    // Quarkus disables the trigger when the cron is "off".
    @Scheduled(identity = "poolsync-sync", cron = "${poolsync.schedule.cron}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        if (syncService.runNow(SyncRun.Trigger.SCHEDULE).isEmpty()) {
            LOG.info("scheduled sync skipped: another run is in progress");
        }
    }
}
