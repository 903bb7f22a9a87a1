package org.archivist.plans;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What one analysis runs with: the library (or all), the rules with their settings, the policy of
 * each field, and the least confidence worth proposing. Stored with the plan, so the plan says how
 * it was made. Settings of the wrong type are refused, naming the rule and the field.
 */
public record AnalysisSettings(Long libraryId, Map<String, JsonNode> rules, Map<String, Policy> policies, double minConfidence) {

    /** How a proposal meets a field that already has a value (Stash's Identify: IGNORE, MERGE, OVERWRITE). */
    public enum Policy {
        /** No proposals for the field. */
        IGNORE,
        /** A single-valued field only when it is empty; to many-valued fields (tags, people) values are added. */
        MERGE,
        /** A single-valued field whenever the proposal differs; many-valued fields as with merge. */
        OVERWRITE
    }

    /** Every rule, by the name it is asked for with. */
    static final List<String> RULES = List.of(FolderTagsRule.NAME, FileNameDateRule.NAME, PeopleFromNamesRule.NAME, StudioFromFolderRule.NAME,
            TitleFromMetadataRule.NAME, GenreTagsRule.NAME, TwinTagsRule.NAME, XmpSidecarRule.NAME);
    static final Set<String> FIELDS = Set.of("title", "details", "date", "studio", "tag", "person", "capture_date");

    private static final JsonMapper STRICT = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public AnalysisSettings {
        rules = rules == null || rules.isEmpty() ? defaults() : new LinkedHashMap<>(rules);
        policies = policies == null ? Map.of() : Map.copyOf(policies);
        for (var rule : rules.entrySet()) {
            if (!RULES.contains(rule.getKey())) throw new IllegalArgumentException("rules: '" + rule.getKey() + "' is not a rule; the rules are " + RULES);
            // Settings are free JSON, which the string check at the API's edge does not reach; PostgreSQL's jsonb refuses a NUL.
            if (rule.getValue() != null && rule.getValue().toString().contains("\\u0000")) {
                throw new IllegalArgumentException("rules." + rule.getKey() + ": contains a NUL character, which no text may hold");
            }
        }
        for (String field : policies.keySet()) {
            if (!FIELDS.contains(field)) throw new IllegalArgumentException("policies: '" + field + "' is not a field; the fields are " + new java.util.TreeSet<>(FIELDS));
        }
        if (minConfidence < 0 || minConfidence > 1) throw new IllegalArgumentException("minConfidence: must be between 0 and 1, got " + minConfidence);
    }

    /**
     * Settings as a request gives them (the API and the command line alike): policies by name
     * (ignore, merge, overwrite, any case); no rules means every rule with its defaults.
     */
    public static AnalysisSettings of(Long libraryId, Map<String, JsonNode> rules, Map<String, String> policies, Double minConfidence) {
        Map<String, Policy> parsed = new LinkedHashMap<>();
        if (policies != null) policies.forEach((field, policy) -> {
            try {
                parsed.put(field, Policy.valueOf(policy.strip().toUpperCase(java.util.Locale.ROOT)));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("policies." + field + ": '" + policy + "' is not one of ignore, merge, overwrite");
            }
        });
        return new AnalysisSettings(libraryId, rules, parsed, minConfidence == null ? 0 : minConfidence);
    }

    /** Every rule with its default settings. */
    static Map<String, JsonNode> defaults() {
        Map<String, JsonNode> all = new LinkedHashMap<>();
        for (String rule : RULES) all.put(rule, STRICT.createObjectNode());
        return all;
    }

    Policy policy(String field) {
        return policies.getOrDefault(field, Policy.MERGE);
    }

    /** The rule's settings as its record; a field of the wrong type or an unknown one is refused, named. */
    <T> T settingsOf(String rule, Class<T> type) {
        JsonNode given = rules.get(rule);
        T read;
        try {
            read = STRICT.treeToValue(given == null || given.isNull() ? STRICT.createObjectNode() : given, type);
        } catch (tools.jackson.databind.exc.UnrecognizedPropertyException e) {
            throw new IllegalArgumentException("rules." + rule + "." + e.getPropertyName() + ": not a setting of this rule");
        } catch (tools.jackson.core.JacksonException e) {
            String field = e.getPath().stream().map(r -> r.getPropertyName() != null ? r.getPropertyName() : "[" + r.getIndex() + "]")
                    .collect(java.util.stream.Collectors.joining("."));
            throw new IllegalArgumentException("rules." + rule + (field.isEmpty() ? "" : "." + field) + ": "
                    + e.getOriginalMessage().lines().findFirst().orElse("not a valid value"));
        }
        inRange(rule, read);
        return read;
    }

    /**
     * Every number a rule's settings hold that is a fraction is a confidence, from 0 to 1; every
     * whole number is a length, at least 1. Checked with the types, before any plan is made: past
     * here a confidence of 1.5 would meet the table's check halfway through writing proposals.
     */
    private static void inRange(String rule, Object read) {
        if (read == null || !read.getClass().isRecord()) return;
        for (var component : read.getClass().getRecordComponents()) {
            Object value;
            try {
                value = component.getAccessor().invoke(read);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            if (value instanceof Double confidence && !(confidence >= 0 && confidence <= 1)) {
                throw new IllegalArgumentException("rules." + rule + "." + component.getName() + ": a confidence from 0 to 1, not " + confidence);
            }
            if (value instanceof Integer length && length < 1) {
                throw new IllegalArgumentException("rules." + rule + "." + component.getName() + ": at least 1, not " + length);
            }
        }
    }

    /** The settings as stored with the plan. */
    Map<String, Object> stored() {
        Map<String, Object> stored = new LinkedHashMap<>();
        stored.put("libraryId", libraryId);
        stored.put("rules", rules);
        Map<String, String> shown = new LinkedHashMap<>();
        policies.forEach((field, policy) -> shown.put(field, policy.name().toLowerCase(java.util.Locale.ROOT)));
        stored.put("policies", shown);
        stored.put("minConfidence", minConfidence);
        return stored;
    }
}
