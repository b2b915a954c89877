package dev.flagledger.cli.gitops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The one canonical form of a project's files (docs/gitops.md): fixed field order, defaults left
 * out, flags and segments sorted by key. Both what the server answers and what a file says are
 * brought into it, so a plan compares like with like, and an export written from it reads back
 * as the same tree: the round trip is lossless by construction.
 */
public final class Canonical {
    public static final int FORMAT_VERSION = 1;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Canonical() {
    }

    /** A whole document: project, segments, flags (either shape: the server's or a file's). */
    public static ObjectNode document(JsonNode project, List<JsonNode> segments, List<JsonNode> flags, List<String> environmentOrder) {
        ObjectNode document = NODES.objectNode();
        document.put("version", FORMAT_VERSION);
        if (project != null) document.set("project", project(project));
        ArrayNode segmentList = document.putArray("segments");
        segments.stream().map(Canonical::segment).sorted(Comparator.comparing(s -> s.path("key").asText()))
                .forEach(segmentList::add);
        ArrayNode flagList = document.putArray("flags");
        flags.stream().map(f -> flag(f, environmentOrder)).sorted(Comparator.comparing(f -> f.path("key").asText()))
                .forEach(flagList::add);
        if (segmentList.isEmpty()) document.remove("segments");
        if (flagList.isEmpty()) document.remove("flags");
        return document;
    }

    public static ObjectNode project(JsonNode in) {
        ObjectNode out = NODES.objectNode();
        out.put("key", in.path("key").asText());
        out.put("name", in.path("name").asText(in.path("key").asText()));
        text(out, "description", in.path("description"));
        ArrayNode environments = out.putArray("environments");
        for (JsonNode e : in.path("environments")) {
            ObjectNode environment = environments.addObject();
            environment.put("key", e.path("key").asText());
            environment.put("name", e.path("name").asText(e.path("key").asText()));
            if (e.path("requireReason").asBoolean(false)) environment.put("requireReason", true);
        }
        return out;
    }

    public static List<String> environmentKeys(JsonNode project) {
        List<String> keys = new ArrayList<>();
        project.path("environments").forEach(e -> keys.add(e.path("key").asText()));
        return keys;
    }

    public static ObjectNode segment(JsonNode in) {
        ObjectNode out = NODES.objectNode();
        out.put("key", in.path("key").asText());
        out.put("name", in.path("name").asText(in.path("key").asText()));
        text(out, "description", in.path("description"));
        strings(out, "included", in.path("included"));
        strings(out, "excluded", in.path("excluded"));
        ArrayNode rules = NODES.arrayNode();
        for (JsonNode r : in.path("rules")) {
            ObjectNode rule = rules.addObject();
            rule.put("id", r.path("id").asText());
            clauses(rule, r.path("clauses"));
            if (r.hasNonNull("weight")) rule.put("weight", r.path("weight").asInt());
            if (r.hasNonNull("bucketBy")) rule.put("bucketBy", r.path("bucketBy").asText());
            if (r.hasNonNull("bucketing")) rule.set("bucketing", withoutNulls(r.path("bucketing")));
        }
        if (!rules.isEmpty()) out.set("rules", rules);
        if (in.path("archived").asBoolean(false)) out.put("archived", true);
        return out;
    }

    /**
     * A flag; {@code environmentOrder} lists the project's environments: every one appears, an
     * environment the input leaves out gets what a new flag has (off, first and last variation).
     */
    public static ObjectNode flag(JsonNode in, List<String> environmentOrder) {
        ObjectNode out = NODES.objectNode();
        out.put("key", in.path("key").asText());
        out.put("name", in.path("name").asText(in.path("key").asText()));
        text(out, "description", in.path("description"));
        strings(out, "tags", in.path("tags"));
        String type = in.has("valueType") ? in.path("valueType").asText() : in.path("type").asText("boolean");
        out.put("type", type.toLowerCase(Locale.ROOT));
        if (in.path("archived").asBoolean(false)) out.put("archived", true);
        ArrayNode variations = out.putArray("variations");
        for (JsonNode v : in.path("variations")) {
            ObjectNode variation = variations.addObject();
            variation.put("key", v.path("key").asText());
            variation.set("value", v.has("value") ? v.get("value").deepCopy() : NODES.nullNode());
            text(variation, "name", v.path("name"));
            text(variation, "description", v.path("description"));
        }
        ObjectNode environments = out.putObject("environments");
        JsonNode given = in.path("environments");
        List<String> order = new ArrayList<>(environmentOrder);
        // Environments the project does not (yet) have stay visible, so a plan can refuse them.
        if (given.isObject()) given.fieldNames().forEachRemaining(k -> { if (!order.contains(k)) order.add(k); });
        for (String key : order) {
            JsonNode e = environmentOf(given, key);
            ObjectNode environment = environments.putObject(key);
            String first = variations.isEmpty() ? null : variations.get(0).path("key").asText();
            String last = variations.isEmpty() ? null : variations.get(variations.size() - 1).path("key").asText();
            environment.put("enabled", e != null && e.path("enabled").asBoolean(false));
            environment.put("defaultVariation", e != null && e.hasNonNull("defaultVariation") ? e.path("defaultVariation").asText() : first);
            environment.put("offVariation", e != null && e.hasNonNull("offVariation") ? e.path("offVariation").asText() : last);
            ObjectNode targeting = targeting(e == null ? NODES.missingNode() : e.path("targeting"));
            if (!targeting.isEmpty()) environment.set("targeting", targeting);
        }
        return out;
    }

    private static JsonNode environmentOf(JsonNode environments, String key) {
        if (environments.isObject()) return environments.get(key);
        for (JsonNode e : environments) if (e.path("key").asText().equals(key)) return e;
        return null;
    }

    /** Targeting without its defaults; also exactly the shape of the GraphQL TargetingInput. */
    public static ObjectNode targeting(JsonNode in) {
        ObjectNode out = NODES.objectNode();
        ArrayNode prerequisites = NODES.arrayNode();
        for (JsonNode p : in.path("prerequisites"))
            prerequisites.addObject().put("flagKey", p.path("flagKey").asText()).put("variation", p.path("variation").asText());
        if (!prerequisites.isEmpty()) out.set("prerequisites", prerequisites);
        ArrayNode targets = NODES.arrayNode();
        for (JsonNode t : in.path("targets")) {
            ObjectNode target = targets.addObject().put("variation", t.path("variation").asText());
            target.set("keys", t.path("keys").deepCopy());
        }
        if (!targets.isEmpty()) out.set("targets", targets);
        ArrayNode rules = NODES.arrayNode();
        for (JsonNode r : in.path("rules")) {
            ObjectNode rule = rules.addObject();
            rule.put("id", r.path("id").asText());
            text(rule, "description", r.path("description"));
            clauses(rule, r.path("clauses"));
            ObjectNode serve = rule.putObject("serve");
            JsonNode s = r.path("serve");
            if (s.hasNonNull("rollout")) serve.set("rollout", rollout(s.path("rollout")));
            else serve.put("variation", s.path("variation").asText());
        }
        if (!rules.isEmpty()) out.set("rules", rules);
        if (in.hasNonNull("fallthroughRollout")) out.set("fallthroughRollout", rollout(in.path("fallthroughRollout")));
        return out;
    }

    /** A GraphQL TargetingInput for the targeting as given (server or file shape). */
    public static ObjectNode targetingInput(JsonNode in) {
        return targeting(in);
    }

    private static ObjectNode rollout(JsonNode in) {
        ObjectNode out = NODES.objectNode();
        ArrayNode weights = out.putArray("weights");
        for (JsonNode w : in.path("weights"))
            weights.addObject().put("variation", w.path("variation").asText()).put("weight", w.path("weight").asInt());
        if (in.hasNonNull("bucketBy")) out.put("bucketBy", in.path("bucketBy").asText());
        if (in.hasNonNull("salt")) out.put("salt", in.path("salt").asText());
        if (in.hasNonNull("bucketing")) out.set("bucketing", withoutNulls(in.path("bucketing")));
        return out;
    }

    /** A bucketing spec's set fields, in a fixed order. */
    private static ObjectNode withoutNulls(JsonNode in) {
        ObjectNode out = NODES.objectNode();
        for (String field : List.of("algorithm", "prefix", "relativeWeights", "fallbackVariation", "groupId", "seed", "modulus"))
            if (in.hasNonNull(field)) out.set(field, in.get(field).deepCopy());
        return out;
    }

    private static void clauses(ObjectNode into, JsonNode in) {
        ArrayNode clauses = NODES.arrayNode();
        for (JsonNode c : in) {
            ObjectNode clause = clauses.addObject();
            if (c.hasNonNull("attribute")) clause.put("attribute", c.path("attribute").asText());
            clause.put("operator", c.path("operator").asText());
            clause.set("values", c.path("values").isArray() ? c.path("values").deepCopy() : NODES.arrayNode());
            if (c.path("negate").asBoolean(false)) clause.put("negate", true);
        }
        if (!clauses.isEmpty()) into.set("clauses", clauses);
    }

    private static void text(ObjectNode into, String field, JsonNode value) {
        if (value.isTextual() && !value.asText().isEmpty()) into.put(field, value.asText());
    }

    private static void strings(ObjectNode into, String field, JsonNode values) {
        if (values.isArray() && !values.isEmpty()) into.set(field, values.deepCopy());
    }
}
