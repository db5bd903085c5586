package io.poolsync.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
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
import io.poolsync.cognito.CognitoOperation;
import io.poolsync.cognito.Pools;
import io.poolsync.cognito.QuotaCategory;
import io.poolsync.cognito.QuotaLimiter;
import io.poolsync.sync.RunCounter;
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
 * {@code category}: HTTP attempts, retries included, and those Cognito answered TooManyRequestsException; one
 * series per operation of the catalogue ({@code io.poolsync.cognito.CognitoOperation}).</li>
 * <li>{@code poolsync_quota_limit{budget,category,source}}: each category's limit and where it came from
 * ({@code configured}, {@code provisioned}, {@code default}); {@code poolsync_quota_rate{budget,category}}: the rate
 * poolsync allows itself there now.</li>
 * <li>{@code poolsync_run_duration_seconds{outcome,dry_run}}: finished runs.</li>
 * <li>{@code poolsync_last_success_timestamp_seconds}: when the last run that wrote finished DONE; NaN before one.</li>
 * <li>{@code poolsync_phase{phase}}: 1 for the phase poolsync is in ({@code IDLE} between runs), 0 for the others.</li>
 * </ul>
 */
@ApplicationScoped
public class SyncMetrics {

    static final String IDLE = "IDLE";

    /**
     * A series of poolsync_users_total, and where a run counts it: the {@link RunCounter}s that name a series, and the
     * failures of each action that can fail.
     */
    record UserSeries(String action, String outcome, ToLongFunction<SyncRun> count) {

        /** The actions whose failures are counted, by their name in a run's failures. */
        private static final List<String> FAILING_ACTIONS = List.of("CREATE", "UPDATE", "DISABLE", "DELETE");

        static List<UserSeries> all() {
            List<UserSeries> all = new ArrayList<>();
            for (RunCounter counter : RunCounter.values()) {
                counter.userSeries().ifPresent(series -> all.add(new UserSeries(series.action(), series.outcome(),
                        run -> run.counters().get(counter))));
            }
            for (String action : FAILING_ACTIONS) {
                all.add(new UserSeries(action.toLowerCase(Locale.ROOT), "failure",
                        run -> run.failedByAction().getOrDefault(action, 0L)));
            }
            return List.copyOf(all);
        }
    }

    private static final List<UserSeries> USER_SERIES = UserSeries.all();

    private final MeterRegistry registry;
    private final SyncService syncService;
    /** Held here: Micrometer keeps only a weak reference to a meter's state. */
    private final Set<QuotaLimiter> limiters;
    /** The limiters by the name of the budget they are: shared, or source and target. */
    private final Map<String, QuotaLimiter> budgets;
    /** Finished runs' counts, plus the live run's: the sum only ever grows, as a Prometheus counter must. */
    private final Map<UserSeries, Long> finishedRuns = new HashMap<>();
    private SyncRun counting;
    /** Removed at shutdown: a registry that outlives this bean (tests restart the application) must not keep them. */
    private final Set<Meter> meters = ConcurrentHashMap.newKeySet();

    public SyncMetrics(MeterRegistry registry, SyncService syncService, Pools pools) {
        this.registry = registry;
        this.syncService = syncService;
        this.limiters = pools.sourceLimiter() == pools.targetLimiter() ? Set.of(pools.targetLimiter())
                : Set.of(pools.sourceLimiter(), pools.targetLimiter());
        this.budgets = pools.sourceLimiter() == pools.targetLimiter() ? Map.of("shared", pools.targetLimiter())
                : Map.of("source", pools.sourceLimiter(), "target", pools.targetLimiter());
        for (UserSeries series : USER_SERIES) {
            finishedRuns.put(series, 0L);
        }
    }

    void onStart(@Observes StartupEvent event) {
        for (UserSeries series : USER_SERIES) {
            meters.add(FunctionCounter.builder("poolsync.users", this, metrics -> metrics.users(series))
                    .description("Users by action and outcome").tags("action", series.action(), "outcome", series.outcome())
                    .register(registry));
        }
        for (CognitoOperation operation : CognitoOperation.values()) {
            String name = operation.apiName();
            String category = operation.category().setting();
            meters.add(FunctionCounter.builder("poolsync.cognito.calls", limiters,
                    all -> all.stream().mapToLong(l -> l.callsByOperation().getOrDefault(name, 0L)).sum())
                    .description("Cognito API calls (HTTP attempts, retries included)")
                    .tags("operation", name, "category", category).register(registry));
            meters.add(FunctionCounter.builder("poolsync.cognito.throttles", limiters,
                    all -> all.stream().mapToLong(l -> l.throttledByOperation().getOrDefault(name, 0L)).sum())
                    .description("Cognito API calls answered TooManyRequestsException")
                    .tags("operation", name, "category", category).register(registry));
        }
        budgets.forEach((budget, limiter) -> {
            for (QuotaCategory category : QuotaCategory.values()) {
                meters.add(Gauge.builder("poolsync.quota.limit", limiter, l -> l.limit(category).perSecond())
                        .description("The category's limit for the account and Region (requests per second), by where "
                                + "poolsync learnt it: configured, provisioned (GetProvisionedLimit) or default")
                        .tags("budget", budget, "category", category.setting(),
                                "source", limiter.limit(category).source().label())
                        .register(registry));
                meters.add(Gauge.builder("poolsync.quota.rate", limiter, l -> l.rate(category))
                        .description("The rate poolsync allows itself in the category now (requests per second): "
                                + "97% of the limit, less while it yields after Cognito throttled it")
                        .tags("budget", budget, "category", category.setting()).register(registry));
            }
        });
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
                finishedRuns.replaceAll((series, total) -> total + series.count().applyAsLong(run));
                counting = null;
            }
        }
    }

    synchronized double users(UserSeries series) {
        return finishedRuns.get(series) + (counting == null ? 0 : series.count().applyAsLong(counting));
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
