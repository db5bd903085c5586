package io.poolsync.rest;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.poolsync.progress.Progress.State;
import io.poolsync.sync.SyncRun.Phase;
import io.poolsync.sync.SyncRun.Trigger;

/**
 * The API's wire types: what the JSON answers hold, apart from the domain records they are mapped from
 * ({@link ApiMapper}). Fields are added, never renamed or removed (the OpenAPI snapshot test holds that); a value that
 * is not known yet is null. Schema names are the published ones.
 */
public final class ApiTypes {

    private ApiTypes() {
    }

    @Schema(name = "Counters", description = "What a run did so far: scanned, created, updated, ..., failed.")
    public record Counters(long targetScanned, long sourceScanned, long plannedWrites, long created, long updated,
            long enabled, long disabled, long deleted, long unchanged, long skipped, long failed, long groupsCreated,
            long groupsUpdated, long membershipsAdded, long membershipsRemoved, long passwordsRepaired, long conflicts,
            long adopted) {
    }

    @Schema(name = "Summary1", description = "What a run planned: users by action (CREATE, UPDATE, UNCHANGED, SKIP, CONFLICT), "
            + "skip reasons, group changes, removals.")
    public record PlanSummary(Map<String, Long> users, Map<String, Long> skipReasons, long groupCreates,
            long groupUpdates, long membershipAdds, long membershipRemoves, long passwordRepairs,
            Map<String, Long> removals, SignInSummary signIn) {
    }

    /**
     * Federated identities and MFA in a plan.
     *
     * @param links            identities to link (AdminLinkProviderForUser)
     * @param missingProviders per target provider name the target lacks, the identities not linked for it
     * @param notLinked        identities not linked for another reason (see the plan's signIn items)
     * @param mfaReads         AdminGetUser calls on the source for users' MFA settings (each a monthly active user)
     * @param mfaSettings      users to get SMS or email MFA
     * @param reEnrolTotp      users who had TOTP in the source and must set up their authenticator again
     * @param mfaRefreshes     existing users whose MFA settings were compared again (poolsync.mfa.refresh-every): one
     *                         AdminGetUser on each pool each, the source's counted in mfaReads
     */
    @Schema(name = "SignInSummary")
    public record SignInSummary(long links, Map<String, Long> missingProviders, long notLinked, long mfaReads,
            long mfaSettings, long reEnrolTotp, long mfaRefreshes) {
    }

    /** A user's planned links, MFA settings or TOTP re-enrolment. */
    @Schema(name = "SignInItem")
    public record SignInItem(String username, String sourceUsername, List<String> links, List<String> notLinked,
            List<String> mfa, boolean reEnrolTotp) {
    }

    /** Identities linked and MFA settings set by a run. */
    @Schema(name = "SignInCounters")
    public record SignInCounters(long identitiesLinked, long mfaSettingsSet) {
    }

    /**
     * A planned change; attribute names only, never values.
     *
     * @param kind one of user, group, removal
     */
    @Schema(name = "Item")
    public record PlanItem(String kind, String username, String sourceUsername, String action,
            List<String> changedAttributes, List<String> addGroups, List<String> removeGroups, boolean repairPassword,
            String reason, List<String> removedAttributes) {
    }

    /**
     * One user that could not be written, with Cognito's error.
     *
     * @param username       the target username written to
     * @param sourceUsername the user's username in the source pool
     */
    @Schema(name = "Failure")
    public record Failure(String username, String sourceUsername, String action, String errorCode, String message) {
    }

    /** What a run's import jobs did; see README, Bulk load. */
    @Schema(name = "ImportReport")
    public record ImportReport(List<ImportJob> jobs, long usersInFiles, long imported, long skipped, long failed,
            Map<String, Long> leftToApi, String cloudWatchLogGroup, String note) {
    }

    @Schema(name = "Job", description = "One import job: one file.")
    public record ImportJob(String jobName, String jobId, int users, String status, long imported, long skipped,
            long failed, String message, String error) {
    }

    /** A run without its failures, for lists: {@code counters.failed} counts them. */
    @Schema(name = "Summary")
    public record RunSummary(String id, Trigger trigger, boolean dryRun, Phase phase, Instant startedAt,
            Instant finishedAt, Double durationSeconds, String error, Counters counters, Map<String, Long> skipReasons,
            PlanSummary plan, String removalsNote, ImportReport bulkImport, SignInCounters signIn) {
    }

    /** One run, with the failures kept for it. */
    @Schema(name = "Snapshot")
    public record Run(String id, Trigger trigger, boolean dryRun, Phase phase, Instant startedAt, Instant finishedAt,
            String error, Counters counters, Map<String, Long> skipReasons, PlanSummary plan, String removalsNote,
            ImportReport bulkImport, List<Failure> failures, SignInCounters signIn) {
    }

    @Schema(name = "Progress",
            description = "The run in progress, the last finished run, and the use of each Cognito quota.")
    public record Progress(
            @Schema(description = "Whether a run is in progress.") boolean running,
            @Schema(description = "The run in progress; null when none is.") RunProgress current,
            @Schema(description = "The most recent finished run (DONE, FAILED or INTERRUPTED); null before the first.")
            RunSummary lastFinished,
            @Schema(description = "Per quota budget and category: configured limit, current rate, calls and throttled calls.")
            List<QuotaUse> quotas,
            @Schema(description = "When this answer was computed.") Instant at,
            @Schema(description = "When the last successful sync ended; null when none has since start-up.")
            Instant lastSuccessAt,
            @Schema(description = "The last successful sync (or start-up, before the first) is older than "
                    + "poolsync.freshness.max-age, as the freshness health group reports.") boolean stale,
            @Schema(description = "Event mode: lag, queue depth and what the events did; null when event mode is off.")
            EventsProgress events) {
    }

    @Schema(name = "EventsProgress",
            description = "Event mode: what the source pool's CloudTrail events did, how late, and the queue's depth.")
    public record EventsProgress(
            @Schema(description = "Whether the poller is receiving (false while a full pass holds the writes).")
            boolean receiving,
            @Schema(description = "Messages waiting in the queue (SQS ApproximateNumberOfMessages); null until read.")
            Long queueDepth,
            @Schema(description = "Seconds from the source call (CloudTrail eventTime) to the target write: p50 and p99 of "
                    + "the last events applied.")
            EventLag lagSeconds,
            @Schema(description = "Seconds from the message reaching the queue (SentTimestamp) to the target write.")
            EventLag queueLagSeconds,
            @Schema(description = "Messages received since start-up.")
            long received,
            @Schema(description = "Users re-read and written (created, updated).")
            long applied,
            @Schema(description = "Users re-read that already matched.")
            long unchanged,
            @Schema(description = "Users skipped, for the reasons a full pass gives.")
            long skipped,
            @Schema(description = "Users left to the next full pass (e.g. deleted in the source).")
            long deferred,
            @Schema(description = "Attempts whose write failed; the message is offered again, then dead-lettered.")
            long failed,
            @Schema(description = "Messages that were events of other user pools.")
            long otherPool,
            @Schema(description = "Messages merged into another message's re-read of the same user.")
            long coalesced,
            @Schema(description = "Messages ignored, by kind (e.g. a call that failed).")
            Map<String, Long> ignored,
            @Schema(description = "Messages poolsync could not read, by kind.")
            Map<String, Long> malformed,
            @Schema(description = "Users full passes had to change while event mode was on: drift the events missed.")
            long driftUsers,
            @Schema(description = "When the last message was received; null before the first.")
            Instant lastReceivedAt,
            @Schema(description = "Users whose source user was deleted, disabled or deleted in the target under the "
                    + "mirror policy (poolsync.mirror.action).")
            long removed,
            @Schema(description = "Users whose source user was deleted and whose target copy stays, under a policy "
                    + "other than mirror.")
            long kept) {
    }

    @Schema(name = "EventLag", description = "Lag quantiles in seconds; null before the first event is applied.")
    public record EventLag(Double p50, Double p99) {
    }

    @Schema(name = "RunProgress", description = "A run in progress.")
    public record RunProgress(
            String id,
            Trigger trigger,
            boolean dryRun,
            @Schema(description = "The phase the run is in.") Phase phase,
            Instant startedAt,
            double elapsedSeconds,
            @Schema(description = "SCANNING_TARGET, SCANNING_SOURCE and (unless a dry run) APPLYING, in order.")
            List<PhaseProgress> phases,
            @Schema(description = "When the current phase should end, at its current rate; null when unknown.") Eta eta,
            @Schema(description = "What the run planned so far: users by action (CREATE, UPDATE, UNCHANGED, SKIP, CONFLICT), "
                    + "skip reasons, group changes, removals; null until planning starts.")
            PlanSummary planned,
            @Schema(description = "What the run did so far: scanned, created, updated, ..., failed.")
            Counters counters,
            Map<String, Long> skipReasons,
            @Schema(description = "Shutdown asked the run to stop: it starts no new writes.") boolean stopping) {
    }

    @Schema(name = "PhaseProgress", description = "One phase: how far it is, out of how many, and how fast it goes. "
            + "SCANNING_TARGET counts target users read, SCANNING_SOURCE source users read, APPLYING planned user "
            + "creates and updates carried out or failed (these begin during SCANNING_SOURCE).")
    public record PhaseProgress(
            Phase phase,
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

    @Schema(name = "Eta", description = "Estimated end of the current phase.")
    public record Eta(Phase phase, double seconds, Instant at) {
    }

    @Schema(name = "QuotaUse", description = "One Cognito quota category as poolsync uses it.")
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

    @Schema(name = "Series", description = "A run over time, for charts: a point a second from its start, at most maxPoints; a long "
            + "run is sampled more coarsely as it goes, so that the points always span all of it.")
    public record Series(
            @Schema(description = "The run in progress, else the last run since start-up; null before the first.")
            String runId,
            boolean dryRun,
            Instant startedAt,
            @Schema(description = "Whether the run is still going: more points will come.") boolean running,
            @Schema(description = "Seconds between points at the current sampling step.") double sampleEverySeconds,
            @Schema(description = "The most points the series holds.") int maxPoints,
            @Schema(description = "Oldest first. Rates are over the time since the point before; null on the first.")
            List<SeriesPoint> points) {
    }

    @Schema(name = "SeriesPoint", description = "The run at one moment, with its rates since the point before.")
    public record SeriesPoint(
            Instant at,
            double elapsedSeconds,
            Phase phase,
            @Schema(description = "User creates and updates carried out or failed, per second.") Double usersWrittenPerSecond,
            @Schema(description = "Target and source users read, per second.") Double usersScannedPerSecond,
            @Schema(description = "Seconds until the phase then current should end; null when unknown.") Double etaSeconds,
            @Schema(description = "The quota categories the run used (called or was throttled in at least once).")
            List<QuotaRate> quotas) {
    }

    @Schema(name = "QuotaRate", description = "One quota category's use at a point of a series.")
    public record QuotaRate(
            @Schema(description = "source, target, or shared.") String budget,
            @Schema(description = "As named under poolsync.rate-limits.") String category,
            @Schema(description = "The rate poolsync allows itself.") double limitPerSecond,
            @Schema(description = "Calls per second, retries included; null on the first point.") Double callsPerSecond,
            @Schema(description = "Calls Cognito throttled, per second; null on the first point.") Double throttledPerSecond) {
    }

    @Schema(name = "PreflightReport", description = "The cutover readiness report, built once at start-up.")
    public record PreflightReport(
            Instant generatedAt,
            @Schema(description = "No finding is a blocker.") boolean ready,
            PreflightPool source,
            PreflightPool target,
            List<Finding> findings,
            @Schema(description = "Per strategy, what moving the source's users costs.") List<Estimate> estimate) {
    }

    @Schema(name = "PreflightPool")
    public record PreflightPool(String poolId, String region) {
    }

    @Schema(name = "Finding", description = "One thing the pre-flight found in the two pools.")
    public record Finding(
            @Schema(description = "Stable: the kind, then what it is about, e.g. attribute-missing:custom:tenant.") String id,
            @Schema(description = "BLOCKER, WARNING or INFO.") String severity,
            String title,
            String detail,
            @Schema(description = "Source users it affects; null where a scan can't tell.") Integer affectedUsers,
            @Schema(description = "What an operator does about it.") String fix) {
    }

    @Schema(name = "Estimate", description = "What one strategy would cost for the source's users.")
    public record Estimate(
            @Schema(description = "confirmed, invite, import-job or update-only+trigger.") String strategy,
            @Schema(description = "Cognito calls per quota category.") Map<String, Long> calls,
            @Schema(description = "The time those calls take at the quota rates; an import job's own processing "
                    + "time is not included.") long seconds,
            @Schema(description = "Users the strategy makes active this month.") long monthlyActiveUsers) {
    }
}
