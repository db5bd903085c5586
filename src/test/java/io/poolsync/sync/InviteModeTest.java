package io.poolsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.poolsync.testing.CognitoLocalResource;
import io.poolsync.testing.CognitoLocalResource.Backend;
import io.poolsync.testing.CognitoLocalResource.InjectBackend;
import io.poolsync.testing.SyncApi;
import io.poolsync.testing.TestPools.StoredUser;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** {@code invite} mode: Cognito sends the invitation, and nobody is created who could not receive it. */
@QuarkusTest
@QuarkusTestResource(value = CognitoLocalResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "poolsync.password.mode", value = "invite"))
class InviteModeTest {

    @InjectBackend
    Backend backend;

    @Test
    void invitedUsersWaitForTheirTemporaryPasswordAndUsersWithoutAnAddressAreSkipped() {
        backend.pools().addUser(backend.sourcePoolId(), "reachable", Map.of("email", "reachable@example.com"), true);
        backend.pools().addUser(backend.sourcePoolId(), "unreachable", Map.of("given_name", "Nobody"), true);

        JsonPath run = SyncApi.sync();

        assertThat(run.getLong("counters.created")).isEqualTo(1);
        assertThat(run.getMap("skipReasons")).containsOnly(Map.entry("no email to send the invitation to", 1));
        Map<String, StoredUser> target = backend.pools().users(backend.targetPoolId());
        assertThat(target).containsOnlyKeys("reachable");
        assertThat(target.get("reachable").status()).isEqualTo("FORCE_CHANGE_PASSWORD");
    }
}
