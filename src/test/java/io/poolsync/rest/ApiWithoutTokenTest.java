package io.poolsync.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.poolsync.testing.Backend;
import io.poolsync.testing.InjectBackend;
import io.poolsync.testing.Poll;
import io.poolsync.testing.TestLog;
import io.poolsync.testing.TestPools;
import io.poolsync.testing.WithPools;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** With no poolsync.api.token the on-demand API refuses every call, saying why; the schedule still runs. */
@QuarkusTest
@WithPools(args = {
        @ResourceArg(name = "poolsync.api.token", value = ""),
        @ResourceArg(name = "poolsync.schedule.cron", value = "* * * * * ?") })
class ApiWithoutTokenTest {

    @InjectBackend
    Backend<TestPools> backend;

    @Test
    void everyOnDemandCallIsRefusedWithTheReason() {
        for (String path : new String[] {"/progress", "/progress/series", "/sync/settings", "/sync/runs"}) {
            refused(given().get(path));
            refused(given().auth().oauth2("anything").get(path));
            // An empty bearer token must not match the empty setting.
            refused(given().header("Authorization", "Bearer ").get(path));
        }
        refused(given().post("/sync"));
    }

    private static void refused(io.restassured.response.Response response) {
        response.then().statusCode(403).contentType(Problem.MEDIA_TYPE).body("status", equalTo(403))
                .body("detail", equalTo(ApiTokenFilter.NOT_CONFIGURED));
    }

    @Test
    void startUpSaysWhyAndScheduledSyncsStillRun() throws IOException {
        backend.pools().addUser(backend.sourcePoolId(), "scheduled", Map.of("email", "scheduled@example.com"), true);

        Poll.until(Duration.ofSeconds(60), () -> backend.pools().users(backend.targetPoolId()),
                users -> users.containsKey("scheduled"), "a scheduled run to copy the user");

        assertThat(TestLog.read())
                .contains("poolsync.api.token is not set (e.g. POOLSYNC_API_TOKEN from a Secret); scheduled syncs still run: "
                        + "every API call is answered 403");
    }
}
