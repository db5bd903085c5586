package io.poolsync.events;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** Event mode's settings: {@code poolsync.events.*}. Without a queue URL event mode is off. */
@ConfigMapping(prefix = "poolsync.events")
public interface EventsConfig {

    /** The SQS queue EventBridge feeds with the source pool's CloudTrail events; setting it turns event mode on. */
    Optional<String> queueUrl();

    /** The queue's Region; defaults to the one in the queue URL's host, else the source pool's. */
    Optional<String> region();

    /** Overrides the SQS endpoint, for emulators (ElasticMQ). */
    Optional<URI> endpoint();

    /**
     * How long changes to the same user are gathered before that user is re-read once: a burst of calls for one user
     * (create, then set its groups) costs one re-read.
     */
    @WithDefault("500ms")
    Duration coalesceWindow();

    /**
     * How long a message stays invisible to other receivers once received. poolsync extends it while a full pass holds
     * the writes, so a message is not redelivered (and counted towards the dead-letter queue) for waiting.
     */
    @WithDefault("60s")
    Duration visibilityTimeout();

    /**
     * Users re-read and written at once. Each user is a few Cognito calls in a row (source read, target read, write), so
     * the users applied a second are about this many divided by the time of those calls: 32 keeps up with 50 changes a
     * second at 200 ms a call. The quota gates still hold every call to its category's limit. At most
     * {@code poolsync.apply.concurrency} + {@code poolsync.scan.segments} + 4 calls to one pool run at once (its
     * connections).
     */
    @WithDefault("32")
    @Min(1)
    @Max(256)
    int concurrency();

    /** After a failed write, when the message is offered again (ChangeMessageVisibility). */
    @WithDefault("30s")
    Duration retryDelay();

    /**
     * With event mode on, full passes run on this Quartz cron instead of {@code poolsync.schedule.cron}: the safety net
     * for what the events missed. {@code off} disables them.
     */
    @WithDefault("0 0 */6 * * ?")
    String fullPassCron();
}
