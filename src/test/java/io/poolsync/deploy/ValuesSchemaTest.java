package io.poolsync.deploy;

import static io.poolsync.deploy.ChartRenderer.REQUIRED_VALUES;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** values.schema.json (and the templates' own checks) refuse values that can't work, naming the value. */
class ValuesSchemaTest {

    @TempDir
    Path scratch;

    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of("two writers", REQUIRED_VALUES, Map.of("replicaCount", 2), "/replicaCount"),
                Arguments.of("no source pool id", "", Map.of("poolsync.target.poolId", "eu-west-1_AbC123"),
                        "/poolsync/source/poolId"),
                Arguments.of("no target pool id", "", Map.of("poolsync.source.poolId", "eu-west-1_AbC123"),
                        "/poolsync/target/poolId"),
                Arguments.of("pool id without a region", REQUIRED_VALUES, Map.of("poolsync.target.poolId", "AbC123"),
                        "/poolsync/target/poolId"),
                Arguments.of("unknown password mode", REQUIRED_VALUES, Map.of("poolsync.password.mode", "temporary"),
                        "/poolsync/password/mode"),
                Arguments.of("unknown policy", REQUIRED_VALUES, Map.of("poolsync.policy", "delete-all"),
                        "/poolsync/policy"),
                Arguments.of("unknown delivery medium", REQUIRED_VALUES
                        + "  password:\n    inviteDeliveryMediums: [EMAIL, PIGEON]\n", Map.of(),
                        "/poolsync/password/inviteDeliveryMediums"),
                Arguments.of("concurrency out of range", REQUIRED_VALUES, Map.of("poolsync.apply.concurrency", 0),
                        "/poolsync/apply/concurrency"),
                Arguments.of("a setting the application lacks", REQUIRED_VALUES,
                        Map.of("poolsync.mapping.renamez", "a->b"), "renamez"),
                Arguments.of("not a role ARN", REQUIRED_VALUES,
                        Map.of("poolsync.source.roleArn", "poolsync-reader"), "/poolsync/source/roleArn"),
                Arguments.of("a rate limit of zero", REQUIRED_VALUES, Map.of("poolsync.rateLimits.userUpdate", 0),
                        "/poolsync/rateLimits/userUpdate"),
                Arguments.of("more segments than hex digits", REQUIRED_VALUES, Map.of("poolsync.scan.segments", 17),
                        "/poolsync/scan/segments"),
                Arguments.of("unknown bulk mode", REQUIRED_VALUES, Map.of("poolsync.bulk.mode", "s3"),
                        "/poolsync/bulk/mode"),
                Arguments.of("unknown mode", REQUIRED_VALUES, Map.of("mode", "cronjob"), "/mode"),
                Arguments.of("an event queue that is not a URL", REQUIRED_VALUES,
                        Map.of("poolsync.events.queueUrl", "poolsync-events"), "/poolsync/events/queueUrl"),
                Arguments.of("a coalescing window without a unit", REQUIRED_VALUES,
                        Map.of("poolsync.events.coalesceWindow", "500"), "/poolsync/events/coalesceWindow"),
                Arguments.of("exit after run in a Deployment", REQUIRED_VALUES,
                        Map.of("poolsync.exitAfterRun", true), "poolsync.exitAfterRun"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badValues")
    void isRefusedNamingTheValue(String name, String values, Map<String, Object> sets, String named) {
        assertThatThrownBy(() -> ChartRenderer.template(scratch, values, sets)).hasMessageContaining(named);
    }
}
