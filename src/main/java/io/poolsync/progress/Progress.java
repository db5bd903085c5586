package io.poolsync.progress;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.poolsync.sync.PlanReport;
import io.poolsync.sync.SyncRun;

/**
 * The run in progress, the last finished one, and the Cognito quotas' use, as sampled for {@code GET /progress}
 * (published through rest/ApiTypes); a value that is not known yet is null.
 */
public record Progress(
        boolean running,
        RunProgress current,
        SyncRun.Summary lastFinished,
        List<QuotaUse> quotas,
        Instant at,
        Instant lastSuccessAt,
        boolean stale) {

    public enum State {
        PENDING, ACTIVE, DONE
    }

    public record RunProgress(
            String id,
            SyncRun.Trigger trigger,
            boolean dryRun,
            SyncRun.Phase phase,
            Instant startedAt,
            double elapsedSeconds,
            List<PhaseProgress> phases,
            Eta eta,
            PlanReport.Summary planned,
            SyncRun.Counters counters,
            Map<String, Long> skipReasons,
            boolean stopping) {
    }

    /**
     * One phase's bar. APPLYING counts users written; those writes begin while the source is still being scanned,
     * so its total grows until SCANNING_SOURCE ends.
     */
    public record PhaseProgress(
            SyncRun.Phase phase,
            State state,
            long count,
            Long total,
            boolean totalFinal,
            Double ratePerSecond,
            Instant startedAt,
            Instant finishedAt) {
    }

    public record Eta(SyncRun.Phase phase, double seconds, Instant at) {
    }

    public record QuotaUse(
            String budget,
            String category,
            double limitPerSecond,
            Double ratePerSecond,
            long calls,
            long throttled) {
    }

    public record Series(
            String runId,
            boolean dryRun,
            Instant startedAt,
            boolean running,
            double sampleEverySeconds,
            int maxPoints,
            List<SeriesPoint> points) {
    }

    public record SeriesPoint(
            Instant at,
            double elapsedSeconds,
            SyncRun.Phase phase,
            Double usersWrittenPerSecond,
            Double usersScannedPerSecond,
            Double etaSeconds,
            List<QuotaRate> quotas) {
    }

    public record QuotaRate(
            String budget,
            String category,
            double limitPerSecond,
            Double callsPerSecond,
            Double throttledPerSecond) {
    }
}
