package io.poolsync.rest;

import static io.poolsync.testing.SyncApi.authorized;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.poolsync.testing.Backend;
import io.poolsync.testing.InjectBackend;
import io.poolsync.testing.SyncApi;
import io.poolsync.testing.TestPools;
import io.poolsync.testing.WithPools;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The API's edges: the bearer token, problem bodies for malformed requests, and the management port's endpoints that
 * need no token.
 */
@QuarkusTest
@WithPools
class ApiSecurityTest {

    @InjectBackend
    Backend<TestPools> backend;

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
            unauthorized(given().auth().oauth2(SyncApi.API_TOKEN.replace('a', 'b')).get(path), path);
            unauthorized(given().auth().basic("poolsync", SyncApi.API_TOKEN).get(path), path);
        }
        unauthorized(given().post("/sync"), "/sync");

        authorized().get("/progress").then().statusCode(200).body("running", equalTo(false));
        authorized().get("/sync/runs").then().statusCode(200);
        // The scheme is case-insensitive (RFC 7235).
        given().header("Authorization", "bearer " + SyncApi.API_TOKEN).get("/progress").then().statusCode(200);
    }

    @Test
    void aResourceTheFilterDoesNotKnowNeedsTheTokenToo() {
        unauthorized(given().get("/unlisted-test-resource"), "/unlisted-test-resource");
        authorized().get("/unlisted-test-resource").then().statusCode(200).body(equalTo("served"));
        // What is not a resource needs none: the status page, its assets and the API's description.
        given().get("/").then().statusCode(200);
        given().get("/status.js").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200);
    }

    @Test
    void theApiPortSendsAContentSecurityPolicyAndNoSniffOnEveryAnswer() {
        for (Response response : new Response[] {given().get("/"), given().get("/status.js"), given().get("/status.css"),
                given().get("/q/openapi"), given().get("/progress"), authorized().get("/progress"),
                authorized().get("/sync/runs/not-a-run-id")}) {
            response.then()
                    .header("Content-Security-Policy", equalTo("default-src 'self'; frame-ancestors 'none'"))
                    .header("X-Content-Type-Options", equalTo("nosniff"));
        }
    }

    @Test
    void theManagementPortLetsNoOtherOriginReadItAndNamesNoPool() {
        for (String path : new String[] {"/ready", "/live", "/group/freshness"}) {
            given().header("Origin", "https://elsewhere.example").get(health + path).then()
                    .header("Access-Control-Allow-Origin", Matchers.nullValue());
        }
        given().header("Origin", "https://elsewhere.example").get(metrics.toString()).then()
                .header("Access-Control-Allow-Origin", Matchers.nullValue());
        // A browser's preflight is told nothing either, so it sends no request a page could have made with headers.
        for (String url : new String[] {health + "/ready", metrics.toString()}) {
            given().header("Origin", "https://elsewhere.example")
                    .header("Access-Control-Request-Method", "GET")
                    .header("Access-Control-Request-Headers", "authorization")
                    .options(url).then()
                    .header("Access-Control-Allow-Origin", Matchers.nullValue())
                    .header("Access-Control-Allow-Methods", Matchers.nullValue())
                    .header("Access-Control-Allow-Headers", Matchers.nullValue());
        }
        given().get(health + "/ready").then().statusCode(200)
                .body("checks.find { it.name == 'cognito-pools' }.data.source", equalTo("reachable"))
                .body(not(containsString(backend.sourcePoolId())), not(containsString(backend.targetPoolId())));
    }

    private static void unauthorized(Response response, String path) {
        response.then().statusCode(401)
                .contentType(Problem.MEDIA_TYPE)
                .header("WWW-Authenticate", "Bearer realm=\"poolsync\"")
                .body("status", equalTo(401))
                .body("title", equalTo("Unauthorized"))
                .body("detail", containsString("bearer token"))
                .body("instance", equalTo(path))
                .body(not(containsString(SyncApi.API_TOKEN)));
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
    void theApiDescribesItselfKeepingItsPromisesAndTheStatusPageIsServed() throws IOException {
        String openApi = given().accept("application/json").get("/q/openapi").then().statusCode(200).extract().asString();
        assertThat(openApi).contains("\"/progress\"", "\"/progress/series\"", "\"/sync/settings\"", "\"action\"",
                "\"username\"", "\"/sync/runs/{id}/failures\"", "\"bearer\"", "RunProgress",
                "PhaseProgress", "application/problem+json");

        // The snapshot holds the API's promise: fields and paths are only ever added. After an addition, refresh it
        // from the copy this test leaves in target/ (see README, REST API).
        Path current = Path.of("target", "openapi", "poolsync-openapi.json");
        Files.createDirectories(current.getParent());
        Files.writeString(current, openApi);
        Path snapshot = Path.of("src", "test", "resources", "openapi", "poolsync-openapi.json");
        assertThat(snapshot).as("the snapshot; start it from " + current).exists();
        ObjectMapper json = new ObjectMapper();
        assertThat(OpenApiCompatibility.broken(json.readTree(snapshot.toFile()), json.readTree(openApi)))
                .as("what /q/openapi no longer promises (compare %s with %s)", current, snapshot).isEmpty();
        given().get("/").then().statusCode(200).contentType(containsString("text/html")).body(containsString("status.js"));
        // The charting library comes from its webjar, served by poolsync itself at the path index.html names.
        String page = given().get("/").then().extract().asString();
        Matcher uplot = Pattern.compile("webjars/uplot/[0-9.]+/dist/uPlot\\.iife\\.min\\.js")
                .matcher(page);
        assertThat(uplot.find()).as("index.html loads uPlot from /webjars/").isTrue();
        given().get("/" + uplot.group()).then().statusCode(200).body(containsString("uPlot"));
    }
}
