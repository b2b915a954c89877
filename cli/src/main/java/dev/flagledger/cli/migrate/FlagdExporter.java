package dev.flagledger.cli.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flagledger.cli.migrate.Dnf.Unsupported;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes one environment of project files as a flagd flag definition: targets, rules and the
 * fallthrough become an {@code if} chain, segments {@code $evaluators}, rollouts {@code fractional}
 * (bit-exact when they carry flagd bucketing, re-bucketed otherwise, and said so). What flagd
 * cannot express (prerequisites, regexes, dates, weighted segment rules) is reported.
 */
public final class FlagdExporter {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private final List<Unrepresentable> report = new ArrayList<>();

    public record Exported(ObjectNode file, List<Unrepresentable> report) {
    }

    public static Exported export(JsonNode document, String environment) {
        FlagdExporter exporter = new FlagdExporter();
        ObjectNode file = NODES.objectNode();
        file.put("$schema", "https://flagd.dev/schema/v0/flags.json");
        ObjectNode flags = file.putObject("flags");
        ObjectNode evaluators = NODES.objectNode();
        for (JsonNode segment : document.path("segments")) {
            if (segment.path("archived").asBoolean()) continue;
            try {
                evaluators.set(segment.path("key").asText(), exporter.segment(segment));
            } catch (Unsupported unsupported) {
                exporter.report.add(new Unrepresentable("segment " + segment.path("key").asText(), "the segment",
                        unsupported.getMessage(), true));
            }
        }
        for (JsonNode flag : document.path("flags")) {
            if (flag.path("archived").asBoolean()) continue;
            String key = flag.path("key").asText();
            try {
                flags.set(key, exporter.flag(flag, flag.path("environments").path(environment), evaluators));
            } catch (Unsupported unsupported) {
                exporter.report.add(new Unrepresentable("flag " + key, "the flag", unsupported.getMessage(), true));
            }
        }
        if (!evaluators.isEmpty()) file.set("$evaluators", evaluators);
        return new Exported(file, exporter.report);
    }

    private ObjectNode flag(JsonNode flag, JsonNode environment, ObjectNode evaluators) {
        String key = flag.path("key").asText();
        String where = "flag " + key;
        ObjectNode out = NODES.objectNode();
        boolean enabled = environment.path("enabled").asBoolean(false);
        out.put("state", enabled ? "ENABLED" : "DISABLED");
        if (!enabled) report.add(new Unrepresentable(where, "off", "flagd answers a DISABLED flag with the caller's default, not the"
                + " off variation '" + environment.path("offVariation").asText() + "'", false));
        ObjectNode variants = out.putObject("variants");
        flag.path("variations").forEach(v -> variants.set(v.path("key").asText(), v.path("value").deepCopy()));
        JsonNode targeting = environment.path("targeting");
        String defaultVariant = environment.path("defaultVariation").asText();
        out.put("defaultVariant", defaultVariant);
        if (targeting.has("prerequisites"))
            report.add(new Unrepresentable(where, "prerequisites", "flagd has no prerequisites; they are left out", true));
        ArrayNode chain = NODES.arrayNode();
        for (JsonNode target : targeting.path("targets")) {
            ObjectNode in = NODES.objectNode();
            in.putArray("in").add(var("targetingKey")).add(target.path("keys").deepCopy());
            chain.add(in).add(target.path("variation").asText());
        }
        for (JsonNode rule : targeting.path("rules")) {
            try {
                JsonNode condition = conjunction(rule.path("clauses"), evaluators);
                JsonNode serve = serve(rule.path("serve"), key, defaultVariant, where);
                chain.add(condition).add(serve);
            } catch (Unsupported unsupported) {
                report.add(new Unrepresentable(where + " rule " + rule.path("id").asText(), "the rule", unsupported.getMessage(), true));
            }
        }
        JsonNode fallthrough = targeting.hasNonNull("fallthroughRollout")
                ? fractional(targeting.path("fallthroughRollout"), key, defaultVariant, where) : null;
        if (!chain.isEmpty()) {
            if (fallthrough != null) chain.add(fallthrough);
            out.set("targeting", NODES.objectNode().set("if", chain));
        } else if (fallthrough != null) {
            out.set("targeting", fallthrough);
        }
        return out;
    }

    private JsonNode serve(JsonNode serve, String key, String defaultVariant, String where) {
        return serve.hasNonNull("rollout") ? fractional(serve.path("rollout"), key, defaultVariant, where)
                : NODES.textNode(serve.path("variation").asText());
    }

    private JsonNode fractional(JsonNode rollout, String key, String defaultVariant, String where) {
        JsonNode bucketing = rollout.path("bucketing");
        String bucketBy = rollout.path("bucketBy").asText("targetingKey");
        ArrayNode args = NODES.arrayNode();
        boolean flagd = bucketing.path("algorithm").asText().equals("flagd");
        String prefix = flagd ? bucketing.path("prefix").asText("") : key;
        if (!flagd) report.add(new Unrepresentable(where, "rollout", "flagd hashes differently (" + (bucketing.isMissingNode()
                ? "flagledger" : bucketing.path("algorithm").asText()) + " bucketing here): users land in new buckets, the shares stay", false));
        else if (!bucketing.path("fallbackVariation").asText(defaultVariant).equals(defaultVariant))
            report.add(new Unrepresentable(where, "rollout fallback", "flagd falls back to the defaultVariant '" + defaultVariant
                    + "', not '" + bucketing.path("fallbackVariation").asText() + "'", false));
        if (!(prefix.equals(key) && bucketBy.equals("targetingKey"))) {
            if (prefix.isEmpty()) args.add(var(bucketBy));
            else {
                ObjectNode cat = NODES.objectNode();
                cat.putArray("cat").add(prefix).add(var(bucketBy));
                args.add(cat);
            }
        }
        JsonNode relative = bucketing.path("relativeWeights");
        int i = 0;
        for (JsonNode weight : rollout.path("weights")) {
            int value = relative.isArray() ? relative.get(i).asInt() : weight.path("weight").asInt();
            args.addArray().add(weight.path("variation").asText()).add(value);
            i++;
        }
        return NODES.objectNode().set("fractional", args);
    }

    private ObjectNode segment(JsonNode segment) {
        ArrayNode members = NODES.arrayNode();
        if (segment.path("included").isArray() && !segment.path("included").isEmpty()) {
            ObjectNode in = NODES.objectNode();
            in.putArray("in").add(var("targetingKey")).add(segment.path("included").deepCopy());
            members.add(in);
        }
        for (JsonNode rule : segment.path("rules")) {
            if (rule.hasNonNull("weight")) throw new Unsupported("rule " + rule.path("id").asText() + " admits a share of contexts;"
                    + " flagd conditions cannot bucket");
            members.add(conjunction(rule.path("clauses"), NODES.objectNode()));
        }
        ObjectNode any = NODES.objectNode();
        any.set("or", members);
        if (!segment.path("excluded").isArray() || segment.path("excluded").isEmpty()) return any;
        ObjectNode notExcluded = NODES.objectNode();
        ObjectNode in = NODES.objectNode();
        in.putArray("in").add(var("targetingKey")).add(segment.path("excluded").deepCopy());
        notExcluded.set("!", in);
        ObjectNode both = NODES.objectNode();
        both.putArray("and").add(notExcluded).add(any);
        return both;
    }

    private JsonNode conjunction(JsonNode clauses, JsonNode evaluators) {
        ArrayNode all = NODES.arrayNode();
        for (JsonNode clause : clauses) all.add(clause(clause, evaluators));
        if (all.isEmpty()) return NODES.booleanNode(true);
        return all.size() == 1 ? all.get(0) : NODES.objectNode().set("and", all);
    }

    private JsonNode clause(JsonNode clause, JsonNode evaluators) {
        String operator = clause.path("operator").asText();
        JsonNode values = clause.path("values");
        JsonNode attribute = var(clause.path("attribute").asText("targetingKey"));
        ArrayNode any = NODES.arrayNode();
        switch (operator) {
            case "in" -> {
                ObjectNode in = NODES.objectNode();
                in.putArray("in").add(attribute).add(values.deepCopy());
                any.add(in);
            }
            case "inSegment" -> values.forEach(v -> {
                if (!evaluators.has(v.asText())) throw new Unsupported("segment " + v.asText() + " could not be exported");
                any.add(NODES.objectNode().put("$ref", v.asText()));
            });
            default -> values.forEach(v -> any.add(single(operator, attribute, v)));
        }
        JsonNode test = any.size() == 1 ? any.get(0) : NODES.objectNode().set("or", any);
        return clause.path("negate").asBoolean() ? NODES.objectNode().set("!", test) : test;
    }

    private static JsonNode single(String operator, JsonNode attribute, JsonNode value) {
        ObjectNode out = NODES.objectNode();
        switch (operator) {
            case "equals" -> out.putArray("===").add(attribute).add(value.deepCopy());
            case "startsWith" -> out.putArray("starts_with").add(attribute).add(value.deepCopy());
            case "endsWith" -> out.putArray("ends_with").add(attribute).add(value.deepCopy());
            case "contains" -> out.putArray("in").add(value.deepCopy()).add(attribute);
            case "lt" -> out.putArray("<").add(attribute).add(value.deepCopy());
            case "lte" -> out.putArray("<=").add(attribute).add(value.deepCopy());
            case "gt" -> out.putArray(">").add(attribute).add(value.deepCopy());
            case "gte" -> out.putArray(">=").add(attribute).add(value.deepCopy());
            case "semverEq" -> out.putArray("sem_ver").add(attribute).add("=").add(value.deepCopy());
            case "semverLt" -> out.putArray("sem_ver").add(attribute).add("<").add(value.deepCopy());
            case "semverGt" -> out.putArray("sem_ver").add(attribute).add(">").add(value.deepCopy());
            default -> throw new Unsupported("the operator " + operator + " has no flagd equivalent");
        }
        return out;
    }

    private static ObjectNode var(String attribute) {
        return NODES.objectNode().put("var", attribute);
    }
}
