package io.poolsync.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The snapshot's promise: fields and paths are only ever added. */
class OpenApiCompatibilityTest {

    static final String PROMISED = """
            {"openapi": "3.1.0", "info": {"title": "poolsync", "version": "1"},
             "paths": {"/progress": {"get": {"summary": "Live progress", "parameters": [{"name": "page", "in": "query",
                "schema": {"type": "string"}}], "responses": {"200": {"content": {"application/json": {"schema":
                {"$ref": "#/components/schemas/Progress"}}}}}}}},
             "components": {"schemas": {"Progress": {"type": "object", "required": ["running"], "properties": {
                "running": {"type": "boolean"}, "phase": {"type": "string", "enum": ["IDLE", "DONE"]},
                "at": {"type": "string", "format": "date-time", "description": "When"}}}}}}
            """;

    static Stream<Arguments> changes() {
        return Stream.of(
                arguments("unchanged", PROMISED, true),
                arguments("a field added", PROMISED.replace("\"running\": {\"type\": \"boolean\"},",
                        "\"running\": {\"type\": \"boolean\"}, \"conflicts\": {\"type\": \"integer\"},"), true),
                arguments("a path added", PROMISED.replace("\"paths\": {", "\"paths\": {\"/preflight\": {\"get\": {}},"),
                        true),
                arguments("an enum value added", PROMISED.replace("[\"IDLE\", \"DONE\"]", "[\"IDLE\", \"PENDING\", \"DONE\"]"),
                        true),
                arguments("a field becomes required", PROMISED.replace("[\"running\"]", "[\"running\", \"at\"]"), true),
                arguments("prose changed", PROMISED.replace("\"When\"", "\"When it was computed\"")
                        .replace("Live progress", "Progress now").replace("\"version\": \"1\"", "\"version\": \"2\""), true),
                arguments("a field removed", PROMISED.replace(", \"phase\": {\"type\": \"string\", \"enum\": [\"IDLE\", \"DONE\"]}",
                        ""), false),
                arguments("a path removed", PROMISED.replace("/progress", "/progress/now"), false),
                arguments("a type changed", PROMISED.replace("{\"type\": \"boolean\"}", "{\"type\": \"string\"}"), false),
                arguments("a format changed", PROMISED.replace("date-time", "date"), false),
                arguments("an enum value removed", PROMISED.replace("[\"IDLE\", \"DONE\"]", "[\"IDLE\"]"), false),
                arguments("a schema renamed", PROMISED.replace("schemas/Progress", "schemas/Status")
                        .replace("\"Progress\": {", "\"Status\": {"), false),
                arguments("a parameter's type changed", PROMISED.replace("\"schema\": {\"type\": \"string\"}}]",
                        "\"schema\": {\"type\": \"integer\"}}]"), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    void keepsThePromiseOnlyWhenNothingIsRemovedOrRetyped(String change, String current, boolean compatible)
            throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode promised = json.readTree(PROMISED);
        assertThat(OpenApiCompatibility.broken(promised, json.readTree(current))).as(change)
                .matches(broken -> broken.isEmpty() == compatible, compatible ? "nothing broken" : "something broken");
    }
}
