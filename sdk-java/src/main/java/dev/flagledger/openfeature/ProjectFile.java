package dev.flagledger.openfeature;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A project document in the GitOps format (docs/gitops.md, YAML or JSON) as the config JSON of one of
 * its environments: the mapping {@code flagledger dev} and the TypeScript provider's {@code flagFile}
 * use, so a flag file means the same to every SDK. Archived flags and segments are left out.
 */
final class ProjectFile {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ProjectFile() {
    }

    /** Parses YAML (needs jackson-dataformat-yaml on the class path) or JSON (a document starting with '{'). */
    static Map<String, Object> parse(String text) throws IOException {
        if (text.stripLeading().startsWith("{")) return Json.object(JSON.readValue(text, Object.class), "the file");
        ObjectMapper yaml;
        try {
            yaml = (ObjectMapper) Class.forName("com.fasterxml.jackson.dataformat.yaml.YAMLMapper")
                    .getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError missing) {
            throw new IOException("reading YAML needs com.fasterxml.jackson.dataformat:jackson-dataformat-yaml on the"
                    + " class path (or write the file as JSON)");
        }
        return Json.object(yaml.readValue(text, Object.class), "the file");
    }

    /** The flags and segments of {@code environment} (null: the project's first environment). */
    @SuppressWarnings("unchecked")
    static ConfigState configOf(Map<String, Object> document, String environment) throws IOException {
        Map<String, Object> project = map(document.get("project"));
        List<Object> environments = list(project.get("environments"));
        String chosen = environment;
        if (chosen == null && !environments.isEmpty()) chosen = (String) map(environments.get(0)).get("key");
        if (chosen == null) throw new IOException("the file names no environment");
        Map<String, Object> flags = new LinkedHashMap<>();
        for (Object item : list(document.get("flags"))) {
            Map<String, Object> flag = map(item);
            if (Boolean.TRUE.equals(flag.get("archived"))) continue;
            Map<String, Object> env = map(map(flag.get("environments")).get(chosen));
            Map<String, Object> variations = new LinkedHashMap<>();
            List<String> keys = new ArrayList<>();
            for (Object variation : list(flag.get("variations"))) {
                Map<String, Object> v = map(variation);
                keys.add(String.valueOf(v.get("key")));
                variations.put(String.valueOf(v.get("key")), v.get("value"));
            }
            Map<String, Object> targeting = map(env.get("targeting"));
            Map<String, Object> targets = new LinkedHashMap<>();
            for (Object target : list(targeting.get("targets")))
                targets.put(String.valueOf(map(target).get("variation")), map(target).get("keys"));
            List<Object> prerequisites = new ArrayList<>();
            for (Object prerequisite : list(targeting.get("prerequisites")))
                prerequisites.add(Map.of("flagKey", map(prerequisite).get("flagKey"), "variant", map(prerequisite).get("variation")));
            List<Object> rules = new ArrayList<>();
            for (Object rule : list(targeting.get("rules"))) {
                Map<String, Object> r = map(rule);
                rules.add(Map.of("id", r.get("id"), "clauses", r.get("clauses") == null ? List.of() : r.get("clauses"),
                        "serve", serve(map(r.get("serve")))));
            }
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("key", flag.get("key"));
            config.put("valueType", flag.get("type") == null ? "boolean" : flag.get("type"));
            config.put("enabled", Boolean.TRUE.equals(env.get("enabled")));
            config.put("variations", variations);
            config.put("offVariation", env.containsKey("offVariation") ? env.get("offVariation") : last(keys));
            config.put("prerequisites", prerequisites);
            config.put("targets", targets);
            config.put("rules", rules);
            config.put("fallthrough", targeting.get("fallthroughRollout") != null
                    ? Map.of("rollout", rollout(map(targeting.get("fallthroughRollout"))))
                    : single("variant", env.containsKey("defaultVariation") ? env.get("defaultVariation") : first(keys)));
            flags.put(String.valueOf(flag.get("key")), config);
        }
        Map<String, Object> segments = new LinkedHashMap<>();
        for (Object item : list(document.get("segments"))) {
            Map<String, Object> segment = map(item);
            if (Boolean.TRUE.equals(segment.get("archived"))) continue;
            List<Object> rules = new ArrayList<>();
            for (Object rule : list(segment.get("rules"))) {
                Map<String, Object> r = map(rule);
                Map<String, Object> converted = new LinkedHashMap<>();
                converted.put("id", r.get("id"));
                converted.put("clauses", r.get("clauses") == null ? List.of() : r.get("clauses"));
                putIfPresent(converted, "weight", r.get("weight"));
                putIfPresent(converted, "bucketBy", r.get("bucketBy"));
                putIfPresent(converted, "bucketing", bucketing(r.get("bucketing")));
                rules.add(converted);
            }
            Map<String, Object> converted = new LinkedHashMap<>();
            converted.put("key", segment.get("key"));
            converted.put("included", segment.get("included") == null ? List.of() : segment.get("included"));
            converted.put("excluded", segment.get("excluded") == null ? List.of() : segment.get("excluded"));
            converted.put("rules", rules);
            segments.put(String.valueOf(segment.get("key")), converted);
        }
        return ConfigState.compile(flags, segments);
    }

    private static Map<String, Object> serve(Map<String, Object> serve) {
        return serve.get("rollout") != null ? Map.of("rollout", rollout(map(serve.get("rollout"))))
                : single("variant", serve.get("variation"));
    }

    private static Map<String, Object> rollout(Map<String, Object> rollout) {
        List<Object> weights = new ArrayList<>();
        for (Object weight : list(rollout.get("weights")))
            weights.add(Map.of("variant", map(weight).get("variation"), "weight", map(weight).get("weight")));
        Map<String, Object> converted = new LinkedHashMap<>();
        converted.put("weights", weights);
        putIfPresent(converted, "bucketBy", rollout.get("bucketBy"));
        putIfPresent(converted, "salt", rollout.get("salt"));
        putIfPresent(converted, "bucketing", bucketing(rollout.get("bucketing")));
        return converted;
    }

    /** The files say fallbackVariation (as the API does); the config JSON says fallbackVariant. */
    private static Object bucketing(Object bucketing) {
        if (!(bucketing instanceof Map<?, ?>)) return null;
        Map<String, Object> converted = new LinkedHashMap<>(map(bucketing));
        Object fallback = converted.remove("fallbackVariation");
        if (fallback != null) converted.put("fallbackVariant", fallback);
        return converted;
    }

    private static Map<String, Object> single(String key, Object value) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(key, value);
        return map;
    }

    private static void putIfPresent(Map<String, Object> map, String key, Object value) {
        if (value != null) map.put(key, value);
    }

    private static String first(List<String> keys) {
        return keys.isEmpty() ? null : keys.get(0);
    }

    private static String last(List<String> keys) {
        return keys.isEmpty() ? null : keys.get(keys.size() - 1);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        if (!(value instanceof Map<?, ?> map)) return Map.of();
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, element) -> copy.put(String.valueOf(key), element));
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return value instanceof List<?> list ? (List<Object>) list : List.of();
    }
}
