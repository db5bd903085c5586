package io.poolsync.rest;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Whether an OpenAPI document keeps every promise of an earlier one: each path, operation, parameter, response,
 * schema and field of the earlier document is still there, with the same type, format, reference and enum values.
 * Additions are fine; prose (descriptions, summaries, examples) may change.
 */
final class OpenApiCompatibility {

    /** Prose, free to change. */
    static final Set<String> PROSE = Set.of("description", "summary", "example", "examples", "title", "info");

    private OpenApiCompatibility() {
    }

    /** What the current document breaks of the promised one, each as a JSON path and what happened there. */
    static List<String> broken(JsonNode promised, JsonNode current) {
        List<String> broken = new ArrayList<>();
        compare("", promised, current, broken);
        return broken;
    }

    private static void compare(String path, JsonNode promised, JsonNode current, List<String> broken) {
        if (current == null || current.isMissingNode()) {
            broken.add(path + " was removed");
        } else if (promised.isObject()) {
            if (!current.isObject()) {
                broken.add(path + " is no longer an object");
                return;
            }
            for (Iterator<Map.Entry<String, JsonNode>> fields = promised.fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!PROSE.contains(field.getKey())) {
                    compare(path + "/" + field.getKey(), field.getValue(), current.get(field.getKey()), broken);
                }
            }
        } else if (promised.isArray()) {
            if (!current.isArray()) {
                broken.add(path + " is no longer a list");
                return;
            }
            // Lists (enum values, required fields, parameters, tags) keep what they held, in any order; a field that
            // becomes required is no removal. A list entry's own changes show as its removal.
            for (JsonNode entry : promised) {
                if (!contains(current, entry)) {
                    broken.add(path + " lost " + entry);
                }
            }
        } else if (!promised.equals(current)) {
            broken.add(path + " changed from " + promised + " to " + current);
        }
    }

    private static boolean contains(JsonNode list, JsonNode promised) {
        for (JsonNode entry : list) {
            List<String> differences = new ArrayList<>();
            compare("", promised, entry, differences);
            if (differences.isEmpty()) {
                return true;
            }
        }
        return false;
    }
}
