package io.poolsync.events;

import org.jboss.logging.Logger;

import io.poolsync.sync.RunCounter;
import io.poolsync.sync.SyncRun;
import io.poolsync.sync.SyncService;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * With event mode on, full passes are the safety net: they run on {@code poolsync.events.full-pass-cron} (the regular
 * {@code poolsync.schedule.cron} stands aside), and every user one of them had to change is drift the events missed.
 */
@ApplicationScoped
public class FullPassSchedule {

    private static final Logger LOG = Logger.getLogger(FullPassSchedule.class);

    private final SyncService syncService;
    private final EventStats stats;

    public FullPassSchedule(SyncService syncService, EventStats stats) {
        this.syncService = syncService;
        this.stats = stats;
    }

    @Scheduled(identity = "poolsync-events-full-pass", cron = "${poolsync.events.full-pass-cron:0 0 */6 * * ?}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        if (stats.enabled() && syncService.start(SyncRun.Trigger.SCHEDULE, false).isEmpty()) {
            LOG.info("full pass skipped: another run is in progress, or poolsync is shutting down");
        }
    }

    void onFinished(@Observes SyncRun.Finished event) {
        SyncRun run = event.run();
        if (!stats.enabled() || run.dryRun() || run.trigger() == SyncRun.Trigger.EVENT) {
            return;
        }
        SyncRun.Counters counters = run.counters();
        long drift = counters.get(RunCounter.CREATED) + counters.get(RunCounter.UPDATED) + counters.get(RunCounter.DELETED);
        stats.drift(drift);
        if (drift > 0) {
            LOG.infof("run %s changed %d users that event mode had not brought in line (drift)", run.id(), drift);
        }
    }
}
