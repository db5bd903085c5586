package io.poolsync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.poolsync.testing.TestConfig;
import io.poolsync.cognito.PoolGateway;
import io.poolsync.cognito.UserTypeMapperImpl;
import io.poolsync.config.InvalidConfigException;
import io.poolsync.config.PoolsyncConfig;
import io.poolsync.testing.CognitoLocal;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeDataType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.SchemaAttributeType;

/** Start-up checks the mapping against the schemas DescribeUserPool returns, here from cognito-local. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SchemaValidationTest {

    CognitoLocal cognito;
    String source;
    String targetWithoutTenant;
    String targetWithImmutableTenant;
    String targetWithoutSourceSub;

    @BeforeAll
    void createPools() {
        cognito = CognitoLocal.shared();
        source = pool("source", attribute("tenant", true));
        targetWithoutTenant = pool("no-tenant", attribute("source_sub", false));
        targetWithImmutableTenant = pool("immutable-tenant", attribute("tenant", false), attribute("source_sub", false));
        targetWithoutSourceSub = pool("no-source-sub", attribute("tenant", true));
    }

    @Test
    void anAttributeTheTargetLacksIsNamed() {
        assertThatThrownBy(() -> settings(targetWithoutTenant, Map.of()))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("custom:tenant").hasMessageContaining(targetWithoutTenant)
                .hasMessageContaining("poolsync.mapping.exclude");
    }

    @Test
    void anAttributeTheTargetLacksCanBeExcludedOrRenamed() {
        assertThat(settings(targetWithoutTenant, Map.of("poolsync.mapping.exclude", "identities,custom:tenant"))).isNotNull();
        assertThatThrownBy(() -> settings(targetWithoutTenant, Map.of("poolsync.mapping.renames", "custom:tenant->custom:org")))
                .hasMessageContaining("poolsync.mapping.renames: custom:tenant->custom:org writes custom:org");
    }

    @Test
    void anImmutableTargetAttributeIsRefusedUnlessDeclaredCreateOnly() {
        assertThatThrownBy(() -> settings(targetWithImmutableTenant, Map.of()))
                .hasMessageContaining("custom:tenant is immutable").hasMessageContaining("poolsync.mapping.create-only");
        SyncSettings accepted = settings(targetWithImmutableTenant, Map.of("poolsync.mapping.create-only", "custom:tenant"));
        assertThat(accepted.planner().createOnlyAttributes()).contains("custom:tenant", "custom:source_sub");
    }

    @Test
    void aTargetWithoutTheSourceSubAttributeIsRefused() {
        // Without the owner mark poolsync could own nobody, nor repair a create interrupted before its password.
        assertThatThrownBy(() -> settings(targetWithoutSourceSub, Map.of()))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("poolsync.mapping.source-sub-attribute")
                .hasMessageContaining(targetWithoutSourceSub).hasMessageContaining("custom:source_sub");
    }

    private SyncSettings settings(String target, Map<String, String> extra) {
        Map<String, String> properties = new HashMap<>(extra);
        properties.put("poolsync.source.pool-id", source);
        properties.put("poolsync.target.pool-id", target);
        PoolsyncConfig config = TestConfig.poolsync(properties);
        try (PoolGateway sourcePool = new PoolGateway(cognito.client(), source, new UserTypeMapperImpl(), 1);
                PoolGateway targetPool = new PoolGateway(cognito.client(), target, new UserTypeMapperImpl(), 1)) {
            return SyncSettings.from(config, sourcePool.describe(), targetPool.describe());
        }
    }

    private String pool(String name, SchemaAttributeType... schema) {
        return cognito.client().createUserPool(r -> r.poolName(name).schema(List.of(schema))).userPool().id();
    }

    private static SchemaAttributeType attribute(String name, boolean mutable) {
        return SchemaAttributeType.builder().name(name).attributeDataType(AttributeDataType.STRING).mutable(mutable).build();
    }
}
