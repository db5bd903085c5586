package io.poolsync.rest;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.poolsync.sync.PlanReport;
import io.poolsync.sync.SyncRun;
import io.poolsync.sync.SyncService;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
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

    /** @param dryRun {@code true} computes and keeps the plan and writes nothing */
    @POST
    public Response start(@QueryParam("dryRun") String dryRun) {
        boolean dry;
        if (dryRun == null || dryRun.equals("false")) {
            dry = false;
        } else if (dryRun.equals("true")) {
            dry = true;
        } else {
            return badRequest("dryRun must be true or false");
        }
        return syncService.start(SyncRun.Trigger.API, dry)
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
                .orElseGet(() -> notFound(id));
    }

    public record PlanPage(String runId, boolean dryRun, PlanReport.Summary summary, int page, int size, int totalItems,
            List<PlanReport.Item> items) {
    }

    /** The run's plan: its summary, and the items that create, update, remove or skip, a page at a time. */
    @GET
    @Path("/runs/{id}/plan")
    public Response plan(@PathParam("id") String id, @QueryParam("page") @DefaultValue("0") String page,
            @QueryParam("size") @DefaultValue("100") String size) {
        int pageNumber;
        int pageSize;
        try {
            pageNumber = Integer.parseInt(page);
            pageSize = Integer.parseInt(size);
        } catch (NumberFormatException e) {
            return badRequest("page and size must be whole numbers");
        }
        if (pageNumber < 0 || pageSize < 1 || pageSize > 1000) {
            return badRequest("page must be 0 or more, size between 1 and 1000");
        }
        Optional<SyncRun> run = syncService.find(id);
        if (run.isEmpty()) {
            return notFound(id);
        }
        Optional<PlanReport> plan = run.get().plan();
        if (plan.isEmpty()) {
            return Response.status(Response.Status.CONFLICT)
                    .entity(Map.of("error", "run " + id + " has not planned yet: it is " + run.get().phase())).build();
        }
        List<PlanReport.Item> items = plan.get().items();
        int from = (int) Math.min((long) pageNumber * pageSize, items.size());
        int to = Math.min(from + pageSize, items.size());
        return Response.ok(new PlanPage(id, run.get().dryRun(), plan.get().summary(), pageNumber, pageSize, items.size(),
                items.subList(from, to))).build();
    }

    private static Response notFound(String id) {
        return Response.status(Response.Status.NOT_FOUND)
                .entity(Map.of("error", "no run " + id + " among the recent runs")).build();
    }

    private static Response badRequest(String message) {
        return Response.status(Response.Status.BAD_REQUEST).entity(Map.of("error", message)).build();
    }
}
