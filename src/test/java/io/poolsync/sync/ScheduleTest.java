package io.poolsync.sync;

import static io.poolsync.testing.SyncApi.authorized;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.poolsync.testing.Backend;
import io.poolsync.testing.InjectBackend;
import io.poolsync.testing.Poll;
import io.poolsync.testing.TestPools;
import io.poolsync.testing.WithPools;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** The run at start-up and the cron schedule, sharing one lock with each other and with the REST API. */
@QuarkusTest
@WithPools(args = {
        @ResourceArg(name = "poolsync.schedule.cron", value = "* * * * * ?"),
        @ResourceArg(name = "poolsync.schedule.run-on-start", value = "true") })
class ScheduleTest {

    @InjectBackend
    Backend<TestPools> backend;

    @Test
    void runsAtStartAndOnTheScheduleOneAtATime() {
        backend.pools().addUser(backend.sourcePoolId(), "scheduled", Map.of("email", "scheduled@example.com"), true);

        List<Map<String, Object>> runs = Poll.until(Duration.ofSeconds(60),
                () -> authorized().get("/sync/runs").then().statusCode(200).extract().jsonPath().<Map<String, Object>>getList("$"),
                found -> found.stream().filter(run -> "SCHEDULE".equals(run.get("trigger"))).filter(run -> "DONE".equals(run.get("phase")))
                        .count() >= 2,
                "two finished scheduled runs");

        assertThat(runs).anySatisfy(run -> assertThat(run).containsEntry("trigger", "STARTUP"));
        List<Map<String, Object>> finished = runs.stream().filter(run -> run.get("finishedAt") != null)
                .sorted(Comparator.comparing(run -> Instant.parse((String) run.get("startedAt")))).toList();
        for (int i = 1; i < finished.size(); i++) {
            Instant previousEnd = Instant.parse((String) finished.get(i - 1).get("finishedAt"));
            Instant start = Instant.parse((String) finished.get(i).get("startedAt"));
            assertThat(start).as("runs never overlap").isAfterOrEqualTo(previousEnd);
        }
        assertThat(backend.pools().users(backend.targetPoolId())).containsKey("scheduled");
    }
}
