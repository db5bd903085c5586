package io.poolsync.events;

import java.time.Instant;
import java.util.Map;

/**
 * Event mode's figures, as {@link EventStats} has them; {@code GET /progress} serves them as the wire type
 * rest/ApiTypes.EventsProgress, whose fields say what each is.
 */
public record EventsProgress(boolean receiving, Long queueDepth, Lag lagSeconds, Lag queueLagSeconds, long received,
        long applied, long unchanged, long skipped, long deferred, long failed, long otherPool, long coalesced,
        Map<String, Long> ignored, Map<String, Long> malformed, long driftUsers, Instant lastReceivedAt, long removed,
        long kept) {

    /** Lag quantiles in seconds; null before the first event is applied. */
    public record Lag(Double p50, Double p99) {
    }
}
