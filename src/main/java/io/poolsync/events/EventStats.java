package io.poolsync.events;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Event mode's counters and lags, for /progress and the poolsync_events_* metrics. */
@ApplicationScoped
public class EventStats {

    /** Lag quantiles are over this many of the latest events. */
    static final int LAG_SAMPLES = 8192;

    private final boolean enabled;
    /**
     * The meters registered here, removed at shutdown: the registry outlives the application when it is started again
     * in one JVM (the tests), and would keep answering the first application's meters, bound to its counters.
     */
    private final List<Meter> meters = new CopyOnWriteArrayList<>();
    private final MeterRegistry registry;
    private final LagWindow lag = new LagWindow(LAG_SAMPLES);
    private final LagWindow queueLag = new LagWindow(LAG_SAMPLES);
    /** Where the queue lag goes, for the log's stage line: in the queue, waiting in poolsync, re-read and written. */
    private final LagWindow inQueue = new LagWindow(LAG_SAMPLES);
    private final LagWindow inHand = new LagWindow(LAG_SAMPLES);
    private final LagWindow resync = new LagWindow(LAG_SAMPLES);
    private final LongAdder received = new LongAdder();
    private final LongAdder applied = new LongAdder();
    private final LongAdder removed = new LongAdder();
    private final LongAdder kept = new LongAdder();
    private final LongAdder unchanged = new LongAdder();
    private final LongAdder skipped = new LongAdder();
    private final LongAdder deferred = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder otherPool = new LongAdder();
    private final LongAdder coalesced = new LongAdder();
    private final LongAdder driftUsers = new LongAdder();
    private final Map<String, LongAdder> ignored = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> malformed = new ConcurrentHashMap<>();
    private final AtomicLong queueDepth = new AtomicLong(-1);
    private volatile boolean receiving;
    private volatile Instant lastReceivedAt;

    public EventStats(EventsConfig config, MeterRegistry registry) {
        this.enabled = config.queueUrl().isPresent();
        this.registry = registry;
        if (!enabled) {
            return;
        }
        outcome(registry, "applied", applied);
        outcome(registry, "removed", removed);
        outcome(registry, "kept", kept);
        outcome(registry, "unchanged", unchanged);
        outcome(registry, "skipped", skipped);
        outcome(registry, "deferred", deferred);
        outcome(registry, "failed", failed);
        meters.add(FunctionCounter.builder("poolsync.events.received", received, LongAdder::sum)
                .description("Messages received from the event queue").register(registry));
        meters.add(FunctionCounter.builder("poolsync.events.ignored", this, stats -> stats.sum(stats.ignored) + stats.otherPool.sum())
                .description("Messages that needed nothing: other pools' events, failed calls").register(registry));
        meters.add(FunctionCounter.builder("poolsync.events.malformed", this, stats -> stats.sum(stats.malformed))
                .description("Messages poolsync could not read").register(registry));
        meters.add(FunctionCounter.builder("poolsync.events.drift.users", driftUsers, LongAdder::sum)
                .description("Users full passes had to change while event mode was on").register(registry));
        meters.add(Gauge.builder("poolsync.events.queue.depth", queueDepth, AtomicLong::get)
                .description("Messages waiting in the event queue (ApproximateNumberOfMessages); -1 until read")
                .register(registry));
        for (double q : new double[] {0.5, 0.99}) {
            meters.add(Gauge.builder("poolsync.events.lag.seconds", lag, window -> orNaN(window.quantile(q)))
                    .tag("quantile", Double.toString(q))
                    .description("Seconds from the source call to the target write, over the latest events")
                    .register(registry));
            meters.add(Gauge.builder("poolsync.events.queue.lag.seconds", queueLag, window -> orNaN(window.quantile(q)))
                    .tag("quantile", Double.toString(q))
                    .description("Seconds from the message reaching the queue to the target write")
                    .register(registry));
        }
    }

    private void outcome(MeterRegistry registry, String outcome, LongAdder adder) {
        meters.add(FunctionCounter.builder("poolsync.events.users", adder, LongAdder::sum).tag("outcome", outcome)
                .description("Users re-read from events, by outcome").register(registry));
    }

    void onShutdown(@Observes ShutdownEvent event) {
        meters.forEach(registry::remove);
    }

    private static double orNaN(Double value) {
        return value == null ? Double.NaN : value;
    }

    public boolean enabled() {
        return enabled;
    }

    void received(int messages, Instant at) {
        received.add(messages);
        lastReceivedAt = at;
    }

    void receiving(boolean on) {
        receiving = on;
    }

    void applied(Duration sinceEvent, Duration sinceQueued) {
        lag.add(seconds(sinceEvent));
        queueLag.add(seconds(sinceQueued));
    }

    /**
     * One message's queue lag in stages: from reaching the queue to being received, from then to a worker taking its
     * user (the coalescing window, and waiting for a worker), and the user's re-read and write.
     */
    void stages(Duration queued, Duration held, Duration resynced) {
        inQueue.add(seconds(queued));
        inHand.add(seconds(held));
        resync.add(seconds(resynced));
    }

    /** Users re-read since start-up, whatever came of them but failures. */
    long usersDone() {
        return applied.sum() + unchanged.sum() + skipped.sum() + deferred.sum() + removed.sum() + kept.sum();
    }

    /** The stages' medians and 99th percentiles over the latest events, for a log line. */
    String stagesLine() {
        return String.format(java.util.Locale.ROOT, "in the queue %s, waiting in poolsync %s, re-read and write %s "
                + "(p50/p99 s over the latest %d)", quantiles(inQueue), quantiles(inHand), quantiles(resync),
                Math.min(LAG_SAMPLES, usersDone()));
    }

    private static String quantiles(LagWindow window) {
        Double p50 = window.quantile(0.5);
        Double p99 = window.quantile(0.99);
        return p50 == null ? "-" : String.format(java.util.Locale.ROOT, "%.2f/%.2f", p50, p99);
    }

    private static double seconds(Duration duration) {
        return Math.max(0, duration.toMillis()) / 1000.0;
    }

    void outcome(io.poolsync.sync.UserResync.Outcome.Kind kind) {
        switch (kind) {
            case APPLIED -> applied.increment();
            case REMOVED -> removed.increment();
            case KEPT -> kept.increment();
            case UNCHANGED -> unchanged.increment();
            case SKIPPED -> skipped.increment();
            case DEFERRED -> deferred.increment();
            case FAILED -> failed.increment();
        }
    }

    void otherPool() {
        otherPool.increment();
    }

    void coalesced(int messages) {
        coalesced.add(messages);
    }

    /** @return whether this is the first of its kind, to be logged */
    boolean ignored(String kind) {
        return count(ignored, kind);
    }

    /** @return whether this is the first of its kind, to be logged */
    boolean malformed(String kind) {
        return count(malformed, kind);
    }

    void drift(long users) {
        driftUsers.add(users);
    }

    void queueDepth(long depth) {
        queueDepth.set(depth);
    }

    private static boolean count(Map<String, LongAdder> counts, String kind) {
        boolean[] first = {false};
        counts.computeIfAbsent(kind, k -> {
            first[0] = true;
            return new LongAdder();
        }).increment();
        return first[0];
    }

    private long sum(Map<String, LongAdder> counts) {
        return counts.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Null when event mode is off. */
    public EventsProgress progress() {
        if (!enabled) {
            return null;
        }
        long depth = queueDepth.get();
        return new EventsProgress(receiving, depth < 0 ? null : depth,
                new EventsProgress.Lag(lag.quantile(0.5), lag.quantile(0.99)),
                new EventsProgress.Lag(queueLag.quantile(0.5), queueLag.quantile(0.99)),
                received.sum(), applied.sum(), unchanged.sum(), skipped.sum(), deferred.sum(), failed.sum(),
                otherPool.sum(), coalesced.sum(), snapshot(ignored), snapshot(malformed), driftUsers.sum(), lastReceivedAt,
                removed.sum(), kept.sum());
    }

    private static Map<String, Long> snapshot(Map<String, LongAdder> counts) {
        Map<String, Long> copy = new TreeMap<>();
        counts.forEach((kind, count) -> copy.put(kind, count.sum()));
        return copy;
    }
}
