package io.poolsync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;

import io.poolsync.cognito.Pools;
import io.poolsync.cognito.UserTypeMapperImpl;
import io.poolsync.config.PoolsyncConfig;
import io.poolsync.testing.TestConfig;
import io.quarkus.runtime.configuration.ConfigurationException;

/** Start-up refuses in one line that names the pool it can't reach, where it looked, and what to check. */
class SyncSetupTest {

    @Test
    void anUnreachablePoolIsNamedWithWhereItWasLookedFor() throws IOException {
        String closed = "http://127.0.0.1:" + closedPort();
        PoolsyncConfig config = TestConfig.poolsync("eu-west-1_Source1", "eu-west-1_Target1",
                "poolsync.source.endpoint", closed, "poolsync.target.endpoint", closed, "poolsync.retry.max-attempts", "1");
        Pools pools = new Pools(config, new UserTypeMapperImpl());

        ConfigurationException e = catchThrowableOfType(ConfigurationException.class, () -> new SyncSetup(config, pools));

        assertThat(e).isNotNull();
        // Quarkus prints a cause-less ConfigurationException as its message alone, without a stack trace.
        assertThat(e.getCause()).isNull();
        assertThat(e.getMessage()).doesNotContain("\n")
                .startsWith("poolsync can't start: poolsync.source: can't read the source pool eu-west-1_Source1 at "
                        + closed)
                .contains("DescribeUserPool", "check poolsync.source.pool-id, region, endpoint and role-arn");
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
