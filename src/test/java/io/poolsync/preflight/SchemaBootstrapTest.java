package io.poolsync.preflight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.poolsync.cognito.PoolGateway;
import io.poolsync.cognito.UserTypeMapperImpl;
import io.poolsync.config.InvalidConfigException;
import io.poolsync.testing.CognitoLocal;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeDataType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.SchemaAttributeType;

/** poolsync.schema.add-missing against cognito-local: what it adds is read back from the target's real schema. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SchemaBootstrapTest {

    private static final AttributeMapping MAPPING = new AttributeMapping(Set.of("identities"), Map.of(), "custom:source_sub");

    CognitoLocal cognito;

    @BeforeAll
    void start() {
        cognito = CognitoLocal.shared();
    }

    @Test
    void addsTheSourcesCustomAttributesWithTheirTypeAndConstraintsAndTheSourceSub() {
        String source = pool(List.of(
                SchemaAttributeType.builder().name("tenant").attributeDataType(AttributeDataType.STRING).mutable(true)
                        .stringAttributeConstraints(c -> c.minLength("2").maxLength("64")).build(),
                SchemaAttributeType.builder().name("score").attributeDataType(AttributeDataType.NUMBER).mutable(false)
                        .numberAttributeConstraints(c -> c.minValue("0").maxValue("100")).build()));
        String target = pool(List.of());

        List<String> added = bootstrap(source, target);

        assertThat(added).containsExactlyInAnyOrder("custom:tenant", "custom:score", "custom:source_sub");
        Map<String, SchemaAttributeType> schema = schema(target);
        assertThat(schema.get("custom:tenant").attributeDataType()).isEqualTo(AttributeDataType.STRING);
        assertThat(schema.get("custom:tenant").mutable()).isTrue();
        assertThat(schema.get("custom:tenant").stringAttributeConstraints().maxLength()).isEqualTo("64");
        assertThat(schema.get("custom:tenant").stringAttributeConstraints().minLength()).isEqualTo("2");
        assertThat(schema.get("custom:score").attributeDataType()).isEqualTo(AttributeDataType.NUMBER);
        assertThat(schema.get("custom:score").mutable()).isFalse();
        assertThat(schema.get("custom:score").numberAttributeConstraints().maxValue()).isEqualTo("100");
        assertThat(schema.get("custom:source_sub").attributeDataType()).isEqualTo(AttributeDataType.STRING);
        assertThat(schema.get("custom:source_sub").mutable()).isFalse();

        assertThat(bootstrap(source, target)).as("a second start-up has nothing to add").isEmpty();
    }

    @Test
    void aTypeConflictIsRefusedNamingTheAttributeAndAddsNothing() {
        String source = pool(List.of(
                SchemaAttributeType.builder().name("plan").attributeDataType(AttributeDataType.STRING).mutable(true).build(),
                SchemaAttributeType.builder().name("tenant").attributeDataType(AttributeDataType.STRING).mutable(true).build()));
        String target = pool(List.of(
                SchemaAttributeType.builder().name("plan").attributeDataType(AttributeDataType.NUMBER).mutable(true).build()));

        assertThatThrownBy(() -> bootstrap(source, target)).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("poolsync.schema.add-missing refused: custom:plan: String in the source, Number in the target");
        assertThat(schema(target)).doesNotContainKeys("custom:tenant", "custom:source_sub");
    }

    private List<String> bootstrap(String source, String target) {
        try (PoolGateway sourcePool = new PoolGateway(cognito.client(), source, new UserTypeMapperImpl(), 1);
                PoolGateway targetPool = new PoolGateway(cognito.client(), target, new UserTypeMapperImpl(), 1)) {
            return SchemaBootstrap.addMissing(sourcePool, targetPool, MAPPING);
        }
    }

    private Map<String, SchemaAttributeType> schema(String pool) {
        return cognito.client().describeUserPool(r -> r.userPoolId(pool)).userPool().schemaAttributes().stream()
                .collect(Collectors.toMap(SchemaAttributeType::name, attribute -> attribute));
    }

    private String pool(List<SchemaAttributeType> schema) {
        return cognito.client().createUserPool(r -> r.poolName("bootstrap").schema(schema)).userPool().id();
    }
}
