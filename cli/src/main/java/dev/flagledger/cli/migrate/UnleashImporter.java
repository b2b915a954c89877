package dev.flagledger.cli.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flagledger.cli.migrate.Dnf.Unsupported;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Imports an Unleash feature export: the admin export ({@code features}, {@code featureStrategies},
 * {@code featureEnvironments}, {@code segments}) for one Unleash environment, or the client API
 * format ({@code features} with strategies and variants). Each strategy becomes a rule (strategies
 * are ORed, and the first one that is on supplies the variants, so rule order is strategy order);
 * constraints become clauses; a gradual rollout becomes a segment rule whose share is bucketed with
 * Unleash's own normalized hash (seed 0, modulus 100), and variants a rollout bucketed with
 * Unleash's variant hash (seed 86028157, modulus the total weight), so no user changes bucket.
 */
public final class UnleashImporter {
    static final int VARIANT_SEED = 86_028_157;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern STRICT_SEMVER = Pattern.compile(
            "(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?");
    private final String environment;
    private final List<Unrepresentable> report = new ArrayList<>();
    private final List<JsonNode> segments = new ArrayList<>();
    /** Unleash segment id to our segment key (absent when the segment could not be represented). */
    private final Map<Integer, String> segmentKeys = new HashMap<>();
    private final Map<String, String> flagKeys = new HashMap<>();
    private final Map<String, Boolean> booleanFlags = new HashMap<>();

    private UnleashImporter(String environment) {
        this.environment = environment;
    }

    /**
     * @param unleashEnvironment which Unleash environment of an admin export to read (ignored for
     *                           the client format, which holds one)
     */
    public static Imported convert(JsonNode file, String environment, String unleashEnvironment) {
        try {
            JsonNode client = file.has("featureStrategies") ? clientFormat(file, unleashEnvironment) : file;
            return new UnleashImporter(environment).convertAll(client);
        } catch (IllegalArgumentException refused) {
            throw refused;
        } catch (RuntimeException malformed) {
            // A part of the wrong shape (an array where an object belongs, a missing argument): the file
            // is refused as a whole, with the one error type callers handle (issue 15, hostile input).
            throw new IllegalArgumentException("not a well-formed Unleash export: " + malformed, malformed);
        }
    }

    /** The admin export's features in one environment, in the client API's shape. */
    static JsonNode clientFormat(JsonNode export, String unleashEnvironment) {
        if (unleashEnvironment == null)
            throw new IllegalArgumentException("an Unleash admin export holds several environments: name one (--unleash-environment)");
        ObjectNode client = NODES.objectNode();
        ArrayNode features = client.putArray("features");
        for (JsonNode feature : export.path("features")) {
            String name = feature.path("name").asText();
            ObjectNode out = feature.deepCopy();
            JsonNode environmentState = null;
            for (JsonNode e : export.path("featureEnvironments"))
                if (e.path("featureName").asText().equals(name) && e.path("environment").asText().equals(unleashEnvironment))
                    environmentState = e;
            out.put("enabled", environmentState != null && environmentState.path("enabled").asBoolean());
            out.set("variants", environmentState == null ? NODES.arrayNode() : environmentState.path("variants").deepCopy());
            List<JsonNode> strategies = new ArrayList<>();
            for (JsonNode s : export.path("featureStrategies"))
                if (s.path("featureName").asText().equals(name) && s.path("environment").asText().equals(unleashEnvironment))
                    strategies.add(s);
            strategies.sort(Comparator.comparingInt(s -> s.path("sortOrder").asInt(0)));
            ArrayNode list = out.putArray("strategies");
            strategies.forEach(s -> list.add(s.deepCopy()));
            for (JsonNode dependency : export.path("dependencies"))
                if (dependency.path("feature").asText().equals(name)) out.set("dependencies", dependency.path("dependencies").deepCopy());
            features.add(out);
        }
        client.set("segments", export.path("segments").deepCopy());
        return client;
    }

    private Imported convertAll(JsonNode client) {
        if (!client.path("features").isArray()) throw new IllegalArgumentException("not an Unleash export: no 'features' list");
        Keys segmentNames = Keys.forFlags();
        for (JsonNode segment : client.path("segments")) {
            String where = "segment " + segment.path("name").asText();
            String key = segmentNames.key(segment.path("name").asText("segment-" + segment.path("id").asText()), where, report);
            if (key == null) continue;
            try {
                ObjectNode out = NODES.objectNode().put("key", key).put("name", segment.path("name").asText(key));
                if (segment.hasNonNull("description") && !segment.path("description").asText().isEmpty())
                    out.put("description", segment.path("description").asText());
                ArrayNode rules = out.putArray("rules");
                ObjectNode rule = rules.addObject().put("id", "constraints");
                rule.set("clauses", clauses(segment.path("constraints"), where));
                segments.add(out);
                segmentKeys.put(segment.path("id").asInt(), key);
            } catch (Unsupported unsupported) {
                report.add(new Unrepresentable(where, "the segment", unsupported.getMessage(), true));
            }
        }
        Keys keys = Keys.forFlags();
        for (JsonNode feature : client.path("features")) {
            String name = feature.path("name").asText();
            String key = keys.key(name, "feature " + name, report);
            if (key != null) {
                flagKeys.put(name, key);
                booleanFlags.put(name, !hasVariants(feature));
            }
        }
        List<JsonNode> flags = new ArrayList<>();
        for (JsonNode feature : client.path("features")) {
            String name = feature.path("name").asText();
            if (!flagKeys.containsKey(name)) continue;
            try {
                flags.add(flag(feature, flagKeys.get(name)));
            } catch (Unsupported unsupported) {
                report.add(new Unrepresentable("feature " + name, "the whole feature", unsupported.getMessage(), true));
            }
        }
        return new Imported(flags, segments, report);
    }

    private static boolean hasVariants(JsonNode feature) {
        if (feature.path("variants").isArray() && !feature.path("variants").isEmpty()) return true;
        for (JsonNode strategy : feature.path("strategies"))
            if (strategy.path("variants").isArray() && !strategy.path("variants").isEmpty()) return true;
        return false;
    }

    private ObjectNode flag(JsonNode feature, String key) {
        String name = feature.path("name").asText();
        String where = "feature " + name;
        boolean bool = !hasVariants(feature);
        String off = bool ? "off" : "disabled";
        Keys variationKeys = Keys.forVariations();
        Map<String, String> variationOf = new LinkedHashMap<>();
        Map<String, JsonNode> values = new LinkedHashMap<>();
        boolean stringValues = true;
        if (!bool) {
            List<JsonNode> all = new ArrayList<>();
            feature.path("variants").forEach(all::add);
            feature.path("strategies").forEach(s -> s.path("variants").forEach(all::add));
            for (JsonNode variant : all) {
                String variantName = variant.path("name").asText();
                if (variationOf.containsKey(variantName)) continue;
                if (variantName.equals("disabled")) throw new Unsupported("a variant named 'disabled' (Unleash's own answer when off)");
                String variationKey = variationKeys.key(variantName, where + " variant", report);
                if (variationKey == null) throw new Unsupported("two variants map to one variation key");
                variationOf.put(variantName, variationKey);
                JsonNode payload = variant.path("payload");
                JsonNode value = payloadValue(payload, variantName);
                stringValues &= value.isTextual();
                values.put(variationKey, value);
            }
        }
        ArrayNode variations = NODES.arrayNode();
        if (bool) {
            variations.addObject().put("key", "on").put("value", true);
            variations.addObject().put("key", "off").put("value", false);
        } else {
            for (Map.Entry<String, String> entry : variationOf.entrySet()) {
                ObjectNode variation = variations.addObject().put("key", entry.getValue());
                variation.set("value", values.get(entry.getValue()));
                if (!entry.getValue().equals(entry.getKey())) variation.put("name", entry.getKey());
            }
            ObjectNode disabled = variations.addObject().put("key", "disabled");
            disabled.set("value", stringValues ? NODES.textNode("disabled") : NODES.nullNode());
        }
        for (JsonNode variant : feature.path("variants"))
            if (variant.path("overrides").isArray() && !variant.path("overrides").isEmpty())
                report.add(new Unrepresentable(where, "overrides of variant " + variant.path("name").asText(),
                        "variant overrides have no Flagledger equivalent (target the keys in a rule instead)", true));

        List<ObjectNode> rules = new ArrayList<>();
        int index = 0;
        for (JsonNode strategy : feature.path("strategies")) {
            index++;
            String strategyWhere = where + " strategy " + index + " (" + strategy.path("name").asText() + ")";
            if (strategy.path("disabled").asBoolean(false)) {
                report.add(new Unrepresentable(strategyWhere, "a disabled strategy", "it never applies, so it is left out", false));
                continue;
            }
            try {
                ObjectNode rule = strategyRule(feature, strategy, key, index, bool, variationOf, strategyWhere);
                if (rule != null) rules.add(rule);
            } catch (Unsupported unsupported) {
                report.add(new Unrepresentable(strategyWhere, "the strategy", unsupported.getMessage(), true));
            }
        }
        int id = 1;
        for (ObjectNode rule : rules) rule.put("id", "s" + id++);

        ObjectNode targeting = NODES.objectNode();
        ArrayNode prerequisites = prerequisites(feature, where);
        if (!prerequisites.isEmpty()) targeting.set("prerequisites", prerequisites);
        if (!rules.isEmpty()) targeting.set("rules", NODES.arrayNode().addAll(new ArrayList<>(rules)));
        ObjectNode environmentConfig = NODES.objectNode();
        environmentConfig.put("enabled", feature.path("enabled").asBoolean(false));
        environmentConfig.put("defaultVariation", off);
        environmentConfig.put("offVariation", off);
        if (!targeting.isEmpty()) environmentConfig.set("targeting", targeting);

        ObjectNode flag = NODES.objectNode();
        flag.put("key", key);
        flag.put("name", name);
        String description = feature.path("description").asText("");
        String type = feature.path("type").asText("");
        flag.put("description", (description.isEmpty() ? "" : description + " ")
                + "(imported from Unleash" + (type.isEmpty() ? "" : ", type " + type) + ")");
        flag.put("type", bool ? "boolean" : stringValues ? "string" : "json");
        flag.set("variations", variations);
        flag.putObject("environments").set(environment, environmentConfig);
        return flag;
    }

    private static JsonNode payloadValue(JsonNode payload, String variantName) {
        if (payload.isMissingNode() || payload.isNull()) return NODES.textNode(variantName);
        String value = payload.path("value").asText();
        return switch (payload.path("type").asText("string")) {
            case "json" -> {
                try {
                    yield dev.flagledger.cli.client.GraphQlClient.JSON.readTree(value);
                } catch (java.io.IOException e) {
                    throw new Unsupported("variant " + variantName + " has a json payload that does not parse");
                }
            }
            case "number" -> {
                try {
                    yield NODES.numberNode(new java.math.BigDecimal(value));
                } catch (NumberFormatException e) {
                    throw new Unsupported("variant " + variantName + " has a number payload that does not parse");
                }
            }
            default -> NODES.textNode(value);
        };
    }

    private ArrayNode prerequisites(JsonNode feature, String where) {
        ArrayNode prerequisites = NODES.arrayNode();
        for (JsonNode dependency : feature.path("dependencies")) {
            String parent = dependency.path("feature").asText();
            String parentKey = flagKeys.get(parent);
            boolean wantsEnabled = dependency.path("enabled").asBoolean(true);
            boolean withVariants = dependency.path("variants").isArray() && !dependency.path("variants").isEmpty();
            if (parentKey == null || !wantsEnabled || withVariants || !Boolean.TRUE.equals(booleanFlags.get(parent))) {
                report.add(new Unrepresentable(where, "dependency on " + parent, parentKey == null ? "the parent feature was not imported"
                        : !wantsEnabled ? "a dependency on a disabled parent has no Flagledger equivalent"
                        : "a prerequisite names one variation; this dependency needs a parent with variants", true));
                continue;
            }
            prerequisites.addObject().put("flagKey", parentKey).put("variation", "on");
        }
        return prerequisites;
    }

    /** One strategy as a rule; null when it can never match (a 0 % rollout). */
    private ObjectNode strategyRule(JsonNode feature, JsonNode strategy, String flagKey, int index, boolean bool,
                                    Map<String, String> variationOf, String where) {
        String name = feature.path("name").asText();
        JsonNode parameters = strategy.path("parameters");
        ArrayNode clauses = clauses(strategy.path("constraints"), where);
        for (JsonNode id : strategy.path("segments")) {
            String segment = segmentKeys.get(id.asInt());
            if (segment == null) throw new Unsupported("it uses segment " + id.asText() + ", which could not be imported");
            clauses.addObject().put("operator", "inSegment").putArray("values").add(segment);
        }
        String strategyName = strategy.path("name").asText();
        String groupId = parameters.path("groupId").asText(name);
        switch (strategyName) {
            case "default" -> { }
            case "flexibleRollout", "gradualRolloutUserId", "gradualRolloutSessionId" -> {
                String percentage = strategyName.equals("flexibleRollout") ? parameters.path("rollout").asText("100")
                        : parameters.path("percentage").asText("100");
                String stickiness = strategyName.equals("gradualRolloutUserId") ? "userId"
                        : strategyName.equals("gradualRolloutSessionId") ? "sessionId" : parameters.path("stickiness").asText("default");
                int percent;
                try {
                    // normalized (1..100) <= p is the same as <= floor(p)
                    percent = (int) Math.floor(Double.parseDouble(percentage));
                } catch (NumberFormatException e) {
                    throw new Unsupported("rollout percentage '" + percentage + "' is not a number");
                }
                if (percent <= 0) {
                    report.add(new Unrepresentable(where, "a 0 % rollout", "it never applies, so it is left out", false));
                    return null;
                }
                if (percent < 100) clauses.addObject().put("operator", "inSegment").putArray("values")
                        .add(gate(flagKey, index, name, groupId, stickiness(stickiness, where), percent));
            }
            case "userWithId" -> {
                ArrayNode ids = NODES.arrayNode();
                for (String id : parameters.path("userIds").asText("").split(",")) if (!id.isBlank()) ids.add(id.strip());
                if (ids.isEmpty()) throw new Unsupported("userWithId without user ids");
                ObjectNode clause = clauses.addObject().put("attribute", "targetingKey").put("operator", "in");
                clause.set("values", ids);
            }
            case "remoteAddress" -> {
                ArrayNode ips = NODES.arrayNode();
                for (String ip : parameters.path("IPs").asText("").split(",")) {
                    if (ip.isBlank()) continue;
                    if (ip.contains("/")) throw new Unsupported("IP range " + ip.strip() + " (CIDR) has no Flagledger operator");
                    ips.add(ip.strip());
                }
                ObjectNode clause = clauses.addObject().put("attribute", "remoteAddress").put("operator", "in");
                clause.set("values", ips);
            }
            default -> throw new Unsupported("strategy '" + strategyName + "' has no Flagledger equivalent"
                    + (strategyName.equals("gradualRolloutRandom") ? " (random assignment is not reproducible)" : ""));
        }
        ObjectNode rule = NODES.objectNode();
        if (!clauses.isEmpty()) rule.set("clauses", clauses);
        if (bool) {
            rule.putObject("serve").put("variation", "on");
            return rule;
        }
        JsonNode variants = strategy.path("variants").isArray() && !strategy.path("variants").isEmpty()
                ? strategy.path("variants") : feature.path("variants");
        String variantGroup = variants == feature.path("variants") ? name : groupId;
        rule.set("serve", variantServe(variants, variantGroup, variationOf, where));
        return rule;
    }

    /** Variants as a rollout bucketed with Unleash's variant hash; a single variant is served as is. */
    private ObjectNode variantServe(JsonNode variants, String groupId, Map<String, String> variationOf, String where) {
        if (!variants.isArray() || variants.isEmpty()) return NODES.objectNode().put("variation", "disabled");
        int total = 0;
        List<JsonNode> weighted = new ArrayList<>();
        for (JsonNode variant : variants) {
            total += variant.path("weight").asInt();
            weighted.add(variant);
        }
        List<JsonNode> nonZero = weighted.stream().filter(v -> v.path("weight").asInt() > 0).toList();
        if (nonZero.size() == 1) return NODES.objectNode().put("variation", variationOf.get(nonZero.get(0).path("name").asText()));
        if (total <= 0 || 100_000 % total != 0)
            throw new Unsupported("variant weights totalling " + total + " do not divide 100000 buckets exactly");
        ObjectNode rollout = NODES.objectNode();
        ArrayNode weights = rollout.putArray("weights");
        for (JsonNode variant : weighted)
            weights.addObject().put("variation", variationOf.get(variant.path("name").asText()))
                    .put("weight", variant.path("weight").asInt() * (100_000 / total));
        String stickiness = stickiness(variants.get(0).path("stickiness").asText("default"), where);
        if (!stickiness.equals("targetingKey")) rollout.put("bucketBy", stickiness);
        rollout.putObject("bucketing").put("algorithm", "unleash").put("groupId", groupId).put("seed", VARIANT_SEED)
                .put("modulus", total);
        return NODES.objectNode().set("rollout", rollout);
    }

    /** The segment whose one rule admits exactly Unleash's rollout share (normalized value <= percent). */
    private String gate(String flagKey, int index, String feature, String groupId, String bucketBy, int percent) {
        String key = "unleash-gate." + flagKey + "." + index;
        if (key.length() > 128) throw new Unsupported("the feature name is too long for its rollout segment's key");
        ObjectNode segment = NODES.objectNode().put("key", key)
                .put("name", "Unleash rollout of " + feature + ", strategy " + index + " (" + percent + " %)");
        ObjectNode rule = segment.putArray("rules").addObject().put("id", "rollout").put("weight", percent * 1000);
        if (!bucketBy.equals("targetingKey")) rule.put("bucketBy", bucketBy);
        rule.putObject("bucketing").put("algorithm", "unleash").put("groupId", groupId).put("seed", 0).put("modulus", 100);
        segments.add(segment);
        return key;
    }

    private String stickiness(String stickiness, String where) {
        return switch (stickiness) {
            case "default" -> {
                note(where, "default stickiness", "Unleash falls back to sessionId and then a random value without a userId;"
                        + " Flagledger buckets by the targeting key (userId) and leaves contexts without one out");
                yield "targetingKey";
            }
            case "userId" -> "targetingKey";
            case "random" -> throw new Unsupported("random stickiness is not reproducible");
            default -> stickiness;
        };
    }

    private final java.util.Set<String> noted = new java.util.HashSet<>();

    private void note(String where, String topic, String reason) {
        if (noted.add(where + topic)) report.add(new Unrepresentable(where, topic, reason, false));
    }

    private ArrayNode clauses(JsonNode constraints, String where) {
        ArrayNode clauses = NODES.arrayNode();
        for (JsonNode constraint : constraints) clauses.add(clause(constraint, where));
        return clauses;
    }

    private ObjectNode clause(JsonNode constraint, String where) {
        String context = constraint.path("contextName").asText();
        if (context.equals("currentTime"))
            throw new Unsupported("a constraint on currentTime (Flagledger has no clock attribute; use a scheduled change)");
        String attribute = context.equals("userId") ? "targetingKey" : context;
        String operator = constraint.path("operator").asText();
        boolean negate = constraint.path("inverted").asBoolean(false);
        boolean caseInsensitive = constraint.path("caseInsensitive").asBoolean(false);
        List<String> values = new ArrayList<>();
        constraint.path("values").forEach(v -> values.add(v.asText()));
        String value = constraint.path("value").asText(null);
        ObjectNode clause = NODES.objectNode().put("attribute", attribute);
        ArrayNode list = NODES.arrayNode();
        switch (operator) {
            case "IN", "NOT_IN" -> {
                clause.put("operator", "in");
                values.forEach(list::add);
                if (operator.equals("NOT_IN")) negate = !negate;
                if (values.isEmpty()) throw new Unsupported(operator + " with no values");
            }
            case "STR_CONTAINS", "STR_STARTS_WITH", "STR_ENDS_WITH" -> {
                if (values.isEmpty()) throw new Unsupported(operator + " with no values");
                if (caseInsensitive) {
                    clause.put("operator", "matches");
                    list.add(caseInsensitivePattern(operator, values));
                } else {
                    clause.put("operator", operator.equals("STR_CONTAINS") ? "contains"
                            : operator.equals("STR_STARTS_WITH") ? "startsWith" : "endsWith");
                    values.forEach(list::add);
                }
            }
            case "NUM_EQ", "NUM_GT", "NUM_GTE", "NUM_LT", "NUM_LTE" -> {
                note(where, "numeric constraint", "Unleash reads numbers from strings; Flagledger compares JSON numbers, so send "
                        + context + " as a number");
                clause.put("operator", switch (operator) {
                    case "NUM_EQ" -> "equals";
                    case "NUM_GT" -> "gt";
                    case "NUM_GTE" -> "gte";
                    case "NUM_LT" -> "lt";
                    default -> "lte";
                });
                try {
                    list.add(new java.math.BigDecimal(value == null ? "" : value.strip()));
                } catch (NumberFormatException e) {
                    throw new Unsupported(operator + " with the non-number '" + value + "'");
                }
            }
            case "DATE_AFTER", "DATE_BEFORE" -> {
                clause.put("operator", operator.equals("DATE_AFTER") ? "after" : "before");
                list.add(value);
            }
            case "SEMVER_EQ", "SEMVER_GT", "SEMVER_LT" -> {
                if (value == null || !STRICT_SEMVER.matcher(value).matches())
                    throw new Unsupported(operator + " with '" + value + "', which is not strict semver");
                clause.put("operator", operator.equals("SEMVER_EQ") ? "semverEq" : operator.equals("SEMVER_GT") ? "semverGt" : "semverLt");
                list.add(value);
            }
            default -> throw new Unsupported("constraint operator " + operator + " has no Flagledger equivalent");
        }
        if (negate) note(where, "inverted constraint", "Unleash counts a missing field as not matching and inverts that to true;"
                + " Flagledger never matches a clause on a missing attribute, negated or not");
        clause.set("values", list);
        if (negate) clause.put("negate", true);
        return clause;
    }

    /** A case-insensitive string test as a regex of per-letter classes (both engines share that syntax). */
    private static String caseInsensitivePattern(String operator, List<String> values) {
        StringBuilder alternatives = new StringBuilder();
        for (String value : values) {
            if (!alternatives.isEmpty()) alternatives.append('|');
            value.codePoints().forEach(c -> {
                int lower = Character.toLowerCase(c);
                int upper = Character.toUpperCase(c);
                if (lower != upper) alternatives.append('[').appendCodePoint(lower).appendCodePoint(upper).append(']');
                else if ("\\^$.|?*+()[]{}".indexOf(c) >= 0) alternatives.append('\\').appendCodePoint(c);
                else alternatives.appendCodePoint(c);
            });
        }
        String body = "(?:" + alternatives + ")";
        String pattern = operator.equals("STR_STARTS_WITH") ? "^" + body : operator.equals("STR_ENDS_WITH") ? body + "$" : body;
        if (pattern.length() > 256) throw new Unsupported("a case-insensitive constraint longer than a 256-character pattern");
        return pattern;
    }

}
