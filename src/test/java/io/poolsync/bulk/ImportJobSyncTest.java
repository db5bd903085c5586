package io.poolsync.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import io.poolsync.sync.GatewayPass;
import io.poolsync.sync.RunCounter;
import io.poolsync.sync.SyncRun;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;

/**
 * The daemon loads an empty target through import jobs in the fake: the users split over several jobs (25 a job), the
 * fake fails a tenth of the lines as Cognito's per-user internal error, and the follow-up pass applies disabled flags
 * and memberships and creates through the API whoever the jobs left out. The target's stored users are checked.
 * poolsync runs the daemon's sync pass through its gateways ({@link GatewayPass}), without Quarkus; the second run
 * sees what the first left.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ImportJobSyncTest {

    @AutoClose
    final GatewayPass<ImportJobPools> poolsync = GatewayPass.onFake(new ImportJobPools.Seed(),
            "users", "90",
            "poolsync.bulk.max-users-per-job", "25");

    @Test
    @Order(1)
    void anEmptyTargetIsLoadedThroughImportJobsAndCompletedByTheFollowUpPass() throws InterruptedException {
        ImportJobPools pools = poolsync.pools();
        pools.fake.importFaultRate(0.1);

        SyncRun run = poolsync.run();

        SyncRun.Counters counters = run.counters();
        assertThat(run.phase()).as("%s", run.snapshot()).isEqualTo(SyncRun.Phase.DONE);
        assertThat(counters.get(RunCounter.FAILED)).as("failures: %s", run.snapshot().failures()).isZero();
        // The follow-up pass read both pools again; the run counts each user once.
        assertThat(counters.get(RunCounter.SOURCE_SCANNED)).isEqualTo(pools.users);
        assertThat(counters.get(RunCounter.TARGET_SCANNED)).isZero();
        assertThat(pools.differences(20)).as("target vs source").isEmpty();

        long inFiles = pools.users - pools.leftToApi();
        ImportReport bulkImport = run.bulkImport()
                .orElseThrow(() -> new AssertionError("no import jobs: " + run.snapshot()));
        List<ImportReport.Job> jobs = bulkImport.jobs();
        assertThat(jobs).hasSize((int) Math.ceil(inFiles / 25.0));
        assertThat(jobs).extracting(ImportReport.Job::status).containsOnly("Succeeded");
        assertThat(jobs).extracting(ImportReport.Job::users).containsExactly(25, 25, 25, (int) inFiles - 75);
        long imported = bulkImport.imported();
        long failed = bulkImport.failed();
        assertThat(bulkImport.usersInFiles()).isEqualTo(inFiles);
        assertThat(imported + failed).isEqualTo(inFiles);
        assertThat(failed).as("lines the fake failed").isPositive();
        assertThat(bulkImport.skipped()).isZero();
        assertThat(bulkImport.leftToApi()).containsOnly(
                Map.entry("no verified email: an imported user resets its password through a verified auto-verified "
                        + "attribute", 6L),
                Map.entry("given_name holds a line break, backslash, double quote or surrounding blank, which an import "
                        + "line can't carry exactly", 1L));
        String logGroup = "/aws/cognito/userpools/" + pools.target + "/target";
        assertThat(bulkImport.cloudWatchLogGroup()).isEqualTo(logGroup);
        assertThat(bulkImport.note()).contains("RESET_REQUIRED", logGroup);

        // Imported users wait for a password reset; AdminCreateUser made the rest CONFIRMED (confirmed mode).
        assertThat(pools.targetUsersIn(UserStatusType.RESET_REQUIRED)).isEqualTo(imported);
        assertThat(pools.targetUsersIn(UserStatusType.CONFIRMED)).isEqualTo(pools.leftToApi() + failed);
        assertThat(counters.get(RunCounter.CREATED)).isEqualTo(pools.leftToApi() + failed);
        assertThat(pools.fake.stats().calls("AdminCreateUser")).isEqualTo(pools.leftToApi() + failed);
        assertThat(pools.fake.stats().calls("CreateUserImportJob")).isEqualTo(jobs.size());
        // What a CSV can't carry came in the follow-up pass.
        assertThat(counters.get(RunCounter.DISABLED)).isEqualTo(9);
        assertThat(counters.get(RunCounter.MEMBERSHIPS_ADDED)).isEqualTo(
                pools.fake.groupMembers(pools.source, "admins").size() + pools.fake.groupMembers(pools.source, "staff").size());
    }

    @Test
    @Order(2)
    void theNextRunFindsTheTargetInStepAndImportsNothing() throws InterruptedException {
        ImportJobPools pools = poolsync.pools();
        SyncRun run = poolsync.run();

        SyncRun.Counters counters = run.counters();
        assertThat(run.phase()).as("%s", run.snapshot()).isEqualTo(SyncRun.Phase.DONE);
        assertThat(counters.get(RunCounter.UNCHANGED)).as("%s", counters).isEqualTo(pools.users);
        assertThat(counters.get(RunCounter.CREATED) + counters.get(RunCounter.UPDATED)).as("%s", counters).isZero();
        assertThat(run.bulkImport()).isEmpty();
    }
}
