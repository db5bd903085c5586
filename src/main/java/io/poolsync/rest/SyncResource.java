package io.poolsync.rest;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.poolsync.config.PoolsyncConfig;
import io.poolsync.sync.PlanReport;
import io.poolsync.sync.RunCounter;
import io.poolsync.sync.SyncRun;
import io.poolsync.sync.SyncService;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** Starts syncs on demand and reports on them. */
@Path("/sync")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "sync")
@APIResponse(responseCode = "400", description = "A malformed run id or query parameter",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "401", description = "No valid bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "poolsync.api.token is not set: the API refuses every call",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class SyncResource {

    static final int MAX_PAGE_SIZE = 1000;

    private final SyncService syncService;
    private final ApiMapper mapper;
    private final PoolsyncConfig config;

    public SyncResource(SyncService syncService, ApiMapper mapper, PoolsyncConfig config) {
        this.syncService = syncService;
        this.mapper = mapper;
        this.config = config;
    }

    public record Started(String id, String location) {
    }

    @POST
    @Operation(summary = "Start a run", description = "202 with the run's id; 409 while another run is in progress.")
    @APIResponse(responseCode = "202", description = "Started", content = @Content(schema = @Schema(implementation = Started.class)))
    @APIResponse(responseCode = "409", description = "A run is in progress: its id is in 'running'",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "poolsync is shutting down",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response start(
            @Parameter(description = "true plans and writes nothing") @QueryParam("dryRun") String dryRun,
            @Context UriInfo uri) {
        boolean dry;
        if (dryRun == null || dryRun.equals("false")) {
            dry = false;
        } else if (dryRun.equals("true")) {
            dry = true;
        } else {
            return Problem.response(Response.Status.BAD_REQUEST, "dryRun must be true or false", uri.getPath());
        }
        Optional<SyncRun> started = syncService.start(SyncRun.Trigger.API, dry);
        if (started.isPresent()) {
            URI location = URI.create("/sync/runs/" + started.get().id());
            return Response.accepted(new Started(started.get().id(), location.toString())).location(location).build();
        }
        return syncService.current()
                .map(running -> Problem.response(409, "a sync is already running", uri.getPath(), running.id()))
                .orElseGet(() -> Problem.response(Response.Status.SERVICE_UNAVAILABLE,
                        "poolsync is shutting down and starts no new run", uri.getPath()));
    }

    @Schema(description = "A pool as poolsync reaches it.")
    public record PoolSettings(String poolId, String region,
            @Schema(description = "The ListUsers filter that limits the sync to a slice; null for the whole pool.")
            String filter) {
    }

    /** What a run started now would do, for a confirmation; settings only, never a credential or the token. */
    @Schema(description = "The settings that say what a run does: the pools, the policy and how users are written.")
    public record Settings(PoolSettings source, PoolSettings target,
            @Schema(description = "create-only, upsert, mirror or update-only.") String policy,
            @Schema(description = "Under mirror: disable or delete owned users whose source user is gone.")
            String mirrorAction,
            @Schema(description = "Under mirror: a run planning more removals than this carries out none.") int maxDeletes,
            @Schema(description = "confirmed or invite.") String passwordMode,
            @Schema(description = "Whether groups and memberships are replicated.") boolean groups,
            @Schema(description = "poolsync.dry-run: every run, started by whatever, writes nothing.") boolean dryRunOnly,
            @Schema(description = "The schedule's cron expression, or off.") String schedule) {
    }

    @GET
    @Path("/settings")
    @Operation(summary = "What a run does", description = "The source and target pools, the policy and the other "
            + "settings that say what a run started now would write; no credential.")
    public Settings settings() {
        return new Settings(pool(config.source()), pool(config.target()), kebab(config.policy()),
                kebab(config.mirror().action()), config.mirror().maxDeletes(), kebab(config.password().mode()),
                config.groups().enabled(), config.dryRun(), config.schedule().cron());
    }

    /** A setting's value as it is written in the configuration, e.g. {@code create-only}. */
    private static String kebab(Enum<?> value) {
        return value.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    private static PoolSettings pool(PoolsyncConfig.Pool pool) {
        return new PoolSettings(pool.poolId(), pool.effectiveRegion(), pool.filter().orElse(null));
    }

    @GET
    @Path("/runs")
    @Operation(summary = "Recent runs, newest first",
            description = "The last runs kept in memory (at most 20), without their failures; see /sync/runs/{id}/failures.")
    public List<ApiTypes.RunSummary> runs() {
        return syncService.recent().stream().map(run -> mapper.summary(run.summary())).toList();
    }

    @GET
    @Path("/runs/{id}")
    @Operation(summary = "One run, with its kept failures")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ApiTypes.Run.class)))
    @APIResponse(responseCode = "404", description = "No such run among the recent ones",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ApiTypes.Run run(@PathParam("id") String id, @Context UriInfo uri) {
        return mapper.run(recentRun(id, uri).snapshot());
    }

    /**
     * @param totalItems     the items the filters match (all the kept items without filters), which the pages cover
     * @param itemsNote      why some or all of the plan's items are not kept; null when all are
     * @param itemsTruncated more items were planned than are kept; the summary still counts them all
     * @param signIn         the users with identities to link or not linkable, MFA settings, or TOTP to re-enrol, paged
     *                       like the items
     */
    public record PlanPage(String runId, boolean dryRun, ApiTypes.PlanSummary summary, int page, int size,
            int totalItems, List<ApiTypes.PlanItem> items, String itemsNote, boolean itemsTruncated, int totalSignIn,
            List<ApiTypes.SignInItem> signIn) {
    }

    @GET
    @Path("/runs/{id}/plan")
    @Operation(summary = "A run's plan, a page at a time",
            description = "Its summary, and the items that create, update, remove, skip or are in CONFLICT (a target user "
                    + "poolsync may not write to holds the user's match key), optionally only those of one action and "
                    + "whose username or source username contains a text. 409 until the run has planned.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = PlanPage.class)))
    @APIResponse(responseCode = "404", description = "No such run among the recent ones",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public PlanPage plan(@PathParam("id") String id,
            @Parameter(description = "0-based") @QueryParam("page") @DefaultValue("0") String page,
            @Parameter(description = "1 to 1000") @QueryParam("size") @DefaultValue("100") String size,
            @Parameter(description = ItemFilter.ACTION_DOC) @QueryParam("action") String action,
            @Parameter(description = ItemFilter.USERNAME_DOC) @QueryParam("username") String username,
            @Context UriInfo uri) {
        Paging paging = Paging.parse(page, size, uri);
        ItemFilter filter = ItemFilter.parse(action, username, uri);
        SyncRun run = recentRun(id, uri);
        PlanReport plan = run.plan().orElseThrow(() -> new WebApplicationException(Problem.response(409,
                "run " + id + " has not planned yet: it is " + run.phase(), uri.getPath(), null)));
        List<PlanReport.Item> items = plan.items().stream()
                .filter(item -> filter.matches(item.action(), item.username(), item.sourceUsername())).toList();
        return new PlanPage(id, run.dryRun(), mapper.planSummary(plan.summary()), paging.page(), paging.size(),
                items.size(), mapper.planItems(paging.slice(items)), plan.itemsNote(), plan.itemsNote() != null,
                plan.signIn().size(), mapper.signInItems(paging.slice(plan.signIn())));
    }

    /**
     * @param totalFailures    every failure of the run, as counted
     * @param keptFailures     the failures kept for reading back (all of them up to 2,000, for the newest runs)
     * @param matchingFailures the kept failures the filters match (all kept ones without filters), which the pages cover
     */
    public record FailurePage(String runId, int page, int size, long totalFailures, int keptFailures,
            List<ApiTypes.Failure> items, int matchingFailures) {
    }

    @GET
    @Path("/runs/{id}/failures")
    @Operation(summary = "A run's failures, a page at a time",
            description = "Each with the target and source username, the action, Cognito's error code and message; "
                    + "optionally only those of one action and whose username or source username contains a text.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = FailurePage.class)))
    @APIResponse(responseCode = "404", description = "No such run among the recent ones",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public FailurePage failures(@PathParam("id") String id,
            @Parameter(description = "0-based") @QueryParam("page") @DefaultValue("0") String page,
            @Parameter(description = "1 to 1000") @QueryParam("size") @DefaultValue("100") String size,
            @Parameter(description = ItemFilter.ACTION_DOC) @QueryParam("action") String action,
            @Parameter(description = ItemFilter.USERNAME_DOC) @QueryParam("username") String username,
            @Context UriInfo uri) {
        Paging paging = Paging.parse(page, size, uri);
        ItemFilter filter = ItemFilter.parse(action, username, uri);
        SyncRun run = recentRun(id, uri);
        int kept = run.keptFailures();
        List<SyncRun.Failure> matching = run.failures(0, kept).stream()
                .filter(failure -> filter.matches(failure.action(), failure.username(), failure.sourceUsername()))
                .toList();
        return new FailurePage(id, paging.page(), paging.size(), run.counters().get(RunCounter.FAILED), kept,
                mapper.failures(paging.slice(matching)), matching.size());
    }

    /** 400 for an id that can't be a run's, 404 for one not among the recent runs. */
    private SyncRun recentRun(String id, UriInfo uri) {
        if (!isRunId(id)) {
            throw new WebApplicationException(Problem.response(Response.Status.BAD_REQUEST,
                    "a run id is a UUID, like 0b6f9ac2-6a56-4c55-9f0e-2f8e4d7a1c3b", uri.getPath()));
        }
        return syncService.find(id).orElseThrow(() -> new WebApplicationException(Problem.response(
                Response.Status.NOT_FOUND, "no run " + id + " among the recent runs", uri.getPath())));
    }

    static boolean isRunId(String id) {
        try {
            return UUID.fromString(id).toString().equals(id);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** page and size as given in a query, checked: 400 when they are not numbers in range. */
    record Paging(int page, int size) {
        static Paging parse(String page, String size, UriInfo uri) {
            try {
                Paging paging = new Paging(Integer.parseInt(page), Integer.parseInt(size));
                if (paging.page() >= 0 && paging.size() >= 1 && paging.size() <= MAX_PAGE_SIZE) {
                    return paging;
                }
            } catch (NumberFormatException e) {
                // answered below, like a number out of range
            }
            throw new WebApplicationException(Problem.response(Response.Status.BAD_REQUEST,
                    "page must be a whole number from 0, size one from 1 to " + MAX_PAGE_SIZE, uri.getPath()));
        }

        <T> List<T> slice(List<T> items) {
            int from = (int) Math.min((long) page * size, items.size());
            return items.subList(from, Math.min(from + size, items.size()));
        }
    }
}
