package dev.flagledger.cli.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flagledger.cli.migrate.Dnf.Unsupported;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Imports flagd's flag definition format ({@code flags}, {@code $evaluators}) into one environment.
 * Targeting (JsonLogic) becomes ordered rules: {@code if} chains in order, conditions in
 * disjunctive normal form with negations pushed onto clauses, {@code $ref} inlined, and
 * {@code fractional} a rollout that keeps flagd's bucketing (hash input, float walk, relative
 * weights, default-variant fallback). Whatever has no exact equivalent is reported, never dropped
 * silently (docs/gitops.md, "Migration").
 */
public final class FlagdImporter {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern STRICT_SEMVER = Pattern.compile(
            "(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?");
    private final JsonNode evaluators;
    private final String environment;
    private final List<Unrepresentable> report = new ArrayList<>();

    private FlagdImporter(JsonNode file, String environment) {
        this.evaluators = file.path("$evaluators");
        this.environment = environment;
    }

    public static Imported convert(JsonNode file, String environment) {
        try {
            return new FlagdImporter(file, environment).convertAll(file);
        } catch (IllegalArgumentException refused) {
            throw refused;
        } catch (RuntimeException malformed) {
            // A part of the wrong shape (an operator without its arguments, ...): the file is refused as
            // a whole, with the one error type callers handle (issue 15, hostile input).
            throw new IllegalArgumentException("not a well-formed flagd file: " + malformed, malformed);
        }
    }

    private Imported convertAll(JsonNode file) {
        if (!file.path("flags").isObject()) throw new IllegalArgumentException("not a flagd flag definition: no 'flags' object");
        Keys keys = Keys.forFlags();
        List<JsonNode> flags = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = file.path("flags").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String where = "flag " + entry.getKey();
            String key = keys.key(entry.getKey(), where, report);
            if (key == null) continue;
            try {
                flags.add(flag(entry.getKey(), key, entry.getValue()));
            } catch (Unsupported unsupported) {
                report.add(new Unrepresentable(where, "the whole flag", unsupported.getMessage(), true));
            }
        }
        if (file.has("metadata"))
            report.add(new Unrepresentable("file", "metadata", "flag set metadata has no Flagledger equivalent", true));
        return new Imported(flags, List.of(), report);
    }

    private ObjectNode flag(String flagdKey, String key, JsonNode definition) {
        String where = "flag " + flagdKey;
        JsonNode variants = definition.path("variants");
        if (!variants.isObject() || variants.isEmpty()) throw new Unsupported("it has no variants");
        Keys variationKeys = Keys.forVariations();
        Map<String, String> variationOf = new LinkedHashMap<>();
        ArrayNode variations = NODES.arrayNode();
        Set<String> kinds = new LinkedHashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = variants.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> variant = it.next();
            String variationKey = variationKeys.key(variant.getKey(), where + " variant", report);
            if (variationKey == null) throw new Unsupported("two variants map to one variation key");
            variationOf.put(variant.getKey(), variationKey);
            JsonNode value = variant.getValue();
            kinds.add(value.isBoolean() ? "boolean" : value.isTextual() ? "string" : value.isNumber() ? "number" : "json");
            ObjectNode variation = variations.addObject().put("key", variationKey);
            variation.set("value", value.deepCopy());
            if (!variationKey.equals(variant.getKey())) variation.put("name", variant.getKey());
        }
        String type = kinds.size() == 1 ? kinds.iterator().next() : "json";
        String defaultVariant = definition.path("defaultVariant").asText(null);
        if (defaultVariant == null || !variationOf.containsKey(defaultVariant))
            throw new Unsupported("defaultVariant '" + defaultVariant + "' is not one of its variants");
        String flagdDefault = variationOf.get(defaultVariant);
        boolean enabled = !"DISABLED".equals(definition.path("state").asText("ENABLED"));
        if (!enabled)
            report.add(new Unrepresentable(where, "state DISABLED", "flagd answers a disabled flag with the caller's default;"
                    + " Flagledger serves the off variation, set to the defaultVariant '" + defaultVariant + "'", false));
        if (definition.has("metadata"))
            report.add(new Unrepresentable(where, "metadata", "flag metadata has no Flagledger equivalent", true));

        ObjectNode environmentConfig = NODES.objectNode();
        environmentConfig.put("enabled", enabled);
        environmentConfig.put("defaultVariation", flagdDefault);
        environmentConfig.put("offVariation", flagdDefault);
        JsonNode targeting = definition.path("targeting");
        if (targeting.isObject() && !targeting.isEmpty()) {
            Context context = new Context(flagdKey, where, variationOf, flagdDefault);
            List<ObjectNode> rules = new ArrayList<>();
            walk(targeting, Dnf.always(), rules, context);
            ObjectNode converted = NODES.objectNode();
            // An unconditional last rule is the fallthrough.
            if (!rules.isEmpty() && !rules.get(rules.size() - 1).has("clauses")) {
                ObjectNode last = rules.remove(rules.size() - 1);
                JsonNode serve = last.path("serve");
                if (serve.has("variation")) environmentConfig.put("defaultVariation", serve.path("variation").asText());
                else converted.set("fallthroughRollout", serve.path("rollout"));
            }
            int id = 1;
            for (ObjectNode rule : rules) rule.put("id", "r" + id++);
            if (!rules.isEmpty()) converted.set("rules", NODES.arrayNode().addAll(new ArrayList<>(rules)));
            if (!converted.isEmpty()) environmentConfig.set("targeting", converted);
        }

        ObjectNode flag = NODES.objectNode();
        flag.put("key", key);
        flag.put("name", flagdKey);
        flag.put("type", type);
        flag.set("variations", variations);
        flag.putObject("environments").set(environment, environmentConfig);
        return flag;
    }

    private record Context(String flagdKey, String where, Map<String, String> variationOf, String flagdDefault) {
        String variation(String flagdVariant) {
            String key = variationOf.get(flagdVariant);
            if (key == null) throw new Unsupported("targeting returns '" + flagdVariant + "', which is not a variant");
            return key;
        }
    }

    /**
     * Emits the rules of a targeting expression under {@code guard}; answers whether it always
     * names a variant (an {@code if} without else yields null, and flagd then serves its default).
     */
    private boolean walk(JsonNode expression, List<List<ObjectNode>> guard, List<ObjectNode> rules, Context context) {
        if (expression == null || expression.isNull() || expression.isMissingNode()) return false;
        if (expression.isTextual()) {
            emit(guard, variation(context.variation(expression.asText())), rules);
            return true;
        }
        if (expression.isObject() && expression.size() == 1 && expression.has("if")) {
            JsonNode args = expression.get("if");
            if (!args.isArray()) throw new Unsupported("'if' needs an array");
            int i = 0;
            for (; i + 1 < args.size(); i += 2) {
                List<List<ObjectNode>> branch = Dnf.and(guard, condition(args.get(i), false, context, 0));
                if (!walk(args.get(i + 1), branch, rules, context))
                    emit(branch, variation(context.flagdDefault()), rules);
            }
            if (i < args.size()) return walk(args.get(i), guard, rules, context);
            return false;
        }
        if (expression.isObject() && expression.size() == 1 && expression.has("fractional")) {
            emit(guard, fractional(expression.get("fractional"), context), rules);
            return true;
        }
        throw new Unsupported("targeting that yields " + abbreviate(expression) + " is not a variant, an if or a fractional");
    }

    private static void emit(List<List<ObjectNode>> dnf, ObjectNode serve, List<ObjectNode> rules) {
        for (List<ObjectNode> conjunction : dnf) {
            ObjectNode rule = NODES.objectNode();
            if (!conjunction.isEmpty()) rule.set("clauses", NODES.arrayNode().addAll(new ArrayList<>(conjunction)));
            rule.set("serve", serve.deepCopy());
            rules.add(rule);
        }
    }

    private static ObjectNode variation(String key) {
        return NODES.objectNode().put("variation", key);
    }

    /** flagd's fractional: the bucketing input (prefix + attribute) and the weights, kept exactly. */
    private ObjectNode fractional(JsonNode args, Context context) {
        if (!args.isArray() || args.isEmpty()) throw new Unsupported("'fractional' needs an array");
        int first = 0;
        String prefix = context.flagdKey();
        String bucketBy = null;
        if (!args.get(0).isArray()) {
            first = 1;
            JsonNode input = args.get(0);
            if (input.has("var")) {
                prefix = "";
                bucketBy = attribute(input);
            } else if (input.has("cat") && input.get("cat").isArray()) {
                StringBuilder literal = new StringBuilder();
                JsonNode parts = input.get("cat");
                for (int i = 0; i < parts.size(); i++) {
                    JsonNode part = parts.get(i);
                    if (part.isTextual()) literal.append(part.asText());
                    else if (part.has("var") && "$flagd.flagKey".equals(part.get("var").asText())) literal.append(context.flagdKey());
                    else if (part.has("var") && i == parts.size() - 1) bucketBy = attribute(part);
                    else throw new Unsupported("a fractional input other than literals and a last attribute: " + abbreviate(input));
                }
                if (bucketBy == null) throw new Unsupported("a fractional input without an attribute: " + abbreviate(input));
                prefix = literal.toString();
            } else {
                throw new Unsupported("a fractional input other than var or cat: " + abbreviate(input));
            }
        }
        List<String> variants = new ArrayList<>();
        List<Integer> relative = new ArrayList<>();
        for (int i = first; i < args.size(); i++) {
            JsonNode distribution = args.get(i);
            if (!distribution.isArray() || distribution.isEmpty() || !distribution.get(0).isTextual())
                throw new Unsupported("a fractional bucket that is not [variant, weight]");
            variants.add(context.variation(distribution.get(0).asText()));
            relative.add(distribution.size() > 1 ? distribution.get(1).asInt() : 1);
        }
        long total = relative.stream().mapToLong(Integer::longValue).sum();
        if (total <= 0) throw new Unsupported("fractional weights summing to zero");
        ObjectNode rollout = NODES.objectNode();
        ArrayNode weights = rollout.putArray("weights");
        boolean exact = true;
        int assigned = 0;
        for (int i = 0; i < variants.size(); i++) {
            long scaled = relative.get(i) * 100_000L;
            exact &= scaled % total == 0;
            int weight = i == variants.size() - 1 ? 100_000 - assigned : (int) (scaled / total);
            assigned += weight;
            weights.addObject().put("variation", variants.get(i)).put("weight", weight);
        }
        if (bucketBy != null && !bucketBy.equals("targetingKey")) rollout.put("bucketBy", bucketBy);
        ObjectNode bucketing = rollout.putObject("bucketing");
        bucketing.put("algorithm", "flagd");
        bucketing.put("prefix", prefix);
        if (!exact) {
            ArrayNode list = bucketing.putArray("relativeWeights");
            relative.forEach(list::add);
        }
        bucketing.put("fallbackVariation", context.flagdDefault());
        return NODES.objectNode().set("rollout", rollout);
    }

    /** A JsonLogic condition as disjunctive normal form; {@code negate} pushes a negation inward. */
    private List<List<ObjectNode>> condition(JsonNode expression, boolean negate, Context context, int depth) {
        if (depth > 32) throw new Unsupported("conditions nested deeper than 32 ($ref cycle?)");
        if (expression.isBoolean()) return expression.asBoolean() != negate ? Dnf.always() : Dnf.never();
        if (!expression.isObject() || expression.size() != 1)
            throw new Unsupported("a condition that is not an operator: " + abbreviate(expression));
        String operator = expression.fieldNames().next();
        JsonNode raw = expression.get(operator);
        List<JsonNode> args = new ArrayList<>();
        if (raw.isArray()) raw.forEach(args::add);
        else args.add(raw);
        switch (operator) {
            case "and", "or" -> {
                boolean conjunction = operator.equals("and") != negate;
                List<List<ObjectNode>> result = conjunction ? Dnf.always() : Dnf.never();
                for (JsonNode arg : args) {
                    List<List<ObjectNode>> part = condition(arg, negate, context, depth + 1);
                    result = conjunction ? Dnf.and(result, part) : Dnf.or(result, part);
                }
                return result;
            }
            case "!" -> {
                return condition(args.get(0), !negate, context, depth + 1);
            }
            case "!!" -> {
                return condition(args.get(0), negate, context, depth + 1);
            }
            case "$ref" -> {
                JsonNode target = evaluators.get(args.get(0).asText());
                if (target == null) throw new Unsupported("$ref to a missing evaluator '" + args.get(0).asText() + "'");
                return condition(target, negate, context, depth + 1);
            }
            default -> {
                List<ObjectNode> clauses = atom(operator, args, context);
                if (!negate) return Dnf.of(clauses);
                // not (a and b) = not a or not b
                List<List<ObjectNode>> result = Dnf.never();
                for (ObjectNode clause : clauses) {
                    ObjectNode flipped = clause.deepCopy();
                    if (clause.path("negate").asBoolean()) flipped.remove("negate");
                    else flipped.put("negate", true);
                    result = Dnf.or(result, Dnf.of(List.of(flipped)));
                }
                return result;
            }
        }
    }

    /** One operator on an attribute and literals: one clause, or two for a between. */
    private List<ObjectNode> atom(String operator, List<JsonNode> args, Context context) {
        switch (operator) {
            case "==", "===", "!=", "!==" -> {
                Operand operand = operand(args, 2, operator);
                boolean negate = operator.startsWith("!");
                if ((operator.equals("==") || operator.equals("!=")) && !operand.literal.isTextual())
                    note(context, "loose ==", "JsonLogic's == converts types ('1' == 1); Flagledger's equals does not, so pass "
                            + operand.attribute + " with the literal's type");
                return List.of(clause(operand.attribute, "equals", List.of(operand.literal), negate));
            }
            case "in" -> {
                if (args.size() != 2) throw new Unsupported("'in' needs two arguments");
                if (isVar(args.get(0)) && args.get(1).isArray()) {
                    List<JsonNode> values = new ArrayList<>();
                    args.get(1).forEach(values::add);
                    if (values.isEmpty()) throw new Unsupported("'in' an empty list");
                    return List.of(clause(attribute(args.get(0)), "in", values, false));
                }
                if (args.get(0).isTextual() && isVar(args.get(1)))
                    return List.of(clause(attribute(args.get(1)), "contains", List.of(args.get(0)), false));
                throw new Unsupported("'in' other than attribute-in-list or text-in-attribute: " + abbreviate(args));
            }
            case "<", "<=", ">", ">=" -> {
                note(context, "numeric comparison", "JsonLogic compares numeric strings as numbers; Flagledger compares JSON numbers only");
                if (args.size() == 3) {
                    // a < x < b
                    if (!isVar(args.get(1)) || !args.get(0).isNumber() || !args.get(2).isNumber())
                        throw new Unsupported("a between that is not number, attribute, number");
                    String attribute = attribute(args.get(1));
                    String lower = operator.equals("<") ? "gt" : operator.equals("<=") ? "gte" : operator.equals(">") ? "lt" : "lte";
                    String upper = operator.equals("<") ? "lt" : operator.equals("<=") ? "lte" : operator.equals(">") ? "gt" : "gte";
                    return List.of(clause(attribute, lower, List.of(args.get(0)), false),
                            clause(attribute, upper, List.of(args.get(2)), false));
                }
                Operand operand = operand(args, 2, operator);
                if (!operand.literal.isNumber()) throw new Unsupported(operator + " with a non-number " + abbreviate(operand.literal));
                String ours = switch (operator) {
                    case "<" -> operand.varFirst ? "lt" : "gt";
                    case "<=" -> operand.varFirst ? "lte" : "gte";
                    case ">" -> operand.varFirst ? "gt" : "lt";
                    default -> operand.varFirst ? "gte" : "lte";
                };
                return List.of(clause(operand.attribute, ours, List.of(operand.literal), false));
            }
            case "starts_with", "ends_with" -> {
                if (args.size() != 2 || !isVar(args.get(0)) || !args.get(1).isTextual())
                    throw new Unsupported(operator + " other than attribute, text");
                return List.of(clause(attribute(args.get(0)), operator.equals("starts_with") ? "startsWith" : "endsWith",
                        List.of(args.get(1)), false));
            }
            case "sem_ver" -> {
                if (args.size() != 3 || !isVar(args.get(0)) || !args.get(2).isTextual())
                    throw new Unsupported("sem_ver other than attribute, operator, version");
                String attribute = attribute(args.get(0));
                String version = args.get(2).asText();
                var parsed = STRICT_SEMVER.matcher(version);
                if (!parsed.matches()) throw new Unsupported("sem_ver version '" + version + "' is not strict semver");
                note(context, "semver", "flagd (semver4j) also reads loose versions such as v1.2; Flagledger reads strict semver only");
                String major = parsed.group(1);
                String minor = parsed.group(2);
                return switch (args.get(1).asText()) {
                    case "=" -> List.of(clause(attribute, "semverEq", List.of(args.get(2)), false));
                    case "!=" -> List.of(clause(attribute, "semverEq", List.of(args.get(2)), true));
                    case "<" -> List.of(clause(attribute, "semverLt", List.of(args.get(2)), false));
                    case ">" -> List.of(clause(attribute, "semverGt", List.of(args.get(2)), false));
                    case "<=" -> List.of(clause(attribute, "semverGt", List.of(args.get(2)), true));
                    case ">=" -> List.of(clause(attribute, "semverLt", List.of(args.get(2)), true));
                    // flagd: ^ = same major, ~ = same major and minor (pre-releases included: X.0.0-0 is the lowest)
                    case "^" -> List.of(clause(attribute, "semverLt", List.of(text(major + ".0.0-0")), true),
                            clause(attribute, "semverLt", List.of(text((Long.parseLong(major) + 1) + ".0.0-0")), false));
                    case "~" -> List.of(clause(attribute, "semverLt", List.of(text(major + "." + minor + ".0-0")), true),
                            clause(attribute, "semverLt", List.of(text(major + "." + (Long.parseLong(minor) + 1) + ".0-0")), false));
                    default -> throw new Unsupported("sem_ver operator '" + args.get(1).asText() + "'");
                };
            }
            default -> throw new Unsupported("the operator '" + operator + "' has no Flagledger equivalent");
        }
    }

    private final Set<String> noted = new java.util.HashSet<>();

    private void note(Context context, String topic, String reason) {
        if (noted.add(context.where() + topic)) report.add(new Unrepresentable(context.where(), topic, reason, false));
    }

    private record Operand(String attribute, JsonNode literal, boolean varFirst) {
    }

    private static Operand operand(List<JsonNode> args, int size, String operator) {
        if (args.size() != size) throw new Unsupported("'" + operator + "' needs " + size + " arguments");
        if (isVar(args.get(0)) && isLiteral(args.get(1))) return new Operand(attribute(args.get(0)), args.get(1), true);
        if (isVar(args.get(1)) && isLiteral(args.get(0))) return new Operand(attribute(args.get(1)), args.get(0), false);
        throw new Unsupported("'" + operator + "' needs an attribute and a literal: " + abbreviate(args));
    }

    private static boolean isVar(JsonNode node) {
        return node.isObject() && node.size() == 1 && node.has("var");
    }

    private static boolean isLiteral(JsonNode node) {
        return node.isTextual() || node.isNumber() || node.isBoolean();
    }

    private static String attribute(JsonNode var) {
        JsonNode name = var.get("var");
        if (name.isArray()) {
            if (name.size() != 1) throw new Unsupported("var with a default value: " + abbreviate(var));
            name = name.get(0);
        }
        String path = name.asText();
        if (path.isEmpty()) throw new Unsupported("var of the whole context");
        if (path.startsWith("$flagd.")) throw new Unsupported(path + " (evaluation-time properties such as the timestamp"
                + " have no Flagledger attribute; scheduled changes replace time-based targeting)");
        return path;
    }

    private static JsonNode text(String value) {
        return NODES.textNode(value);
    }

    private static ObjectNode clause(String attribute, String operator, List<JsonNode> values, boolean negate) {
        ObjectNode clause = NODES.objectNode();
        clause.put("attribute", attribute);
        clause.put("operator", operator);
        ArrayNode list = clause.putArray("values");
        values.forEach(v -> list.add(v.deepCopy()));
        if (negate) clause.put("negate", true);
        return clause;
    }

    private static String abbreviate(Object node) {
        String text = String.valueOf(node);
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
