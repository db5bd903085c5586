package io.poolsync.rest;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.poolsync.preflight.Preflight;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** The cutover readiness report: what in the two pools will break the move, and what the move costs. */
@Path("/preflight")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "preflight")
public class PreflightResource {

    /** How long a caller waits before asking again while the source is being scanned. */
    static final String RETRY_SECONDS = "5";

    private final Preflight preflight;

    private final ApiMapper mapper;

    public PreflightResource(Preflight preflight, ApiMapper mapper) {
        this.preflight = preflight;
        this.mapper = mapper;
    }

    @GET
    @Operation(summary = "The pre-flight report",
            description = "Built once at start-up: findings (id, severity BLOCKER, WARNING or INFO, title, detail, "
                    + "affectedUsers, fix), ready when no finding is a blocker, and per strategy the estimated calls per "
                    + "quota category, seconds and monthly active users. 503 while the source is still being scanned.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ApiTypes.PreflightReport.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "poolsync.api.token is not set: the API refuses every call",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "poolsync.preflight.enabled=false: no report is built",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "Still reading the pools, or the report could not be built",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response report(@Context UriInfo uri) {
        Preflight.State state = preflight.state();
        if (state instanceof Preflight.State.Done done) {
            return Response.ok(mapper.preflightReport(done.report())).build();
        }
        if (state instanceof Preflight.State.Off) {
            return Problem.response(Response.Status.NOT_FOUND,
                    "the pre-flight report is off: poolsync.preflight.enabled=false", uri.getPath());
        }
        if (state instanceof Preflight.State.Reading reading) {
            return Response.fromResponse(Problem.response(Response.Status.SERVICE_UNAVAILABLE,
                    "the pre-flight is still reading the pools: " + reading.usersScanned() + " source users scanned so far",
                    uri.getPath())).header(HttpHeaders.RETRY_AFTER, RETRY_SECONDS).build();
        }
        return Problem.response(Response.Status.SERVICE_UNAVAILABLE,
                "the pre-flight report could not be built: " + ((Preflight.State.Failed) state).reason(), uri.getPath());
    }
}
