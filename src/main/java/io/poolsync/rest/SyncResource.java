package io.poolsync.rest;

import java.net.URI;
import java.util.List;
import java.util.Map;

import io.poolsync.sync.SyncRun;
import io.poolsync.sync.SyncService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Starts syncs on demand and reports on them. */
@Path("/sync")
@Produces(MediaType.APPLICATION_JSON)
public class SyncResource {

    private final SyncService syncService;

    public SyncResource(SyncService syncService) {
        this.syncService = syncService;
    }

    public record Started(String id, String location) {
    }

    @POST
    public Response start() {
        return syncService.start(SyncRun.Trigger.API)
                .map(run -> {
                    URI location = URI.create("/sync/runs/" + run.id());
                    return Response.accepted(new Started(run.id(), location.toString())).location(location).build();
                })
                .orElseGet(() -> Response.status(Response.Status.CONFLICT)
                        .entity(Map.of("error", "a sync is already running", "running",
                                syncService.recent().stream().filter(run -> !run.finished()).map(SyncRun::id)
                                        .findFirst().orElse("")))
                        .build());
    }

    @GET
    @Path("/runs")
    public List<SyncRun.Snapshot> runs() {
        return syncService.recent().stream().map(SyncRun::snapshot).toList();
    }

    @GET
    @Path("/runs/{id}")
    public Response run(@PathParam("id") String id) {
        return syncService.find(id)
                .map(run -> Response.ok(run.snapshot()).build())
                .orElseGet(() -> Response.status(Response.Status.NOT_FOUND)
                        .entity(Map.of("error", "no run " + id + " among the recent runs")).build());
    }
}
