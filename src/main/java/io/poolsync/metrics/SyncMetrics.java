package io.poolsync.metrics;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToLongFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.poolsync.cognito.Pools;
import io.poolsync.cognito.QuotaCategory;
import io.poolsync.cognito.QuotaLimiter;
import io.poolsync.sync.SyncRun;
import io.poolsync.sync.SyncService;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * poolsync's Prometheus metrics (on the management port, {@code /q/metrics}):
 * <ul>
 * <li>{@code poolsync_users_total{action,outcome}}: users by what was done to them and how it went, counted live
 * during a run; dry runs are not counted. {@code outcome="conflict"} counts source users left alone because a target
 * user poolsync doesn't own (or holds for another source user) has their match key.</li>
 * <li>{@code poolsync_cognito_calls_total} and {@code poolsync_cognito_throttles_total} by {@code operation} and quota
 * {@code category}: HTTP attempts, retries included, and those Cognito answered TooManyRequestsException.</li>
 * <li>{@code poolsync_run_duration_seconds{outcome,dry_run}}: finished runs.</li>
 * <li>{@code poolsync_last_success_timestamp_seconds}: when the last run that wrote finished DONE; NaN before one.</li>
 * <li>{@code poolsync_phase{phase}}: 1 for the phase poolsync is in ({@code IDLE} between runs), 0 for the others.</li>
 * </ul>
 */
@ApplicationScoped
public class SyncMetrics {

    static final String IDLE = "IDLE";

    /** Each series of poolsync_users_total, and where a run counts it. */
    enum UserSeries {
        CREATE_SUCCESS("create", "success", run -> run.counters().created()),
        CREATE_FAILURE("create", "failure", failed("CREATE")),
        UPDATE_SUCCESS("update", "success", run -> run.counters().updated()),
        UPDATE_FAILURE("update", "failure", failed("UPDATE")),
        ENABLE_SUCCESS("enable", "success", run -> run.counters().enabled()),
        DISABLE_SUCCESS("disable", "success", run -> run.counters().disabled()),
        DISABLE_FAILURE("disable", "failure", failed("DISABLE")),
        DELETE_SUCCESS("delete", "success", run -> run.counters().deleted()),
        DELETE_FAILURE("delete", "failure", failed("DELETE")),
        UNCHANGED("none", "unchanged", run -> run.counters().unchanged()),
        SKIPPED("none", "skipped", run -> run.counters().skipped()),
        /** Source users whose match key a target user poolsync may not write to holds. */
        CONFLICT("none", "conflict", run -> run.counters().conflicts());

        final String action;
        final String outcome;
        final ToLongFunction<SyncRun> count;

        UserSeries(String action, String outcome, ToLongFunction<SyncRun> count) {
            this.action = action;
            this.outcome = outcome;
            this.count = count;
        }

        private static ToLongFunction<SyncRun> failed(String action) {
            return run -> run.failedByAction().getOrDefault(action, 0L);
        }
    }

    private final MeterRegistry registry;
    private final SyncService syncService;
    /** Held here: Micrometer keeps only a weak reference to a meter's state. */
    private final Set<QuotaLimiter> limiters;
    /** Finished runs' counts, plus the live run's: the sum only ever grows, as a Prometheus counter must. */
    private final Map<UserSeries, Long> finishedRuns = new EnumMap<>(UserSeries.class);
    private SyncRun counting;
    /** Removed at shutdown: a registry that outlives this bean (tests restart the application) must not keep them. */
    private final Set<Meter> meters = ConcurrentHashMap.newKeySet();

    public SyncMetrics(MeterRegistry registry, SyncService syncService, Pools pools) {
        this.registry = registry;
        this.syncService = syncService;
        this.limiters = pools.sourceLimiter() == pools.targetLimiter() ? Set.of(pools.targetLimiter())
                : Set.of(pools.sourceLimiter(), pools.targetLimiter());
        for (UserSeries series : UserSeries.values()) {
            finishedRuns.put(series, 0L);
        }
    }

    void onStart(@Observes StartupEvent event) {
        for (UserSeries series : UserSeries.values()) {
            meters.add(FunctionCounter.builder("poolsync.users", this, metrics -> metrics.users(series))
                    .description("Users by action and outcome").tags("action", series.action, "outcome", series.outcome)
                    .register(registry));
        }
        for (QuotaCategory category : QuotaCategory.values()) {
            for (String operation : category.operations()) {
                meters.add(FunctionCounter.builder("poolsync.cognito.calls", limiters,
                        all -> all.stream().mapToLong(l -> l.callsByOperation().getOrDefault(operation, 0L)).sum())
                        .description("Cognito API calls (HTTP attempts, retries included)")
                        .tags("operation", operation, "category", category.setting()).register(registry));
                meters.add(FunctionCounter.builder("poolsync.cognito.throttles", limiters,
                        all -> all.stream().mapToLong(l -> l.throttledByOperation().getOrDefault(operation, 0L)).sum())
                        .description("Cognito API calls answered TooManyRequestsException")
                        .tags("operation", operation, "category", category.setting()).register(registry));
            }
        }
        meters.add(Gauge.builder("poolsync.last.success.timestamp", syncService,
                        service -> service.lastSuccessAt().map(at -> at.toEpochMilli() / 1000.0).orElse(Double.NaN))
                .description("When the last run that wrote finished DONE (Unix time)").baseUnit("seconds")
                .register(registry));
        for (String phase : phaseNames()) {
            meters.add(Gauge.builder("poolsync.phase", syncService, service -> phase.equals(currentPhase(service)) ? 1 : 0)
                    .description("1 for the phase poolsync is in, IDLE between runs").tags("phase", phase)
                    .register(registry));
        }
    }

    void onShutdown(@Observes ShutdownEvent event) {
        meters.forEach(registry::remove);
    }

    void onRunStarted(@Observes SyncRun.Started event) {
        if (!event.run().dryRun()) {
            synchronized (this) {
                counting = event.run();
            }
        }
    }

    void onRunFinished(@Observes SyncRun.Finished event) {
        SyncRun run = event.run();
        Timer duration = Timer.builder("poolsync.run.duration").description("Duration of finished runs")
                .tags("outcome", run.phase().name().toLowerCase(), "dry_run", Boolean.toString(run.dryRun()))
                .register(registry);
        meters.add(duration);
        duration.record(Duration.between(run.startedAt(), run.finishedAt().orElseThrow()));
        if (!run.dryRun()) {
            synchronized (this) {
                finishedRuns.replaceAll((series, total) -> total + series.count.applyAsLong(run));
                counting = null;
            }
        }
    }

    synchronized double users(UserSeries series) {
        return finishedRuns.get(series) + (counting == null ? 0 : series.count.applyAsLong(counting));
    }

    private static String currentPhase(SyncService service) {
        return service.current().map(run -> run.phase().name()).orElse(IDLE);
    }

    private static Set<String> phaseNames() {
        Set<String> names = new TreeSet<>();
        names.add(IDLE);
        for (SyncRun.Phase phase : SyncRun.Phase.values()) {
            if (!phase.finished()) {
                names.add(phase.name());
            }
        }
        return names;
    }
}
