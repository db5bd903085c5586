package io.poolsync.progress;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.poolsync.sync.PlanReport;
import io.poolsync.sync.SyncRun;

/**
 * What {@code GET /progress} answers: the run in progress, the last finished one, and the Cognito quotas' use.
 * Fields are added, never renamed or removed; a value that is not known yet is null.
 */
@Schema(description = "The run in progress, the last finished run, and the use of each Cognito quota.")
public record Progress(
        @Schema(description = "Whether a run is in progress.") boolean running,
        @Schema(description = "The run in progress; null when none is.") RunProgress current,
        @Schema(description = "The most recent finished run (DONE, FAILED or INTERRUPTED); null before the first.")
        SyncRun.Summary lastFinished,
        @Schema(description = "Per quota budget and category: configured limit, current rate, calls and throttled calls.")
        List<QuotaUse> quotas,
        @Schema(description = "When this answer was computed.") Instant at) {

    public enum State {
        PENDING, ACTIVE, DONE
    }

    @Schema(description = "A run in progress.")
    public record RunProgress(
            String id,
            SyncRun.Trigger trigger,
            boolean dryRun,
            @Schema(description = "The phase the run is in.") SyncRun.Phase phase,
            Instant startedAt,
            double elapsedSeconds,
            @Schema(description = "SCANNING_TARGET, SCANNING_SOURCE and (unless a dry run) APPLYING, in order.")
            List<PhaseProgress> phases,
            @Schema(description = "When the current phase should end, at its current rate; null when unknown.") Eta eta,
            @Schema(description = "What the run planned so far: users by action (CREATE, UPDATE, UNCHANGED, SKIP), "
                    + "skip reasons, group changes, removals; null until planning starts.")
            PlanReport.Summary planned,
            @Schema(description = "What the run did so far: scanned, created, updated, ..., failed.")
            SyncRun.Counters counters,
            Map<String, Long> skipReasons,
            @Schema(description = "Shutdown asked the run to stop: it starts no new writes.") boolean stopping) {
    }

    /**
     * One phase's bar. APPLYING counts users written; those writes begin while the source is still being scanned,
     * so its total grows until SCANNING_SOURCE ends.
     */
    @Schema(description = "One phase: how far it is, out of how many, and how fast it goes. SCANNING_TARGET counts "
            + "target users read, SCANNING_SOURCE source users read, APPLYING planned user creates and updates carried "
            + "out or failed (these begin during SCANNING_SOURCE).")
    public record PhaseProgress(
            SyncRun.Phase phase,
            State state,
            long count,
            @Schema(description = "How many there are in all; null when unknown. A scan's total is Cognito's estimate "
                    + "of the pool's users until the scan ends.") Long total,
            @Schema(description = "Whether total is exact (false: an estimate, or still growing).") boolean totalFinal,
            @Schema(description = "Per second: over the last seconds while ACTIVE, the phase's average once DONE.")
            Double ratePerSecond,
            Instant startedAt,
            Instant finishedAt) {
    }

    @Schema(description = "Estimated end of the current phase.")
    public record Eta(SyncRun.Phase phase, double seconds, Instant at) {
    }

    @Schema(description = "One Cognito quota category as poolsync uses it.")
    public record QuotaUse(
            @Schema(description = "source, target, or shared when both pools spend one account's quota.") String budget,
            @Schema(description = "The category, as named under poolsync.rate-limits (e.g. user-list).") String category,
            @Schema(description = "The rate poolsync allows itself now: 97% of the category's limit, less while it "
                    + "yields after Cognito throttled it.") double limitPerSecond,
            @Schema(description = "Calls per second over the last seconds; null until measured.") Double ratePerSecond,
            @Schema(description = "Calls since start-up, retries included.") long calls,
            @Schema(description = "Calls Cognito throttled (TooManyRequestsException) since start-up.") long throttled,
            @Schema(description = "The category's limit for the account and Region, in requests per second.")
            double categoryLimitPerSecond,
            @Schema(description = "Where the limit comes from: configured (poolsync.rate-limits), provisioned "
                    + "(GetProvisionedLimit at start-up) or default (Cognito's default quota).") String limitSource) {
    }
}
