package dev.flagledger.cli.gitops;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flagledger.cli.client.GraphQlClient;
import dev.flagledger.evaluation.EvaluationConfig;
import dev.flagledger.evaluation.format.ConfigTreeReader;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One environment of project files as the SDK config JSON (docs/evaluation.md), compiled by the
 * evaluation engine itself: what {@code flagledger dev} serves and what the migration tests
 * evaluate. Archived flags and segments are left out, as the server's snapshot leaves them out.
 */
public final class EnvironmentConfig {
    private EnvironmentConfig() {
    }

    public static EvaluationConfig compile(JsonNode document, String environment, long version) {
        return EvaluationConfig.compile(ConfigTreeReader.read(tree(document, environment, version)));
    }

    /** The config tree; {@code document} is in the files' shape (canonical or not). */
    public static Map<String, Object> tree(JsonNode document, String environment, long version) {
        Map<String, Object> flags = new LinkedHashMap<>();
        for (JsonNode flag : document.path("flags")) {
            if (flag.path("archived").asBoolean()) continue;
            JsonNode env = flag.path("environments").path(environment);
            Map<String, Object> tree = new LinkedHashMap<>();
            tree.put("key", flag.path("key").asText());
            tree.put("version", version);
            tree.put("valueType", flag.path("type").asText("boolean"));
            tree.put("enabled", env.path("enabled").asBoolean(false));
            Map<String, Object> variations = new LinkedHashMap<>();
            flag.path("variations").forEach(v -> variations.put(v.path("key").asText(), plain(v.path("value"))));
            tree.put("variations", variations);
            List<String> keys = new ArrayList<>(variations.keySet());
            String defaultVariation = env.path("defaultVariation").asText(keys.isEmpty() ? null : keys.get(0));
            tree.put("offVariation", env.path("offVariation").asText(keys.isEmpty() ? null : keys.get(keys.size() - 1)));
            JsonNode targeting = env.path("targeting");
            List<Object> prerequisites = new ArrayList<>();
            targeting.path("prerequisites").forEach(p -> prerequisites.add(Map.of("flagKey", p.path("flagKey").asText(),
                    "variant", p.path("variation").asText())));
            tree.put("prerequisites", prerequisites);
            Map<String, Object> targets = new LinkedHashMap<>();
            targeting.path("targets").forEach(t -> targets.put(t.path("variation").asText(), plain(t.path("keys"))));
            tree.put("targets", targets);
            List<Object> rules = new ArrayList<>();
            for (JsonNode rule : targeting.path("rules")) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("id", rule.path("id").asText());
                r.put("clauses", plain(rule.path("clauses").isMissingNode() ? GraphQlClient.JSON.createArrayNode() : rule.path("clauses")));
                r.put("serve", serve(rule.path("serve")));
                rules.add(r);
            }
            tree.put("rules", rules);
            tree.put("fallthrough", targeting.hasNonNull("fallthroughRollout")
                    ? Map.of("rollout", rollout(targeting.path("fallthroughRollout"))) : Map.of("variant", defaultVariation));
            flags.put(flag.path("key").asText(), tree);
        }
        Map<String, Object> segments = new LinkedHashMap<>();
        for (JsonNode segment : document.path("segments")) {
            if (segment.path("archived").asBoolean()) continue;
            Map<String, Object> tree = new LinkedHashMap<>();
            tree.put("key", segment.path("key").asText());
            tree.put("version", version);
            tree.put("included", plain(segment.path("included").isMissingNode() ? GraphQlClient.JSON.createArrayNode() : segment.path("included")));
            tree.put("excluded", plain(segment.path("excluded").isMissingNode() ? GraphQlClient.JSON.createArrayNode() : segment.path("excluded")));
            List<Object> rules = new ArrayList<>();
            for (JsonNode rule : segment.path("rules")) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("id", rule.path("id").asText());
                r.put("clauses", plain(rule.path("clauses").isMissingNode() ? GraphQlClient.JSON.createArrayNode() : rule.path("clauses")));
                if (rule.hasNonNull("weight")) r.put("weight", rule.path("weight").asInt());
                if (rule.hasNonNull("bucketBy")) r.put("bucketBy", rule.path("bucketBy").asText());
                if (rule.hasNonNull("bucketing")) r.put("bucketing", bucketing(rule.path("bucketing")));
                rules.add(r);
            }
            tree.put("rules", rules);
            segments.put(segment.path("key").asText(), tree);
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("flags", flags);
        config.put("segments", segments);
        return config;
    }

    private static Map<String, Object> serve(JsonNode serve) {
        return serve.hasNonNull("rollout") ? Map.of("rollout", rollout(serve.path("rollout")))
                : Map.of("variant", serve.path("variation").asText());
    }

    private static Map<String, Object> rollout(JsonNode rollout) {
        Map<String, Object> out = new LinkedHashMap<>();
        List<Object> weights = new ArrayList<>();
        rollout.path("weights").forEach(w -> weights.add(Map.of("variant", w.path("variation").asText(),
                "weight", w.path("weight").asInt())));
        out.put("weights", weights);
        if (rollout.hasNonNull("bucketBy")) out.put("bucketBy", rollout.path("bucketBy").asText());
        if (rollout.hasNonNull("salt")) out.put("salt", rollout.path("salt").asText());
        if (rollout.hasNonNull("bucketing")) out.put("bucketing", bucketing(rollout.path("bucketing")));
        return out;
    }

    /** The files say fallbackVariation (as the API does); the config JSON says fallbackVariant. */
    private static Map<String, Object> bucketing(JsonNode bucketing) {
        @SuppressWarnings("unchecked")
        Map<String, Object> out = new LinkedHashMap<>((Map<String, Object>) plain(bucketing));
        Object fallback = out.remove("fallbackVariation");
        if (fallback != null) out.put("fallbackVariant", fallback);
        return out;
    }

    /** A JSON tree as plain Java values (maps, lists, strings, BigDecimal numbers, booleans, null). */
    static Object plain(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) return null;
        if (node.isTextual()) return node.asText();
        if (node.isBoolean()) return node.asBoolean();
        if (node.isNumber()) return node.decimalValue();
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(item -> list.add(plain(item)));
            return list;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        node.fields().forEachRemaining(field -> map.put(field.getKey(), plain(field.getValue())));
        return map;
    }
}
