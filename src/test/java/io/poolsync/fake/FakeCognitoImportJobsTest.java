package io.poolsync.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.poolsync.testing.Poll;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeDataType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserImportJobType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.VerifiedAttributeType;

/** The fake's user import jobs, driven as poolsync drives Cognito's: the SDK, and a plain PUT to the pre-signed URL. */
class FakeCognitoImportJobsTest {

    static final String ROLE = "arn:aws:iam::123456789012:role/CognitoImportLogs";

    private static FakeCognito fake;
    private static CognitoIdentityProviderClient client;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        fake = FakeCognito.builder().quotas(Quotas.unlimited()).region("eu-west-1").start();
        client = fake.clientWithoutRetries();
    }

    @AfterAll
    static void stop() {
        client.close();
        fake.close();
    }

    /** A pool that verifies email automatically, with an immutable custom attribute as poolsync's source sub is. */
    static String pool(String name) {
        return client.createUserPool(r -> r.poolName(name).autoVerifiedAttributes(VerifiedAttributeType.EMAIL)
                .schema(s -> s.name("source_sub").attributeDataType(AttributeDataType.STRING).mutable(false)))
                .userPool().id();
    }

    static String header(String pool) {
        return String.join(",", client.getCSVHeader(r -> r.userPoolId(pool)).csvHeader());
    }

    static UserImportJobType create(String pool) {
        return client.createUserImportJob(r -> r.userPoolId(pool).jobName("test-job").cloudWatchLogsRoleArn(ROLE))
                .userImportJob();
    }

    static HttpResponse<String> put(String url, String body, boolean encrypted) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).PUT(HttpRequest.BodyPublishers.ofString(body));
        if (encrypted) {
            request.header("x-amz-server-side-encryption", "aws:kms");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static UserImportJobType awaitEnd(String pool, String jobId) {
        return Poll.until(Duration.ofSeconds(20),
                () -> client.describeUserImportJob(r -> r.userPoolId(pool).jobId(jobId)).userImportJob(),
                job -> job.statusAsString().equals("Succeeded") || job.statusAsString().equals("Failed"),
                "import job " + jobId + " to end");
    }

    /** A line of the pool's header with these values, empty elsewhere. */
    static String line(String pool, Map<String, String> values) {
        return Arrays.stream(header(pool).split(",")).map(column -> values.getOrDefault(column, ""))
                .collect(Collectors.joining(","));
    }

    @Test
    void theHeaderIsThePoolsAttributesAndCognitosTwoColumns() {
        String pool = pool("header");

        List<String> columns = client.getCSVHeader(r -> r.userPoolId(pool)).csvHeader();

        assertThat(columns).contains("email", "email_verified", "phone_number", "custom:source_sub",
                "cognito:mfa_enabled", "cognito:username").doesNotContain("sub", "identities");
    }

    @Test
    void importedUsersArriveResetRequiredWithTheirAttributes() throws Exception {
        String pool = pool("import");
        fake.seedUser(pool, "existing", Map.of("email", "old@example.com", "email_verified", "true"), true,
                UserStatusType.CONFIRMED);
        UserImportJobType job = create(pool);
        assertThat(job.statusAsString()).isEqualTo("Created");
        assertThat(job.cloudWatchLogsRoleArn()).isEqualTo(ROLE);
        String file = header(pool) + "\n"
                + line(pool, Map.of("cognito:username", "ann", "cognito:mfa_enabled", "false", "email", "ann@example.com",
                        "email_verified", "TRUE", "address", "1 Main St\\, Springfield", "birthdate", "02/01/1985",
                        "custom:source_sub", "s-ann")) + "\n"
                + line(pool, Map.of("cognito:username", "existing", "cognito:mfa_enabled", "false",
                        "email", "new@example.com", "email_verified", "true")) + "\n"
                + line(pool, Map.of("cognito:username", "unverified", "cognito:mfa_enabled", "false",
                        "email", "u@example.com", "email_verified", "false")) + "\n"
                + line(pool, Map.of("cognito:username", "nomfa", "email", "n@example.com", "email_verified", "true")) + "\n";

        assertThat(put(job.preSignedUrl(), file, true).statusCode()).isEqualTo(200);
        UserImportJobType started = client.startUserImportJob(r -> r.userPoolId(pool).jobId(job.jobId())).userImportJob();
        assertThat(started.statusAsString()).isIn("Pending", "InProgress", "Succeeded");
        UserImportJobType ended = awaitEnd(pool, job.jobId());

        assertThat(ended.statusAsString()).isEqualTo("Succeeded");
        assertThat(ended.importedUsers()).isEqualTo(1);
        assertThat(ended.skippedUsers()).isEqualTo(1);
        assertThat(ended.failedUsers()).isEqualTo(2);
        assertThat(ended.completionDate()).isNotNull();
        FakeUserView ann = fake.user(pool, "ann").orElseThrow();
        assertThat(ann.status()).isEqualTo(UserStatusType.RESET_REQUIRED);
        assertThat(ann.enabled()).isTrue();
        assertThat(ann.attributes()).containsEntry("email", "ann@example.com").containsEntry("email_verified", "true")
                .containsEntry("address", "1 Main St, Springfield").containsEntry("birthdate", "1985-02-01")
                .containsEntry("custom:source_sub", "s-ann");
        assertThat(fake.user(pool, "existing").orElseThrow().attribute("email")).isEqualTo("old@example.com");
        assertThat(fake.user(pool, "unverified")).isEmpty();
        assertThat(fake.importLog(job.jobId())).containsExactly(
                "[SUCCEEDED] Line Number 2 - The import succeeded.",
                "[SKIPPED] Line Number 3 - The user already exists.",
                "[FAILED] Line Number 4 - The User Record does not set any of the auto verified attributes to true. "
                        + "(Example: email_verified to true).",
                "[FAILED] Line Number 5 - The cognito:mfa_enabled field must be true or false.");
    }

    @Test
    void thePreSignedUrlWantsTheEncryptionHeader() throws Exception {
        String pool = pool("sse");
        UserImportJobType job = create(pool);

        HttpResponse<String> refused = put(job.preSignedUrl(), header(pool) + "\n", false);

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("<Code>SignatureDoesNotMatch</Code>", "x-amz-server-side-encryption");
    }

    @Test
    void thePreSignedUrlExpires() throws Exception {
        String pool = pool("expiry");
        fake.importUrlLifetime(Duration.ZERO);
        UserImportJobType job;
        try {
            job = create(pool);
        } finally {
            fake.importUrlLifetime(Duration.ofMinutes(15));
        }
        Poll.until(Duration.ofSeconds(5), System::currentTimeMillis, now -> now > job.creationDate().toEpochMilli() + 5,
                "the URL's lifetime to pass");

        HttpResponse<String> refused = put(job.preSignedUrl(), header(pool) + "\n", true);

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("<Code>AccessDenied</Code>", "Request has expired");
    }

    @Test
    void aForgedUrlIsRefused() throws Exception {
        String pool = pool("forged");
        UserImportJobType job = create(pool);

        HttpResponse<String> refused = put(job.preSignedUrl().replaceAll("X-Amz-Signature=[^&]+", "X-Amz-Signature=forged"),
                header(pool) + "\n", true);

        assertThat(refused.statusCode()).isEqualTo(403);
    }

    @Test
    void aJobWithoutItsFileOrWithAForeignHeaderFails() throws Exception {
        String pool = pool("broken");
        UserImportJobType empty = create(pool);
        client.startUserImportJob(r -> r.userPoolId(pool).jobId(empty.jobId()));
        assertThat(awaitEnd(pool, empty.jobId()).completionMessage()).contains("not uploaded");

        UserImportJobType foreign = create(pool);
        put(foreign.preSignedUrl(), "cognito:username,email\nann,ann@example.com\n", true);
        client.startUserImportJob(r -> r.userPoolId(pool).jobId(foreign.jobId()));
        UserImportJobType ended = awaitEnd(pool, foreign.jobId());

        assertThat(ended.statusAsString()).isEqualTo("Failed");
        assertThat(ended.completionMessage()).contains("unable to parse");
    }

    @Test
    void jobsAreValidatedAndStartOnce() throws Exception {
        String pool = pool("validation");
        assertThatThrownBy(() -> client.createUserImportJob(r -> r.userPoolId(pool).jobName("bad/name")
                .cloudWatchLogsRoleArn(ROLE))).isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> client.createUserImportJob(r -> r.userPoolId(pool).jobName("job")
                .cloudWatchLogsRoleArn("not-an-arn-at-all-no"))).isInstanceOf(InvalidParameterException.class);

        UserImportJobType job = create(pool);
        put(job.preSignedUrl(), header(pool) + "\n", true);
        client.startUserImportJob(r -> r.userPoolId(pool).jobId(job.jobId()));
        awaitEnd(pool, job.jobId());

        assertThatThrownBy(() -> client.startUserImportJob(r -> r.userPoolId(pool).jobId(job.jobId())))
                .isInstanceOf(InvalidParameterException.class);
    }
}
