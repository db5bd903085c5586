package io.poolsync.preflight;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.poolsync.cognito.PoolCallException;
import io.poolsync.cognito.PoolInspector;
import io.poolsync.model.IdentityProvider;
import io.poolsync.model.MfaFactors;
import io.poolsync.model.MfaSettings;
import io.poolsync.cognito.Pools;
import io.poolsync.config.PoolsyncConfig;
import io.poolsync.model.PoolDescription;
import io.poolsync.preflight.PreflightInput.Unreadable;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.ObserverMethod;

/**
 * Builds the pre-flight report once at start-up, in the background: it reads both pools' configuration and scans the
 * source once (ListUsers, which costs no monthly active users), so a large source takes a while. Logs a summary when
 * done: one line per blocker and warning, counts otherwise.
 */
@ApplicationScoped
public class Preflight {

    private static final Logger LOG = Logger.getLogger(Preflight.class);

    /** The report's state: still reading, done, or failed with a reason. */
    public sealed interface State {
        record Reading(int usersScanned) implements State {
        }

        record Done(PreflightReport report) implements State {
        }

        record Failed(String reason) implements State {
        }

        record Off() implements State {
        }
    }

    private final PoolsyncConfig config;
    private final Pools pools;
    private final Clock clock;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "poolsync-preflight");
        thread.setDaemon(true);
        return thread;
    });
    private volatile State state = new State.Reading(0);
    private volatile SourceCensus census;

    public Preflight(PoolsyncConfig config, Pools pools, Clock clock) {
        this.config = config;
        this.pools = pools;
        this.clock = clock;
    }

    /** After the @Startup beans, so the schema bootstrap (in the sync's set-up) has already run. */
    void onStart(@Observes @Priority(ObserverMethod.DEFAULT_PRIORITY + 100) StartupEvent event) {
        if (!config.preflight().enabled()) {
            state = new State.Off();
            LOG.info("pre-flight: off (poolsync.preflight.enabled=false): the source is not scanned for the report");
            return;
        }
        worker.execute(this::build);
    }

    void onStop(@Observes ShutdownEvent event) {
        worker.shutdownNow();
    }

    public State state() {
        State current = state;
        SourceCensus scanning = census;
        if (current instanceof State.Reading && scanning != null) {
            return new State.Reading(scanning.users());
        }
        return current;
    }

    private void build() {
        try {
            PreflightReport report = report();
            state = new State.Done(report);
            log(report);
        } catch (RuntimeException e) {
            state = new State.Failed(e.getMessage());
            LOG.warnf("pre-flight: could not build the report: %s", e.getMessage());
        }
    }

    /** The factors as the report names them: SMS, EMAIL, SOFTWARE_TOKEN (GetUserPoolMfaConfig's configurations). */
    static Set<String> factorNames(MfaFactors factors) {
        Set<String> names = new TreeSet<>();
        if (factors.allows(MfaSettings.SMS)) {
            names.add("SMS");
        }
        if (factors.allows(MfaSettings.EMAIL)) {
            names.add("EMAIL");
        }
        if (factors.allows(MfaSettings.TOTP)) {
            names.add("SOFTWARE_TOKEN");
        }
        return names;
    }

    PreflightReport report() {
        CutoverSettings settings = CutoverSettings.from(config);
        PoolInspector sourcePool = pools.sourceInspector();
        PoolInspector targetPool = pools.target();
        PoolDescription source = sourcePool.describePool();
        PoolDescription target = targetPool.describePool();
        List<Unreadable> unreadable = new ArrayList<>();
        var sourceFactors = attempt("GetUserPoolMfaConfig", "source", () -> factorNames(sourcePool.mfaFactors()),
                unreadable);
        var targetFactors = attempt("GetUserPoolMfaConfig", "target", () -> factorNames(targetPool.mfaFactors()),
                unreadable);
        var clients = attempt("ListUserPoolClients", "target", targetPool::appClients, unreadable);
        var providers = attempt("ListIdentityProviders", "target",
                () -> targetPool.identityProviders().stream().map(IdentityProvider::name).toList(), unreadable);

        Map<String, Optional<String>> requiredSources = new LinkedHashMap<>();
        target.attributes().values().stream().filter(attribute -> attribute.required() && !attribute.name().equals("sub"))
                .forEach(attribute -> requiredSources.put(attribute.name(),
                        settings.mapping().sourceName(attribute.name(), source.attributes().keySet())));
        SourceCensus scan = new SourceCensus(settings.statuses(), target.usernameAttributes().stream().findFirst(),
                requiredSources);
        census = scan;
        pools.source().forEachUser(config.source().filter(), scan::add);
        SourceCounts counts = scan.counts();

        List<Finding> findings = PreflightAnalyser.analyse(new PreflightInput(source, target, sourceFactors,
                targetFactors, clients, providers, counts, settings, unreadable));
        List<Estimate> estimate = new CutoverEstimator(new LimiterQuotaRates(pools.targetLimiter()),
                config.bulk().maxUsersPerJob()).estimate(counts, target.estimatedUsers().orElse(0));
        return PreflightReport.of(clock.instant(), pool(config.source()), pool(config.target()), findings, estimate);
    }

    private static PreflightReport.Pool pool(PoolsyncConfig.Pool pool) {
        return new PreflightReport.Pool(pool.poolId(), pool.effectiveRegion());
    }

    /** A read that may fail (a missing permission, a backend without it) without stopping the report. */
    private static <T> Optional<T> attempt(String operation, String pool, Supplier<T> read, List<Unreadable> unreadable) {
        try {
            return Optional.of(read.get());
        } catch (PoolCallException e) {
            unreadable.add(new Unreadable(operation, pool, e.getMessage()));
            return Optional.empty();
        }
    }

    private static void log(PreflightReport report) {
        Map<Severity, Integer> counts = new LinkedHashMap<>();
        for (Severity severity : Severity.values()) {
            counts.put(severity, 0);
        }
        report.findings().forEach(finding -> counts.merge(finding.severity(), 1, Integer::sum));
        LOG.infof("pre-flight: the target is %s: %d blockers, %d warnings, %d notes (GET /preflight for the report)",
                report.ready() ? "ready" : "NOT ready", counts.get(Severity.BLOCKER), counts.get(Severity.WARNING),
                counts.get(Severity.INFO));
        report.findings().stream().filter(finding -> finding.severity() != Severity.INFO).forEach(finding -> {
            String line = String.format("pre-flight %s %s: %s%s. Fix: %s", finding.severity(), finding.id(),
                    finding.title(), finding.affectedUsers() == null ? "" : " (" + finding.affectedUsers() + " users)",
                    finding.fix());
            if (finding.severity() == Severity.BLOCKER) {
                LOG.warn(line);
            } else {
                LOG.info(line);
            }
        });
    }
}
