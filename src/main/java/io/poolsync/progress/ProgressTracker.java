package io.poolsync.progress;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;

import org.jboss.logging.Logger;

import io.poolsync.cognito.Pools;
import io.poolsync.events.EventStats;
import io.poolsync.cognito.QuotaCategory;
import io.poolsync.cognito.QuotaLimit;
import io.poolsync.cognito.QuotaLimiter;
import io.poolsync.config.PoolsyncConfig;
import io.poolsync.progress.Progress.Eta;
import io.poolsync.progress.Progress.PhaseProgress;
import io.poolsync.progress.Progress.QuotaUse;
import io.poolsync.progress.Progress.RunProgress;
import io.poolsync.progress.Progress.State;
import io.poolsync.sync.RunCounter;
import io.poolsync.sync.RunListener;
import io.poolsync.sync.SyncRun;
import io.poolsync.sync.SyncRun.Phase;
import io.poolsync.sync.SyncService;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Samples the run in progress and the quota limiters once a second, so rates and ETAs reflect the last seconds; builds
 * {@link Progress} and logs a progress line every {@code poolsync.progress.log-interval} while a run goes on. Hears the
 * run's events ({@link RunListener}): when each phase starts, the estimates its bars start from, and when every user
 * is planned.
 */
@ApplicationScoped
public class ProgressTracker implements RunListener {

    private static final Logger LOG = Logger.getLogger(ProgressTracker.class);
    static final Duration SAMPLE_EVERY = Duration.ofSeconds(1);
    /** Long enough to smooth page-by-page bursts, short enough to show throttling as it happens. */
    static final Duration RATE_SPAN = Duration.ofSeconds(20);
    /** Points per run for the charts: 5 minutes a second apart, a 10-hour run two minutes apart. */
    static final int SERIES_POINTS = 300;
    private static final List<Phase> PHASES_WITH_BARS = List.of(Phase.SCANNING_TARGET, Phase.SCANNING_SOURCE, Phase.APPLYING);

    private final SyncService syncService;
    private final EventStats events;
    private final Duration logInterval;
    private final Duration freshnessMaxAge;
    private final Clock clock;
    private volatile Instant startedAt;
    private final List<Budget> budgets = new ArrayList<>();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "poolsync-progress");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Tracked tracked;
    /** The run in progress's series, else the last run's; null before the first run. */
    private volatile RunSeries series;

    /** One quota limiter, named for the pools that spend it. */
    private record Budget(String name, QuotaLimiter limiter, Map<QuotaCategory, RateWindow> rates) {
    }

    /** The run in progress, what its events told, and the recent rates of its three counts. */
    private static final class Tracked {
        final SyncRun run;
        final Map<Phase, RateWindow> rates = new EnumMap<>(Phase.class);
        final Map<Phase, Instant> phaseStartedAt = new ConcurrentHashMap<>();
        volatile OptionalLong estimatedTargetUsers = OptionalLong.empty();
        volatile OptionalLong estimatedSourceUsers = OptionalLong.empty();
        volatile boolean allUsersPlanned;
        /** After import jobs: the pass repeats its phases within APPLYING, which the bars don't show again. */
        volatile boolean followUpPass;
        /** Only the ticker reads and writes it. */
        long lastLogNanos = System.nanoTime();

        Tracked(SyncRun run) {
            this.run = run;
            PHASES_WITH_BARS.forEach(phase -> rates.put(phase, new RateWindow(RATE_SPAN)));
        }
    }

    public ProgressTracker(SyncService syncService, Pools pools, PoolsyncConfig config, EventStats events, Clock clock) {
        this.syncService = syncService;
        this.clock = clock;
        this.startedAt = clock.instant();
        this.events = events;
        this.logInterval = config.progress().logInterval();
        this.freshnessMaxAge = config.freshness().maxAge();
        if (pools.sourceLimiter() == pools.targetLimiter()) {
            budgets.add(budget("shared", pools.targetLimiter()));
        } else {
            budgets.add(budget("source", pools.sourceLimiter()));
            budgets.add(budget("target", pools.targetLimiter()));
        }
    }

    private static Budget budget(String name, QuotaLimiter limiter) {
        Map<QuotaCategory, RateWindow> rates = new EnumMap<>(QuotaCategory.class);
        for (QuotaCategory category : QuotaCategory.values()) {
            rates.put(category, new RateWindow(RATE_SPAN));
        }
        return new Budget(name, limiter, rates);
    }

    void onStart(@Observes StartupEvent event) {
        startedAt = clock.instant();
        ticker.scheduleAtFixedRate(this::tick, 0, SAMPLE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    void onShutdown(@Observes ShutdownEvent event) {
        ticker.shutdownNow();
    }

    void onRunStarted(@Observes SyncRun.Started event) {
        SyncRun run = event.run();
        RunSeries started = new RunSeries(run.id(), run.dryRun(), run.startedAt(), SERIES_POINTS, SAMPLE_EVERY);
        started.offer(sample(run, null, clock.instant()));
        series = started;
        tracked = new Tracked(run);
    }

    @Override
    public void estimates(OptionalLong targetUsers, OptionalLong sourceUsers) {
        Tracked current = tracked;
        if (current != null) {
            current.estimatedTargetUsers = targetUsers;
            current.estimatedSourceUsers = sourceUsers;
        }
    }

    @Override
    public void phaseStarted(Phase phase) {
        Tracked current = tracked;
        if (current != null && !current.followUpPass) {
            current.phaseStartedAt.put(phase, clock.instant());
        }
    }

    @Override
    public void followUpPassStarted() {
        Tracked current = tracked;
        if (current != null) {
            current.followUpPass = true;
        }
    }

    @Override
    public void everyUserPlanned() {
        Tracked current = tracked;
        if (current != null) {
            current.allUsersPlanned = true;
        }
    }

    void onRunFinished(@Observes SyncRun.Finished event) {
        SyncRun run = event.run();
        Tracked current = tracked;
        if (current != null && current.run == run) {
            tracked = null;
        }
        RunSeries finishing = series;
        if (finishing != null && finishing.runId().equals(run.id())) {
            finishing.finish(sample(run, null, run.finishedAt().orElseGet(clock::instant)));
        }
    }

    private void tick() {
        try {
            long now = System.nanoTime();
            for (Budget budget : budgets) {
                budget.rates().forEach((category, window) -> window.record(now, budget.limiter().calls(category)));
            }
            Tracked current = tracked;
            if (current == null) {
                return;
            }
            current.rates.forEach((phase, window) -> window.record(now, count(current.run, phase)));
            Instant at = clock.instant();
            RunProgress progress = runProgress(current.run, current, at);
            RunSeries sampled = series;
            if (sampled != null && sampled.runId().equals(current.run.id())) {
                sampled.offer(sample(current.run, progress.eta(), at));
            }
            if (now - current.lastLogNanos >= logInterval.toNanos()) {
                current.lastLogNanos = now;
                LOG.info(progressLine(progress));
            }
        } catch (RuntimeException e) {
            // A failed tick must not cancel the ones after it.
            LOG.warn("progress sampling failed", e);
        }
    }

    public Progress progress() {
        Instant now = clock.instant();
        Optional<SyncRun> current = syncService.current();
        SyncRun.Summary lastFinished = syncService.recent().stream().filter(SyncRun::finished).findFirst()
                .map(SyncRun::summary).orElse(null);
        Tracked sampled = tracked;
        RunProgress run = current.map(r -> runProgress(r, sampled != null && sampled.run == r ? sampled : new Tracked(r),
                now)).orElse(null);
        Optional<Instant> lastSuccess = syncService.lastSuccessAt();
        // The freshness health group's rule: before the first success, max-age counts from start-up.
        boolean stale = Duration.between(lastSuccess.orElse(startedAt), now).compareTo(freshnessMaxAge) > 0;
        return new Progress(run != null, run, lastFinished, quotaUse(), now, lastSuccess.orElse(null), stale,
                events.progress());
    }

    /** The run in progress over time, else the last run; empty before the first run. */
    public Progress.Series series() {
        RunSeries current = series;
        return current == null ? new Progress.Series(null, false, null, false, SAMPLE_EVERY.toMillis() / 1000.0,
                SERIES_POINTS, List.of()) : current.toSeries();
    }

    private RunSeries.Sample sample(SyncRun run, Eta eta, Instant at) {
        List<RunSeries.QuotaCount> quotas = new ArrayList<>();
        for (Budget budget : budgets) {
            QuotaLimiter limiter = budget.limiter();
            for (QuotaCategory category : QuotaCategory.values()) {
                quotas.add(new RunSeries.QuotaCount(budget.name(), category.setting(), limiter.rate(category),
                        limiter.calls(category), limiter.throttledCalls(category)));
            }
        }
        SyncRun.Counters counters = run.counters();
        return new RunSeries.Sample(at, run.phase(), run.userWritesDone(),
                counters.get(RunCounter.TARGET_SCANNED) + counters.get(RunCounter.SOURCE_SCANNED), eta == null ? null : eta.seconds(), quotas);
    }

    private List<QuotaUse> quotaUse() {
        List<QuotaUse> uses = new ArrayList<>();
        for (Budget budget : budgets) {
            for (QuotaCategory category : QuotaCategory.values()) {
                QuotaLimiter limiter = budget.limiter();
                QuotaLimit limit = limiter.limit(category);
                uses.add(new QuotaUse(budget.name(), category.setting(), limiter.rate(category),
                        boxed(budget.rates().get(category).perSecond()), limiter.calls(category),
                        limiter.throttledCalls(category), limit.perSecond(), limit.source().label()));
            }
        }
        return uses;
    }

    private static RunProgress runProgress(SyncRun run, Tracked sampled, Instant now) {
        List<Phase> phases = run.dryRun() ? PHASES_WITH_BARS.subList(0, 2) : PHASES_WITH_BARS;
        List<PhaseProgress> bars = new ArrayList<>();
        for (Phase phase : phases) {
            bars.add(phaseProgress(run, phase, sampled, now));
        }
        Eta eta = bars.stream().filter(bar -> bar.phase() == run.phase()).findFirst()
                .flatMap(bar -> eta(bar, now)).orElse(null);
        SyncRun.Summary summary = run.summary();
        return new RunProgress(run.id(), run.trigger(), run.dryRun(), run.phase(), run.startedAt(),
                seconds(Duration.between(run.startedAt(), now)), bars, eta, summary.plan(), summary.counters(),
                summary.skipReasons(), run.stopRequested());
    }

    private static PhaseProgress phaseProgress(SyncRun run, Phase phase, Tracked sampled, Instant now) {
        long count = count(run, phase);
        Instant started = sampled.phaseStartedAt.get(writesStartWith(phase));
        Instant finished = endOf(run, sampled, phase).orElse(null);
        State state = finished != null ? State.DONE
                : started != null && (phase != Phase.APPLYING || run.phase() == Phase.APPLYING || run.userWritesPlanned() > 0)
                        ? State.ACTIVE : State.PENDING;
        Long total;
        boolean totalFinal;
        if (phase == Phase.APPLYING) {
            total = run.userWritesPlanned();
            totalFinal = sampled.phaseStartedAt.containsKey(Phase.APPLYING) && sampled.allUsersPlanned;
        } else if (state == State.DONE) {
            total = count;
            totalFinal = true;
        } else {
            OptionalLong estimate = phase == Phase.SCANNING_TARGET ? sampled.estimatedTargetUsers
                    : sampled.estimatedSourceUsers;
            // An estimate below what was already read is stale: the count is the better lower bound.
            total = estimate.isPresent() ? Math.max(estimate.getAsLong(), count) : null;
            totalFinal = false;
        }
        Double rate = null;
        if (state == State.DONE && started != null) {
            double seconds = seconds(Duration.between(started, finished));
            rate = seconds > 0 ? count / seconds : null;
        } else if (state == State.ACTIVE) {
            rate = boxed(sampled.rates.get(phase).perSecond());
            if (rate == null) {
                double seconds = seconds(Duration.between(started, now));
                rate = seconds > 0 ? count / seconds : null;
            }
        }
        return new PhaseProgress(phase, state, count, total, totalFinal, rate, started, finished);
    }

    /** User writes begin with the source scan, so that is where APPLYING's clock starts. */
    private static Phase writesStartWith(Phase phase) {
        return phase == Phase.APPLYING ? Phase.SCANNING_SOURCE : phase;
    }

    /** A phase ends when the next one begins, or when the run ends. */
    private static Optional<Instant> endOf(SyncRun run, Tracked tracked, Phase phase) {
        if (phase == Phase.SCANNING_TARGET) {
            return Optional.ofNullable(tracked.phaseStartedAt.get(Phase.SCANNING_SOURCE)).or(() -> reachedEnd(run, phase));
        }
        if (phase == Phase.SCANNING_SOURCE) {
            return Optional.ofNullable(tracked.phaseStartedAt.get(Phase.APPLYING))
                    .or(() -> run.dryRun() ? reachedEnd(run, phase) : Optional.empty());
        }
        return reachedEnd(run, phase);
    }

    private static Optional<Instant> reachedEnd(SyncRun run, Phase phase) {
        return run.phase() == Phase.DONE ? run.finishedAt() : Optional.empty();
    }

    private static long count(SyncRun run, Phase phase) {
        ToLongFunction<SyncRun> counter = switch (phase) {
            case SCANNING_TARGET -> r -> r.counters().get(RunCounter.TARGET_SCANNED);
            case SCANNING_SOURCE -> r -> r.counters().get(RunCounter.SOURCE_SCANNED);
            default -> SyncRun::userWritesDone;
        };
        return counter.applyAsLong(run);
    }

    static Optional<Eta> eta(PhaseProgress bar, Instant now) {
        if (bar.state() != State.ACTIVE || bar.total() == null || bar.ratePerSecond() == null || bar.ratePerSecond() <= 0) {
            return Optional.empty();
        }
        double seconds = Math.max(0, bar.total() - bar.count()) / bar.ratePerSecond();
        return Optional.of(new Eta(bar.phase(), seconds, now.plusMillis((long) (seconds * 1000))));
    }

    /** E.g. {@code run 1c2f... SCANNING_SOURCE, 2m10s elapsed: target 5000/5000 at 410.2/s; source 1200/~50000 at 38.0/s; ETA 21m23s}. */
    static String progressLine(RunProgress run) {
        StringBuilder line = new StringBuilder("run ").append(run.id()).append(' ').append(run.phase()).append(", ")
                .append(duration(run.elapsedSeconds())).append(" elapsed:");
        String separator = " ";
        for (PhaseProgress bar : run.phases()) {
            if (bar.state() == State.PENDING) {
                continue;
            }
            line.append(separator).append(label(bar.phase())).append(' ').append(bar.count());
            if (bar.total() != null) {
                line.append('/').append(bar.totalFinal() ? "" : "~").append(bar.total());
            }
            line.append(" at ").append(bar.ratePerSecond() == null ? "?" : String.format("%.1f", bar.ratePerSecond()))
                    .append("/s");
            separator = "; ";
        }
        line.append("; failed ").append(run.counters().get(RunCounter.FAILED));
        line.append("; ETA ").append(run.eta() == null ? "unknown" : duration(run.eta().seconds()));
        return line.toString();
    }

    private static String label(Phase phase) {
        return switch (phase) {
            case SCANNING_TARGET -> "target scanned";
            case SCANNING_SOURCE -> "source scanned";
            default -> "users written";
        };
    }

    static String duration(double seconds) {
        long total = Math.round(seconds);
        long hours = total / 3600;
        long minutes = total % 3600 / 60;
        long secs = total % 60;
        if (hours > 0) {
            return String.format("%dh%02dm%02ds", hours, minutes, secs);
        }
        return minutes > 0 ? String.format("%dm%02ds", minutes, secs) : secs + "s";
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    private static Double boxed(OptionalDouble value) {
        return value.isPresent() ? value.getAsDouble() : null;
    }
}
