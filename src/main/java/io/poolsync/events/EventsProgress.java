package io.poolsync.events;

import java.time.Instant;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Event mode in {@code GET /progress}. Fields are added, never renamed or removed; unknown values are null. */
@Schema(description = "Event mode: what the source pool's CloudTrail events did, how late, and the queue's depth.")
public record EventsProgress(
        @Schema(description = "Whether the poller is receiving (false while a full pass holds the writes).") boolean receiving,
        @Schema(description = "Messages waiting in the queue (SQS ApproximateNumberOfMessages); null until read.")
        Long queueDepth,
        @Schema(description = "Seconds from the source call (CloudTrail eventTime) to the target write: p50 and p99 of "
                + "the last events applied.") Lag lagSeconds,
        @Schema(description = "Seconds from the message reaching the queue (SentTimestamp) to the target write.")
        Lag queueLagSeconds,
        @Schema(description = "Messages received since start-up.") long received,
        @Schema(description = "Users re-read and written (created, updated).") long applied,
        @Schema(description = "Users re-read that already matched.") long unchanged,
        @Schema(description = "Users skipped, for the reasons a full pass gives.") long skipped,
        @Schema(description = "Users left to the next full pass (e.g. deleted in the source).") long deferred,
        @Schema(description = "Attempts whose write failed; the message is offered again, then dead-lettered.") long failed,
        @Schema(description = "Messages that were events of other user pools.") long otherPool,
        @Schema(description = "Messages merged into another message's re-read of the same user.") long coalesced,
        @Schema(description = "Messages ignored, by kind (e.g. a call that failed).") Map<String, Long> ignored,
        @Schema(description = "Messages poolsync could not read, by kind.") Map<String, Long> malformed,
        @Schema(description = "Users full passes had to change while event mode was on: drift the events missed.")
        long driftUsers,
        @Schema(description = "When the last message was received; null before the first.") Instant lastReceivedAt) {

    @Schema(description = "Lag quantiles in seconds; null before the first event is applied.")
    public record Lag(Double p50, Double p99) {
    }
}
