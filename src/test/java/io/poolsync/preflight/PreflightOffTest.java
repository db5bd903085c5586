package io.poolsync.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.poolsync.config.PoolsyncConfig;
import io.poolsync.testing.TestConfig;

/** With poolsync.preflight.enabled=false nothing is read at start-up: no pool is touched, and the report is off. */
class PreflightOffTest {

    @Test
    void offReadsNoPoolAndSaysSo() {
        PoolsyncConfig config = TestConfig.poolsync("eu-west-1_Source1", "eu-west-1_Target1",
                "poolsync.preflight.enabled", "false");
        // No pools at all: a report built anyway would fail on them.
        Preflight preflight = new Preflight(config, null, PreflightFakeTest.CLOCK);

        preflight.onStart(null);

        assertThat(preflight.state()).isInstanceOf(Preflight.State.Off.class);
    }
}
