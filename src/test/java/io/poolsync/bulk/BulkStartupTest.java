package io.poolsync.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.poolsync.cognito.Pools;
import io.poolsync.cognito.UserTypeMapperImpl;
import io.poolsync.config.PoolsyncConfig;
import io.poolsync.fake.FakeCognito;
import io.poolsync.fake.Quotas;
import io.poolsync.sync.SyncSetup;
import io.poolsync.testing.TestConfig;
import io.quarkus.runtime.configuration.ConfigurationException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeDataType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.VerifiedAttributeType;

/** Start-up ({@link SyncSetup}, against the fake's pools) refuses bulk settings that can't work, naming them. */
class BulkStartupTest {

    static final String ROLE = "arn:aws:iam::123456789012:role/CognitoImportLogs";

    static FakeCognito fake;
    static String source;
    static String verifyingTarget;
    static String nonVerifyingTarget;

    @BeforeAll
    static void pools() {
        fake = FakeCognito.builder().quotas(Quotas.unlimited()).region("eu-west-1").start();
        source = fake.seedPool("source");
        verifyingTarget = fake.client().createUserPool(r -> r.poolName("target")
                .autoVerifiedAttributes(VerifiedAttributeType.EMAIL)
                .schema(s -> s.name("source_sub").attributeDataType(AttributeDataType.STRING).mutable(false)))
                .userPool().id();
        nonVerifyingTarget = fake.seedPool("no-auto-verification", "source_sub");
    }

    @AfterAll
    static void stop() {
        fake.close();
    }

    static SyncSetup startUp(String target, String... settings) {
        Map<String, String> properties = TestConfig.poolsAt(fake.endpoint(), source, target);
        properties.putAll(TestConfig.fakeProvisionedLimits());
        for (int i = 0; i < settings.length; i += 2) {
            properties.put(settings[i], settings[i + 1]);
        }
        PoolsyncConfig config = TestConfig.poolsync(properties);
        return new SyncSetup(config, new Pools(config, new UserTypeMapperImpl()));
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                arguments("import jobs without the CloudWatch Logs role", new String[] {"poolsync.bulk.mode", "import-job"},
                        List.of("poolsync.bulk.cloud-watch-logs-role-arn is required", "CreateUserImportJob")),
                arguments("a role ARN that is no IAM role", new String[] {"poolsync.bulk.mode", "import-job",
                        "poolsync.bulk.cloud-watch-logs-role-arn", "arn:aws:s3:::bucket"},
                        List.of("poolsync.bulk.cloud-watch-logs-role-arn=arn:aws:s3:::bucket is not an IAM role ARN")),
                arguments("import jobs with invitations", new String[] {"poolsync.bulk.mode", "import-job",
                        "poolsync.bulk.cloud-watch-logs-role-arn", ROLE, "poolsync.password.mode", "invite"},
                        List.of("poolsync.bulk.mode=import-job with poolsync.password.mode=invite")),
                arguments("a poll interval capped below itself", new String[] {"poolsync.bulk.mode", "import-job",
                        "poolsync.bulk.cloud-watch-logs-role-arn", ROLE, "poolsync.bulk.poll-interval", "10s",
                        "poolsync.bulk.max-poll-interval", "5s"},
                        List.of("poolsync.bulk.max-poll-interval=PT5S is shorter than poolsync.bulk.poll-interval")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refusesNamingTheSetting(String description, String[] settings, List<String> expected) {
        ConfigurationException e = catchThrowableOfType(ConfigurationException.class,
                () -> startUp(verifyingTarget, settings));

        assertThat(e).as(description).isNotNull();
        assertThat(e.getMessage()).as(description).startsWith("poolsync can't start: ").doesNotContain("\n")
                .contains(expected);
    }

    @Test
    void refusesATargetWhereCognitoWontStartAnImportJob() {
        ConfigurationException e = catchThrowableOfType(ConfigurationException.class, () -> startUp(nonVerifyingTarget,
                "poolsync.bulk.mode", "import-job", "poolsync.bulk.cloud-watch-logs-role-arn", ROLE));

        assertThat(e.getMessage()).contains("poolsync.bulk.mode=import-job", nonVerifyingTarget, "AutoVerifiedAttributes");
    }

    @Test
    void startsWithImportJobsIntoATargetThatVerifiesEmail() {
        BulkSettings bulk = startUp(verifyingTarget, "poolsync.bulk.mode", "import-job",
                "poolsync.bulk.cloud-watch-logs-role-arn", ROLE).settings().bulk();

        assertThat(bulk.importJobs()).isTrue();
        assertThat(bulk.cloudWatchLogsRoleArn()).contains(ROLE);
        assertThat(bulk.maxUsersPerJob()).isEqualTo(500_000);
        assertThat(bulk.maxBytesPerJob()).isEqualTo(100_000_000L);
        assertThat(bulk.minCreates()).isEqualTo(10_000);
    }

    @Test
    void bulkModeIsOffByDefault() {
        assertThat(startUp(nonVerifyingTarget).settings().bulk().importJobs()).isFalse();
    }
}
