package io.poolsync.preflight;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.poolsync.testing.Backend;
import io.poolsync.testing.InjectBackend;
import io.poolsync.testing.Poll;
import io.poolsync.testing.SyncApi;
import io.poolsync.testing.TestPools;
import io.poolsync.testing.WithPools;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import software.amazon.awssdk.services.cognitoidentityprovider.model.SchemaAttributeType;

/**
 * The target starts without custom:source_sub; poolsync.schema.add-missing adds it before the first run, and the report
 * is served on GET /preflight behind the API token.
 */
@QuarkusTest
@WithPools(args = { @ResourceArg(name = "sourceSub", value = "false"),
                @ResourceArg(name = "poolsync.schema.add-missing", value = "true"),
                // cognito-local answers ListIdentityProviders with a 500; retrying it only delays the report.
                @ResourceArg(name = "poolsync.retry.max-attempts", value = "1") })
class PreflightApiTest {

    @InjectBackend
    Backend<TestPools> backend;

    @Test
    void theBootstrapAddedTheSourceSubAttributeBeforeTheFirstRunSoCreatedUsersCarryIt() {
        List<String> schema = backend.pools().client().describeUserPool(r -> r.userPoolId(backend.targetPoolId()))
                .userPool().schemaAttributes().stream().map(SchemaAttributeType::name).toList();
        assertThat(schema).contains("custom:source_sub");

        backend.pools().addUser(backend.sourcePoolId(), "kim", Map.of("email", "kim@example.com", "email_verified", "true"),
                true);
        SyncApi.sync();

        assertThat(backend.pools().users(backend.targetPoolId()).get("kim").attribute("custom:source_sub")).isNotBlank();
    }

    @Test
    void theReportIsServedWithTheAgreedFieldsAndSaysTheTargetIsReady() {
        JsonPath report = Poll.until(Duration.ofMinutes(1),
                () -> SyncApi.authorized().get("/preflight").then().extract(),
                response -> response.statusCode() != 503, "the pre-flight report").jsonPath();

        assertThat(report.getString("generatedAt")).isNotBlank();
        assertThat(report.getBoolean("ready")).isTrue();
        assertThat(report.getString("source.poolId")).isEqualTo(backend.sourcePoolId());
        assertThat(report.getString("target.poolId")).isEqualTo(backend.targetPoolId());
        assertThat(report.getString("target.region")).isEqualTo("local");
        assertThat(report.getList("findings.id", String.class)).contains("username-attributes", "source-users")
                .noneMatch(id -> id.startsWith("attribute-missing"));
        Map<String, Object> finding = report.getMap("findings[0]");
        assertThat(finding).containsKeys("id", "severity", "title", "detail", "affectedUsers", "fix");
        assertThat(report.getList("estimate.strategy", String.class))
                .containsExactly("confirmed", "invite", "import-job", "update-only+trigger");
        assertThat(report.getMap("estimate[0]")).containsKeys("strategy", "calls", "seconds", "monthlyActiveUsers");
    }

    @Test
    void theReportNeedsTheTokenAndIsInTheApiDescription() {
        given().get("/preflight").then().statusCode(401);
        String openApi = given().accept("application/json").get("/q/openapi").then().statusCode(200).extract().asString();
        assertThat(openApi).contains("\"/preflight\"", "PreflightReport", "affectedUsers", "monthlyActiveUsers");
    }
}
