package io.poolsync.rest;

import static io.poolsync.testing.SyncApi.authorized;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.net.URL;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.poolsync.testing.CognitoLocalResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The API's edges: the bearer token, problem bodies for malformed requests, and the management port's endpoints that
 * need no token.
 */
@QuarkusTest
@QuarkusTestResource(value = CognitoLocalResource.class, restrictToAnnotatedClass = true)
class ApiSecurityTest {

    @TestHTTPResource(value = "/health", management = true)
    URL health;

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @Test
    void everyApiCallNeedsTheToken() {
        for (String path : new String[] {"/progress", "/progress/series", "/sync/settings", "/sync/runs",
                "/sync/runs/" + UUID.randomUUID(),
                "/sync/runs/" + UUID.randomUUID() + "/failures"}) {
            unauthorized(given().get(path), path);
            unauthorized(given().auth().oauth2("wrong").get(path), path);
            // The right length and prefix, one character off: still refused.
            unauthorized(given().auth().oauth2(CognitoLocalResource.API_TOKEN.replace('a', 'b')).get(path), path);
            unauthorized(given().auth().basic("poolsync", CognitoLocalResource.API_TOKEN).get(path), path);
        }
        unauthorized(given().post("/sync"), "/sync");

        authorized().get("/progress").then().statusCode(200).body("running", equalTo(false));
        authorized().get("/sync/runs").then().statusCode(200);
        // The scheme is case-insensitive (RFC 7235).
        given().header("Authorization", "bearer " + CognitoLocalResource.API_TOKEN).get("/progress").then().statusCode(200);
    }

    private static void unauthorized(Response response, String path) {
        response.then().statusCode(401)
                .contentType(Problem.MEDIA_TYPE)
                .header("WWW-Authenticate", "Bearer realm=\"poolsync\"")
                .body("status", equalTo(401))
                .body("title", equalTo("Unauthorized"))
                .body("detail", containsString("bearer token"))
                .body("instance", equalTo(path))
                .body(not(containsString(CognitoLocalResource.API_TOKEN)));
    }

    @Test
    void malformedRequestsGetProblemBodiesNeverAStackTrace() {
        badRequest(authorized().get("/sync/runs/not-a-run-id"), "/sync/runs/not-a-run-id", "a run id is a UUID");
        String unknownRun = UUID.randomUUID().toString();
        badRequest(authorized().get("/sync/runs/" + unknownRun.toUpperCase()), null, "a run id is a UUID");
        badRequest(authorized().queryParam("page", "x").get("/sync/runs/" + unknownRun + "/failures"), null,
                "page must be a whole number");
        badRequest(authorized().queryParam("size", "0").get("/sync/runs/" + unknownRun + "/failures"), null,
                "size one from 1 to 1000");
        badRequest(authorized().queryParam("size", "99999999999").get("/sync/runs/" + unknownRun + "/plan"), null,
                "page must be a whole number");
        badRequest(authorized().queryParam("dryRun", "yes").post("/sync"), "/sync", "dryRun must be true or false");
        // A typo must not start a run that writes.
        badRequest(authorized().queryParam("dryrun", "true").post("/sync"), "/sync", "unknown query parameter 'dryrun'");
        badRequest(authorized().queryParam("limit", "5").get("/progress"), "/progress", "it takes none");
        authorized().get("/sync/runs").then().statusCode(200).body("size()", equalTo(0));

        authorized().get("/sync/runs/" + unknownRun).then().statusCode(404).contentType(Problem.MEDIA_TYPE)
                .body("detail", equalTo("no run " + unknownRun + " among the recent runs"));
        authorized().get("/sync/runs/" + unknownRun + "/failures").then().statusCode(404).contentType(Problem.MEDIA_TYPE);
        authorized().delete("/sync").then().statusCode(405).contentType(Problem.MEDIA_TYPE).body("status", equalTo(405));
    }

    private static void badRequest(Response response, String instance, String detail) {
        var then = response.then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("about:blank"))
                .body("title", equalTo("Bad Request"))
                .body("status", equalTo(400));
        if (instance != null) {
            then.body("instance", equalTo(instance));
        }
        if (detail != null) {
            then.body("detail", containsString(detail));
        }
        String body = response.asString();
        assertThat(body).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("io.poolsync.");
    }

    @Test
    void healthAndMetricsAreOnTheManagementPortWithoutAToken() {
        given().get(health + "/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get(health + "/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get(health + "/group/freshness").then().statusCode(200)
                .body("checks.find { it.name == 'sync-freshness' }.data.state", equalTo("fresh"))
                .body("checks.find { it.name == 'sync-freshness' }.data.lastSuccessAt", equalTo("none since start-up"));
        given().get(metrics.toString()).then().statusCode(200).body(containsString("poolsync_phase{phase=\"IDLE\"} 1.0"));
        // Not on the API port, which can stay private.
        given().get("/q/health/live").then().statusCode(404);
        given().get("/q/metrics").then().statusCode(404);
    }

    @Test
    void theApiDescribesItselfAndTheStatusPageIsServed() {
        String openApi = given().accept("application/json").get("/q/openapi").then().statusCode(200).extract().asString();
        assertThat(openApi).contains("\"/progress\"", "\"/progress/series\"", "\"/sync/settings\"", "\"action\"",
                "\"username\"", "\"/sync/runs/{id}/failures\"", "\"bearer\"", "RunProgress",
                "PhaseProgress", "application/problem+json");
        given().get("/").then().statusCode(200).contentType(containsString("text/html")).body(containsString("status.js"));
        // The charting library comes from its webjar, served by poolsync itself at the path index.html names.
        String page = given().get("/").then().extract().asString();
        Matcher uplot = Pattern.compile("webjars/uplot/[0-9.]+/dist/uPlot\\.iife\\.min\\.js")
                .matcher(page);
        assertThat(uplot.find()).as("index.html loads uPlot from /webjars/").isTrue();
        given().get("/" + uplot.group()).then().statusCode(200).body(containsString("uPlot"));
    }
}
