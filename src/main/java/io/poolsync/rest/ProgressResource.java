package io.poolsync.rest;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.poolsync.progress.ProgressTracker;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The run in progress, if any, with per-phase counts, rates and ETA; the last finished run; the quotas' use. */
@Path("/progress")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "progress")
public class ProgressResource {

    private final ProgressTracker tracker;
    private final ApiMapper mapper;

    public ProgressResource(ProgressTracker tracker, ApiMapper mapper) {
        this.tracker = tracker;
        this.mapper = mapper;
    }

    @GET
    @Operation(summary = "Live progress",
            description = "The run in progress (phase; per phase count, total, rate; ETA of the current phase; planned and "
                    + "applied counts), the last finished run's summary, and per quota category the configured limit, "
                    + "current rate, calls and throttled calls.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ApiTypes.Progress.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "poolsync.api.token is not set: the API refuses every call",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ApiTypes.Progress progress() {
        return mapper.progress(tracker.progress());
    }

    @GET
    @Path("/series")
    @Operation(summary = "The run over time",
            description = "The run in progress, else the last run since start-up, as points over time for charts: users "
                    + "written and scanned per second, the ETA of the phase then current, and per quota category the run "
                    + "used its limit, calls and throttled calls per second. At most maxPoints: a long run is sampled "
                    + "more coarsely, so the points span all of it.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ApiTypes.Series.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "poolsync.api.token is not set: the API refuses every call",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ApiTypes.Series series() {
        return mapper.series(tracker.series());
    }
}
