package io.poolsync.testing;

import static io.restassured.RestAssured.given;

import java.time.Duration;

import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/** poolsync's REST API as a pipeline would call it. */
public final class SyncApi {

    /** The API token every {@link WithPools} test's poolsync is configured with. */
    public static final String API_TOKEN = "test-api-token-7f3a";

    private SyncApi() {
    }

    public static RequestSpecification authorized() {
        return given().auth().oauth2(API_TOKEN);
    }

    /** Starts a run and returns its id. */
    public static String start() {
        return authorized().post("/sync").then().statusCode(202).extract().path("id");
    }

    /** Waits for the run to finish and returns its final report. */
    public static JsonPath awaitFinished(String runId) {
        return Poll.until(Duration.ofMinutes(3),
                () -> authorized().get("/sync/runs/" + runId).then().statusCode(200).extract().jsonPath(),
                run -> run.getString("phase").equals("DONE") || run.getString("phase").equals("FAILED"),
                "run " + runId + " to finish");
    }

    /** Starts a run, waits for it, and returns its report. */
    public static JsonPath sync() {
        return awaitFinished(start());
    }
}
