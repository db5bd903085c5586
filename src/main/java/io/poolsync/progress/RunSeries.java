package io.poolsync.progress;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.poolsync.progress.Progress.QuotaRate;
import io.poolsync.progress.Progress.SeriesPoint;
import io.poolsync.sync.SyncRun.Phase;

/**
 * One run's samples for the status page's charts. A sample holds running totals, so dropping one loses no writes or
 * calls: the rate between the samples either side still counts them. The series is bounded: once it holds
 * {@code capacity} samples it drops every other one and keeps one offered sample in twice as many from then on, so it
 * always spans the whole run, at a coarser step the longer the run. Thread-safe.
 */
final class RunSeries {

    /** Running totals of one quota category at a sample. */
    record QuotaCount(String budget, String category, double limitPerSecond, long calls, long throttled) {
    }

    /** The run's running totals at one moment; eta in seconds, null when unknown. */
    record Sample(Instant at, Phase phase, long usersWritten, long usersScanned, Double etaSeconds,
            List<QuotaCount> quotas) {
    }

    private final String runId;
    private final boolean dryRun;
    private final Instant startedAt;
    private final int capacity;
    private final Duration sampledEvery;
    private final List<Sample> samples = new ArrayList<>();
    /** Keep one offered sample in this many. */
    private int stride = 1;
    private long offered;
    private boolean finished;

    /** @param sampledEvery how often {@link #offer} is called */
    RunSeries(String runId, boolean dryRun, Instant startedAt, int capacity, Duration sampledEvery) {
        if (capacity < 2) {
            throw new IllegalArgumentException("a series needs room for two samples to have a rate");
        }
        this.runId = runId;
        this.dryRun = dryRun;
        this.startedAt = startedAt;
        this.capacity = capacity;
        this.sampledEvery = sampledEvery;
    }

    String runId() {
        return runId;
    }

    /** A sample taken on the regular tick: kept or not according to the current stride. */
    synchronized void offer(Sample sample) {
        if (finished || offered++ % stride != 0) {
            return;
        }
        add(sample);
    }

    /**
     * The run's last sample, always kept; the series takes no more after it. It replaces a regular sample taken less
     * than a step before: rates over a sliver of a second would be noise.
     */
    synchronized void finish(Sample sample) {
        if (finished) {
            return;
        }
        finished = true;
        if (samples.size() > 1) {
            Sample last = samples.get(samples.size() - 1);
            if (Duration.between(last.at(), sample.at()).compareTo(sampledEvery.multipliedBy(stride).dividedBy(2)) < 0) {
                samples.remove(samples.size() - 1);
            }
        }
        add(sample);
    }

    private void add(Sample sample) {
        samples.add(sample);
        if (samples.size() > capacity) {
            // Keep the first, the last and every other one between.
            Sample last = samples.get(samples.size() - 1);
            List<Sample> kept = new ArrayList<>();
            for (int i = 0; i < samples.size() - 1; i += 2) {
                kept.add(samples.get(i));
            }
            kept.add(last);
            samples.clear();
            samples.addAll(kept);
            stride *= 2;
        }
    }

    /**
     * Per point the rates since the point before (none for the first), and the quota categories the run called or
     * was throttled in.
     */
    synchronized Progress.Series toSeries() {
        Set<String> used = usedCategories();
        List<SeriesPoint> points = new ArrayList<>(samples.size());
        Sample previous = null;
        for (Sample sample : samples) {
            points.add(point(previous, sample, used));
            previous = sample;
        }
        double every = sampledEvery.toMillis() / 1000.0 * stride;
        return new Progress.Series(runId, dryRun, startedAt, !finished, every, capacity, points);
    }

    private Set<String> usedCategories() {
        Set<String> used = new LinkedHashSet<>();
        if (samples.isEmpty()) {
            return used;
        }
        List<QuotaCount> first = samples.get(0).quotas();
        List<QuotaCount> last = samples.get(samples.size() - 1).quotas();
        for (QuotaCount end : last) {
            QuotaCount start = find(first, end);
            if (start == null || end.calls() > start.calls() || end.throttled() > start.throttled()) {
                used.add(key(end));
            }
        }
        return used;
    }

    private SeriesPoint point(Sample previous, Sample sample, Set<String> used) {
        double seconds = previous == null ? 0 : Duration.between(previous.at(), sample.at()).toMillis() / 1000.0;
        boolean hasRate = seconds > 0;
        List<QuotaRate> quotas = new ArrayList<>();
        for (QuotaCount count : sample.quotas()) {
            if (!used.contains(key(count))) {
                continue;
            }
            QuotaCount before = hasRate ? find(previous.quotas(), count) : null;
            quotas.add(new QuotaRate(count.budget(), count.category(), count.limitPerSecond(),
                    before == null ? null : (count.calls() - before.calls()) / seconds,
                    before == null ? null : (count.throttled() - before.throttled()) / seconds));
        }
        return new SeriesPoint(sample.at(), Duration.between(startedAt, sample.at()).toMillis() / 1000.0, sample.phase(),
                hasRate ? (sample.usersWritten() - previous.usersWritten()) / seconds : null,
                hasRate ? (sample.usersScanned() - previous.usersScanned()) / seconds : null,
                sample.etaSeconds(), quotas);
    }

    private static QuotaCount find(List<QuotaCount> counts, QuotaCount like) {
        for (QuotaCount count : counts) {
            if (count.budget().equals(like.budget()) && count.category().equals(like.category())) {
                return count;
            }
        }
        return null;
    }

    private static String key(QuotaCount count) {
        return count.budget() + '/' + count.category();
    }
}
