package io.poolsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.poolsync.testing.CognitoLocalResource;
import io.poolsync.testing.CognitoLocalResource.Backend;
import io.poolsync.testing.CognitoLocalResource.InjectBackend;
import io.poolsync.testing.SyncApi;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** poolsync.source.filter migrates one slice of the source and touches nothing else. */
@QuarkusTest
@QuarkusTestResource(value = CognitoLocalResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "poolsync.source.filter", value = "email ^= \"a\""))
class FilteredSyncTest {

    @InjectBackend
    Backend backend;

    @Test
    void aFilteredSyncTouchesOnlyItsSlice() {
        for (String name : new String[] { "alice", "arnold", "bob", "carol" }) {
            backend.pools().addUser(backend.sourcePoolId(), name, Map.of("email", name + "@example.com"), true);
        }

        JsonPath run = SyncApi.sync();

        assertThat(run.getLong("counters.sourceScanned")).isEqualTo(2);
        assertThat(run.getLong("counters.created")).isEqualTo(2);
        assertThat(backend.pools().users(backend.targetPoolId())).containsOnlyKeys("alice", "arnold");
    }
}
