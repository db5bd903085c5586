package io.poolsync.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.poolsync.testing.Backend;
import io.poolsync.testing.InjectBackend;
import io.poolsync.testing.SyncApi;
import io.poolsync.testing.WithPools;
import io.poolsync.testing.WithPools.Cognito;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;

/**
 * The daemon loads an empty target through import jobs in the fake: the users split over several jobs (25 a job), the
 * fake fails a tenth of the lines as Cognito's per-user internal error, and the follow-up pass applies disabled flags
 * and memberships and creates through the API whoever the jobs left out. The target's stored users are checked.
 */
@QuarkusTest
@WithPools(cognito = Cognito.FAKE, seed = ImportJobPools.Seed.class, args = {
        @ResourceArg(name = "users", value = "90"),
        @ResourceArg(name = "poolsync.bulk.max-users-per-job", value = "25") })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ImportJobSyncTest {

    @InjectBackend
    Backend<ImportJobPools> backend;

    @Test
    @Order(1)
    void anEmptyTargetIsLoadedThroughImportJobsAndCompletedByTheFollowUpPass() {
        ImportJobPools pools = backend.pools();
        pools.fake.importFaultRate(0.1);

        JsonPath run = SyncApi.sync();

        assertThat(run.getString("phase")).as(run.prettify()).isEqualTo("DONE");
        assertThat(run.getLong("counters.failed")).as("failures: %s", run.getList("failures")).isZero();
        // The follow-up pass read both pools again; the run counts each user once.
        assertThat(run.getLong("counters.sourceScanned")).isEqualTo(pools.users);
        assertThat(run.getLong("counters.targetScanned")).isZero();
        assertThat(pools.differences(20)).as("target vs source").isEmpty();

        long inFiles = pools.users - pools.leftToApi();
        List<Map<String, Object>> jobs = run.getList("bulkImport.jobs");
        assertThat(jobs).hasSize((int) Math.ceil(inFiles / 25.0));
        assertThat(jobs).extracting(job -> job.get("status")).containsOnly("Succeeded");
        assertThat(jobs).extracting(job -> job.get("users")).containsExactly(25, 25, 25, (int) inFiles - 75);
        long imported = run.getLong("bulkImport.imported");
        long failed = run.getLong("bulkImport.failed");
        assertThat(run.getLong("bulkImport.usersInFiles")).isEqualTo(inFiles);
        assertThat(imported + failed).isEqualTo(inFiles);
        assertThat(failed).as("lines the fake failed").isPositive();
        assertThat(run.getLong("bulkImport.skipped")).isZero();
        assertThat(run.getMap("bulkImport.leftToApi", String.class, Integer.class)).containsOnly(
                Map.entry("no verified email: an imported user resets its password through a verified auto-verified "
                        + "attribute", 6),
                Map.entry("given_name holds a line break, backslash, double quote or surrounding blank, which an import "
                        + "line can't carry exactly", 1));
        String logGroup = "/aws/cognito/userpools/" + pools.target + "/target";
        assertThat(run.getString("bulkImport.cloudWatchLogGroup")).isEqualTo(logGroup);
        assertThat(run.getString("bulkImport.note")).contains("RESET_REQUIRED", logGroup);

        // Imported users wait for a password reset; AdminCreateUser made the rest CONFIRMED (confirmed mode).
        assertThat(pools.targetUsersIn(UserStatusType.RESET_REQUIRED)).isEqualTo(imported);
        assertThat(pools.targetUsersIn(UserStatusType.CONFIRMED)).isEqualTo(pools.leftToApi() + failed);
        assertThat(run.getLong("counters.created")).isEqualTo(pools.leftToApi() + failed);
        assertThat(pools.fake.stats().calls("AdminCreateUser")).isEqualTo(pools.leftToApi() + failed);
        assertThat(pools.fake.stats().calls("CreateUserImportJob")).isEqualTo(jobs.size());
        // What a CSV can't carry came in the follow-up pass.
        assertThat(run.getLong("counters.disabled")).isEqualTo(9);
        assertThat(run.getLong("counters.membershipsAdded")).isEqualTo(
                pools.fake.groupMembers(pools.source, "admins").size() + pools.fake.groupMembers(pools.source, "staff").size());
    }

    @Test
    @Order(2)
    void theNextRunFindsTheTargetInStepAndImportsNothing() {
        ImportJobPools pools = backend.pools();
        JsonPath run = SyncApi.sync();

        assertThat(run.getString("phase")).as(run.prettify()).isEqualTo("DONE");
        assertThat(run.getLong("counters.unchanged")).isEqualTo(pools.users);
        assertThat(run.getLong("counters.created") + run.getLong("counters.updated")).isZero();
        assertThat(run.getMap("bulkImport")).isNull();
    }
}
