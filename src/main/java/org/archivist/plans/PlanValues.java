package org.archivist.plans;

import java.util.Locale;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The JSON values of plan changes: how each field's value is written, and compared (names in any letter case). */
final class PlanValues {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private PlanValues() {
    }

    /** A stored JSON value; SQL NULL (a change made through the entity, without a value) is no value. */
    static JsonNode read(String json) {
        return json == null ? null : JSON.readTree(json);
    }

    static JsonNode text(String value) {
        return value == null ? null : JSON.getNodeFactory().stringNode(value);
    }

    static ObjectNode tag(String name, String category) {
        ObjectNode tag = JSON.createObjectNode().put("name", name);
        if (category != null) tag.put("category", category);
        return tag;
    }

    static ObjectNode person(String name, String role) {
        return JSON.createObjectNode().put("name", name).put("role", role);
    }

    /** A value as compared: names and text without regard to letter case; null and JSON null alike. */
    static String normalized(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) return "null";
        if (value.isString()) return value.asString().strip().toLowerCase(Locale.ROOT);
        if (value.isObject() && value.has("fileId")) {
            // A capture date: the instant, offset and source, whatever order a database kept the keys in.
            return value.get("fileId").asLong() + "@" + instant(value.get("detectedAt")) + "/" + value.path("offsetMinutes").asString("") + "/"
                    + value.path("source").asString("");
        }
        if (value.isObject() && value.has("name")) {
            return value.get("name").asString().strip().toLowerCase(Locale.ROOT) + (value.has("role") ? "/" + value.get("role").asString() : "");
        }
        return value.toString();
    }

    private static String instant(JsonNode at) {
        return at == null || at.isNull() ? "none" : java.time.Instant.parse(at.asString()).toString();
    }

    static boolean same(JsonNode a, JsonNode b) {
        return normalized(a).equals(normalized(b));
    }

    /**
     * The same value of this field: names (tags, people, studios) in any letter case, free text
     * (title, details) and dates exactly, so a change that only fixes the case is a change.
     */
    static boolean same(String field, JsonNode a, JsonNode b) {
        if (field.equals("title") || field.equals("details") || field.equals("date")) return exact(a).equals(exact(b));
        return same(a, b);
    }

    private static String exact(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) return "null";
        return value.isString() ? value.asString().strip() : value.toString();
    }
}
