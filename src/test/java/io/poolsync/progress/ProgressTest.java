package io.poolsync.progress;

import static io.poolsync.testing.SyncApi.authorized;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.poolsync.testing.Backend;
import io.poolsync.testing.InjectBackend;
import io.poolsync.testing.Poll;
import io.poolsync.testing.SyncApi;
import io.poolsync.testing.TestLog;
import io.poolsync.testing.TestPools;
import io.poolsync.testing.WithPools;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * GET /progress while a run goes on: counts that move and never go back, and current rates; at the end a summary
 * whose counts add up. (cognito-local estimates every pool at 0 users, so scans have no total and no ETA here; the
 * packaged-application test, against the fake, sees them.) The user-creation rate is held low so the run lasts long enough to watch (about 8 s:
 * seven one-second samples in the series).
 */
@QuarkusTest
@WithPools(args = {
        @ResourceArg(name = "poolsync.rate-limits.user-creation", value = "16"),
        @ResourceArg(name = "poolsync.progress.log-interval", value = "2s") })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProgressTest {

    static final int USERS = 120;

    @InjectBackend
    Backend<TestPools> backend;

    @BeforeAll
    void seedSource() {
        for (int i = 0; i < USERS; i++) {
            backend.pools().addUser(backend.sourcePoolId(), "user-" + i, Map.of("email", "user-" + i + "@example.com"), true);
        }
    }

    @Test
    void progressMovesDuringARunAndAddsUpAtTheEnd() throws IOException {
        String runId = SyncApi.start();
        List<JsonPath> seen = new ArrayList<>();
        Poll.until(Duration.ofMinutes(3), () -> {
            JsonPath progress = authorized().get("/progress").then().statusCode(200).extract().jsonPath();
            seen.add(progress);
            return progress;
        }, progress -> !progress.getBoolean("running"), "the run to finish");

        List<JsonPath> during = seen.stream().filter(p -> p.getBoolean("running")).toList();
        assertThat(during).allSatisfy(p -> assertThat(p.getString("current.id")).isEqualTo(runId));
        List<Long> written = during.stream().map(p -> phaseCount(p, "APPLYING")).toList();
        assertThat(written).as("users written, as seen").isSorted();
        assertThat(written.stream().filter(n -> n > 0 && n < USERS).distinct().count())
                .as("distinct partial counts of users written: the count moves").isGreaterThanOrEqualTo(3);
        for (String counter : List.of("targetScanned", "sourceScanned", "created", "plannedWrites")) {
            assertThat(during.stream().map(p -> p.getLong("current.counters." + counter)).toList()).as(counter).isSorted();
        }
        assertThat(during).as("a current rate of user writes and of the user-creation quota").anySatisfy(p -> {
            assertThat(number(p, "current.phases.find { it.phase == 'APPLYING' }.ratePerSecond")).isPositive();
            assertThat(number(p, "quotas.find { it.category == 'user-creation' }.ratePerSecond")).isBetween(0.1, 16.5);
        });
        assertThat(during.get(during.size() / 2).getList("current.phases.phase"))
                .containsExactly("SCANNING_TARGET", "SCANNING_SOURCE", "APPLYING");

        JsonPath last = seen.get(seen.size() - 1);
        assertThat(last.getString("lastFinished.id")).isEqualTo(runId);
        assertThat(last.getString("lastFinished.phase")).isEqualTo("DONE");
        assertThat(last.getDouble("lastFinished.durationSeconds")).isPositive();
        Map<String, Integer> counters = last.getMap("lastFinished.counters");
        assertThat(counters).containsEntry("sourceScanned", USERS).containsEntry("created", USERS)
                .containsEntry("plannedWrites", USERS).containsEntry("failed", 0);
        assertThat(counters.get("created") + counters.get("updated") + counters.get("unchanged") + counters.get("skipped")
                + counters.get("failed")).as("every scanned user has one outcome").isEqualTo(counters.get("sourceScanned"));
        Map<String, Integer> plannedUsers = last.getMap("lastFinished.plan.users");
        assertThat(plannedUsers).containsEntry("CREATE", USERS);
        assertThat(plannedUsers.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(counters.get("sourceScanned"));
        assertThat(last.getLong("quotas.find { it.category == 'user-creation' }.calls")).isGreaterThanOrEqualTo(USERS);
        assertThat(last.getString("quotas.find { it.category == 'user-creation' }.limitSource")).isEqualTo("configured");
        assertThat(last.getDouble("quotas.find { it.category == 'user-creation' }.categoryLimitPerSecond")).isEqualTo(16.0);
        // cognito-local doesn't know GetProvisionedLimit: the adjustable UserRead keeps Cognito's default.
        assertThat(last.getString("quotas.find { it.category == 'user-read' }.limitSource")).isEqualTo("default");
        assertThat(last.getDouble("quotas.find { it.category == 'user-read' }.categoryLimitPerSecond")).isEqualTo(120.0);

        // The run over time, as the status page charts it: writes at the user-creation limit, and the limit itself.
        JsonPath series = authorized().get("/progress/series").then().statusCode(200).extract().jsonPath();
        assertThat(series.getString("runId")).isEqualTo(runId);
        assertThat(series.getBoolean("running")).isFalse();
        List<Map<String, Object>> points = series.getList("points");
        assertThat(points).hasSizeGreaterThanOrEqualTo(5);
        assertThat(series.getList("points.elapsedSeconds", Float.class)).isSorted();
        List<Float> elapsed = series.getList("points.elapsedSeconds", Float.class);
        List<Float> writeRates = series.getList("points.usersWrittenPerSecond", Float.class);
        assertThat(writeRates.stream().filter(rate -> rate != null && rate > 1)).as("points at which users were written")
                .hasSizeGreaterThanOrEqualTo(3);
        double writtenInSeries = 0;
        for (int i = 1; i < writeRates.size(); i++) {
            writtenInSeries += writeRates.get(i) * (elapsed.get(i) - elapsed.get(i - 1));
        }
        assertThat(writtenInSeries).as("every write is in the series: rates times intervals add up to them").isCloseTo(USERS,
                within(1.0));
        assertThat(series.getList("points[-1].quotas.findAll { it.category == 'user-creation' }.limitPerSecond", Float.class))
                .as("poolsync's own rate: 97% of the configured 16 a second").containsExactly(15.52f);
        assertThat(series.getList("points[-1].quotas.category", String.class)).doesNotContain("user-pool-resource-update");
        assertThat(series.getList("points.etaSeconds", Float.class)).as("the ETA over time").anySatisfy(
                eta -> assertThat(eta).isNotNull());

        JsonPath failures = authorized().get("/sync/runs/" + runId + "/failures").then().statusCode(200).extract().jsonPath();
        assertThat(failures.getLong("totalFailures")).isZero();
        assertThat(failures.getList("items")).isEmpty();

        String log = TestLog.read();
        // Users to create are written in APPLYING, after the source scan: progress lines come from either phase.
        assertThat(log.lines().filter(line -> line.contains("run " + runId + " SCANNING_")
                || line.contains("run " + runId + " APPLYING")))
                .as("progress lines during the run").isNotEmpty()
                .allSatisfy(line -> assertThat(line).contains("elapsed:", "source scanned", "/s", "ETA"));
        assertThat(log.lines().filter(line -> line.contains("run finished runId=" + runId)))
                .singleElement().satisfies(line -> assertThat(line).contains("trigger=API phase=DONE dryRun=false",
                        "sourceScanned=" + USERS, "created=" + USERS, "failed=0"));
    }

    /** A number that may be null (not known yet): null fails the assertion rather than the test's code. */
    private static Double number(JsonPath progress, String path) {
        Number value = progress.get(path);
        assertThat(value).as(path).isNotNull();
        return value.doubleValue();
    }

    private static long phaseCount(JsonPath progress, String phase) {
        return progress.getLong("current.phases.find { it.phase == '" + phase + "' }.count");
    }
}
