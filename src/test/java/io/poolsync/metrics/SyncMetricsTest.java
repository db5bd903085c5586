package io.poolsync.metrics;

import static io.poolsync.testing.SyncApi.authorized;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.poolsync.testing.Backend;
import io.poolsync.testing.InjectBackend;
import io.poolsync.testing.Poll;
import io.poolsync.testing.SyncApi;
import io.poolsync.testing.TestPools;
import io.poolsync.testing.WithPools;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Prometheus metrics after runs, and the freshness health group going stale, fresh, and stale again; the runs list
 * newest first.
 */
@QuarkusTest
@WithPools(args = {
        @ResourceArg(name = "poolsync.freshness.max-age", value = "2s") })
class SyncMetricsTest {

    static final int USERS = 5;

    @InjectBackend
    Backend<TestPools> backend;

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @TestHTTPResource(value = "/health/group/freshness", management = true)
    URL freshness;

    @Test
    void runsShowInMetricsAndFreshness() {
        Poll.until(Duration.ofSeconds(30), this::freshness, check -> check.getString("status").equals("DOWN"),
                "no successful sync within max-age of start-up to read stale");
        assertThat(freshness().getString("checks[0].data.state")).isEqualTo("stale");

        for (int i = 0; i < USERS; i++) {
            backend.pools().addUser(backend.sourcePoolId(), "user-" + i, Map.of("email", "user-" + i + "@example.com"), true);
        }
        JsonPath run = SyncApi.sync();
        assertThat(run.getString("phase")).isEqualTo("DONE");

        JsonPath fresh = freshness();
        assertThat(fresh.getString("status")).isEqualTo("UP");
        assertThat(fresh.getString("checks[0].data.state")).isEqualTo("fresh");
        assertThat(Instant.parse(fresh.getString("checks[0].data.lastSuccessAt"))).isEqualTo(run.getString("finishedAt"));

        String scrape = scrape();
        assertThat(sample(scrape, "poolsync_users_total{action=\"create\",outcome=\"success\"}")).isEqualTo(USERS);
        assertThat(sample(scrape, "poolsync_users_total{action=\"create\",outcome=\"failure\"}")).isZero();
        assertThat(sample(scrape, "poolsync_users_total{action=\"none\",outcome=\"unchanged\"}")).isZero();
        assertThat(sample(scrape, "poolsync_cognito_calls_total{category=\"user-creation\",operation=\"AdminCreateUser\"}"))
                .isGreaterThanOrEqualTo(USERS);
        assertThat(sample(scrape, "poolsync_cognito_calls_total{category=\"user-account-recovery\",operation=\"AdminSetUserPassword\"}"))
                .isGreaterThanOrEqualTo(USERS);
        // cognito-local doesn't know GetProvisionedLimit: Cognito's defaults stand, and say so.
        assertThat(sample(scrape, "poolsync_quota_limit{budget=\"shared\",category=\"user-read\",source=\"default\"}"))
                .isEqualTo(120);
        assertThat(sample(scrape, "poolsync_quota_rate{budget=\"shared\",category=\"user-account-recovery\"}"))
                .isCloseTo(30 * 0.97, within(0.001));
        assertThat(sample(scrape, "poolsync_cognito_throttles_total{category=\"user-creation\",operation=\"AdminCreateUser\"}"))
                .isZero();
        assertThat(sample(scrape, "poolsync_run_duration_seconds_count{dry_run=\"false\",outcome=\"done\"}")).isEqualTo(1);
        assertThat(sample(scrape, "poolsync_last_success_timestamp_seconds"))
                .isCloseTo(Instant.parse(run.getString("finishedAt")).toEpochMilli() / 1000.0, within(0.01));
        assertThat(sample(scrape, "poolsync_phase{phase=\"IDLE\"}")).isEqualTo(1);
        assertThat(sample(scrape, "poolsync_phase{phase=\"SCANNING_SOURCE\"}")).isZero();

        // A second run finds every user unchanged; a dry run counts no users at all.
        String second = SyncApi.sync().getString("id");
        String dry = authorized().queryParam("dryRun", "true").post("/sync").then().statusCode(202).extract().path("id");
        SyncApi.awaitFinished(dry);
        assertThat(authorized().get("/sync/runs").then().statusCode(200).extract().jsonPath().getList("id", String.class))
                .as("recent runs, newest first").containsExactly(dry, second, run.getString("id"));
        scrape = scrape();
        assertThat(sample(scrape, "poolsync_users_total{action=\"create\",outcome=\"success\"}")).isEqualTo(USERS);
        assertThat(sample(scrape, "poolsync_users_total{action=\"none\",outcome=\"unchanged\"}")).isEqualTo(USERS);
        assertThat(sample(scrape, "poolsync_run_duration_seconds_count{dry_run=\"false\",outcome=\"done\"}")).isEqualTo(2);
        assertThat(sample(scrape, "poolsync_run_duration_seconds_count{dry_run=\"true\",outcome=\"done\"}")).isEqualTo(1);

        Poll.until(Duration.ofSeconds(30), this::freshness, check -> check.getString("status").equals("DOWN"),
                "the last success to grow older than max-age");
    }

    private JsonPath freshness() {
        // 503 while DOWN, like every health endpoint.
        return given().get(freshness.toString()).then().extract().jsonPath();
    }

    private String scrape() {
        return given().get(metrics.toString()).then().statusCode(200).extract().asString();
    }

    /** The value of one series in a Prometheus scrape. */
    private static double sample(String scrape, String series) {
        return scrape.lines().filter(line -> line.startsWith(series + " ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(series.length() + 1).trim()))
                .orElseThrow(() -> new AssertionError("no series " + series + " in\n" + scrape.lines()
                        .filter(line -> line.startsWith("poolsync_")).reduce("", (a, b) -> a + b + "\n")));
    }
}
