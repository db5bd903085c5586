package io.poolsync.rest;

import static io.poolsync.testing.SyncApi.authorized;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.poolsync.testing.Backend;
import io.poolsync.testing.InjectBackend;
import io.poolsync.testing.SyncApi;
import io.poolsync.testing.TestPools;
import io.poolsync.testing.WithPools;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * A run's plan and failures filtered by action and username, a page at a time, and the settings a confirmation names.
 * The target signs in by email, so a source user whose email isn't an address fails and one without an email is skipped.
 */
@QuarkusTest
@WithPools(args = @ResourceArg(name = "targetSignIn", value = "email"))
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunItemFiltersTest {

    static final int MEMBERS = 12;

    @InjectBackend
    Backend<TestPools> backend;

    String runId;

    @BeforeAll
    void seedSource() {
        String source = backend.sourcePoolId();
        for (int i = 0; i < MEMBERS; i++) {
            backend.pools().addUser(source, "member" + i, Map.of("email", "member" + i + "@example.com"), true);
        }
        backend.pools().addUser(source, "no-email", Map.of("given_name", "Nomail"), true);
        // cognito-local, like Cognito, refuses an email-signing-in user whose email isn't an address.
        backend.pools().addUser(source, "Broken", Map.of("email", "not-an-address"), true);
    }

    /** One run for all the tests; in a BeforeEach, where the API's port is known. */
    @BeforeEach
    void syncOnce() {
        if (runId != null) {
            return;
        }
        JsonPath run = SyncApi.sync();
        assertThat(run.getLong("counters.failed")).isEqualTo(1);
        runId = run.getString("id");
    }

    @Test
    void thePlanIsFilteredByActionAndUsernameAndPagedOverWhatMatches() {
        JsonPath all = plan(Map.of());
        assertThat(all.getInt("totalItems")).isEqualTo(MEMBERS + 2);

        JsonPath skipped = plan(Map.of("action", "SKIP"));
        assertThat(skipped.getInt("totalItems")).isEqualTo(1);
        assertThat(skipped.getString("items[0].sourceUsername")).isEqualTo("no-email");
        assertThat(skipped.getString("items[0].reason")).contains("no email");

        // Case is ignored in both; the source username matches too.
        JsonPath member1 = plan(Map.of("action", "create", "username", "MEMBER1"));
        assertThat(member1.getList("items.sourceUsername", String.class)).containsExactlyInAnyOrder("member1", "member10",
                "member11");
        JsonPath secondPage = plan(Map.of("action", "CREATE", "username", "member", "size", "5", "page", "2"));
        assertThat(secondPage.getInt("totalItems")).isEqualTo(MEMBERS);
        assertThat(secondPage.getList("items")).hasSize(MEMBERS - 10);
        assertThat(plan(Map.of("username", "nobody")).getList("items")).isEmpty();
        assertThat(plan(Map.of("action", "UPDATE")).getInt("totalItems")).isZero();
    }

    @Test
    void failuresAreFilteredTheSameWay() {
        JsonPath created = failures(Map.of("action", "CREATE", "username", "broken"));
        assertThat(created.getInt("matchingFailures")).isEqualTo(1);
        assertThat(created.getInt("keptFailures")).isEqualTo(1);
        List<Map<String, String>> items = created.getList("items");
        assertThat(items).singleElement().satisfies(failure -> assertThat(failure)
                .containsEntry("sourceUsername", "Broken").containsEntry("errorCode", "InvalidParameterException"));
        JsonPath none = failures(Map.of("action", "DELETE"));
        assertThat(none.getInt("matchingFailures")).isZero();
        assertThat(none.getLong("totalFailures")).isEqualTo(1);
        assertThat(none.getList("items")).isEmpty();
    }

    @Test
    void anActionNoItemCanHaveIsABadRequestNotAnEmptyPage() {
        for (String path : List.of("/plan", "/failures")) {
            authorized().queryParam("action", "CREATED").get("/sync/runs/" + runId + path).then().statusCode(400)
                    .contentType(Problem.MEDIA_TYPE).body("detail", containsString("action must be one of"))
                    .body("detail", containsString("SKIP"));
            authorized().queryParam("username", "x".repeat(129)).get("/sync/runs/" + runId + path).then().statusCode(400);
            authorized().queryParam("user", "member1").get("/sync/runs/" + runId + path).then().statusCode(400)
                    .body("detail", containsString("it takes action, page, size, username"));
        }
    }

    @Test
    void theSettingsNameThePoolsAndThePolicy() {
        JsonPath settings = authorized().get("/sync/settings").then().statusCode(200).extract().jsonPath();
        assertThat(settings.getString("source.poolId")).isEqualTo(backend.sourcePoolId());
        assertThat(settings.getString("target.poolId")).isEqualTo(backend.targetPoolId());
        assertThat(settings.getString("target.region")).isEqualTo(backend.targetPoolId().split("_")[0]);
        assertThat(settings.getString("policy")).isEqualTo("upsert");
        assertThat(settings.getBoolean("dryRunOnly")).isFalse();
        assertThat(settings.prettify()).doesNotContain(SyncApi.API_TOKEN);
    }

    private JsonPath plan(Map<String, String> query) {
        return authorized().queryParams(query).get("/sync/runs/" + runId + "/plan").then().statusCode(200).extract()
                .jsonPath();
    }

    private JsonPath failures(Map<String, String> query) {
        return authorized().queryParams(query).get("/sync/runs/" + runId + "/failures").then().statusCode(200).extract()
                .jsonPath();
    }
}
