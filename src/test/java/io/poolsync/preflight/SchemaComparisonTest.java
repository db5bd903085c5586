package io.poolsync.preflight;

import static io.poolsync.preflight.Descriptions.string;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.poolsync.model.PoolDescription.AttributeDefinition;

class SchemaComparisonTest {

    static Stream<Arguments> bounds() {
        return Stream.of(
                Arguments.of("no constraints on either side", strings(null, null), strings(null, null), false),
                Arguments.of("Cognito's default maximum spelled out", strings(null, null), strings("0", "2048"), false),
                Arguments.of("a shorter maximum", strings("0", "64"), strings("0", "36"), true),
                Arguments.of("a longer maximum", strings("0", "36"), strings("0", "64"), false),
                Arguments.of("a longer minimum", strings("1", "64"), strings("5", "64"), true),
                Arguments.of("a range where the source has none", numbers(null, null), numbers("0", "10"), true),
                Arguments.of("a wider range", numbers("1", "9"), numbers("0", "10"), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bounds")
    void aTargetIsNarrowerWhenItRefusesWhatTheSourceAllows(String name, AttributeDefinition source,
            AttributeDefinition target, boolean narrower) {
        assertThat(SchemaComparison.narrower(source, target)).isEqualTo(narrower);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bounds")
    void missingAttributesKeepTheSourcesDefinition(String name, AttributeDefinition source, AttributeDefinition target,
            boolean narrower) {
        Descriptions.Pool sourcePool = Descriptions.pool("s").attribute(source);
        Descriptions.Pool targetPool = Descriptions.pool("t").attribute(string("custom:source_sub", false));

        SchemaComparison comparison = SchemaComparison.compare(sourcePool.build(), targetPool.build(),
                new Descriptions.Settings().build().mapping());

        assertThat(comparison.missing()).containsExactly(source);
    }

    private static AttributeDefinition strings(String min, String max) {
        return new AttributeDefinition("custom:code", "String", true, false, min, max, null, null);
    }

    private static AttributeDefinition numbers(String min, String max) {
        return new AttributeDefinition("custom:code", "Number", true, false, null, null, min, max);
    }
}
