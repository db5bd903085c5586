package io.poolsync.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SourcePoolClientTest {

    @Test
    void secretHashIsCognitosHmacOfUsernameAndClientId() {
        // Expected value from: printf 'alice6pc1s1d8l3ecqo3fg2f1vgqb2k' | openssl dgst -sha256 -hmac <secret> -binary | base64
        assertThat(SourcePoolClient.secretHash("alice", "6pc1s1d8l3ecqo3fg2f1vgqb2k",
                "1example23456789abcdefghijklmnopqrstuvwxyz0123456789ab"))
                .isEqualTo("RMaNLjjEKLQ6tQcoIgfID7+cNTaTQaxCPPo74//j6Mw=");
    }
}
