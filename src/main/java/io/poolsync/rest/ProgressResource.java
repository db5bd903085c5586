package io.poolsync.rest;

import java.util.List;

import io.poolsync.sync.SyncRun;
import io.poolsync.sync.SyncService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The run in progress, if any, and the last finished one. */
@Path("/progress")
@Produces(MediaType.APPLICATION_JSON)
public class ProgressResource {

    private final SyncService syncService;

    public ProgressResource(SyncService syncService) {
        this.syncService = syncService;
    }

    public record Progress(boolean running, SyncRun.Snapshot current, SyncRun.Snapshot lastFinished) {
    }

    @GET
    public Progress progress() {
        List<SyncRun> runs = syncService.recent();
        SyncRun current = runs.stream().filter(run -> !run.finished()).findFirst().orElse(null);
        SyncRun last = runs.stream().filter(SyncRun::finished).findFirst().orElse(null);
        return new Progress(current != null, current == null ? null : current.snapshot(),
                last == null ? null : last.snapshot());
    }
}
