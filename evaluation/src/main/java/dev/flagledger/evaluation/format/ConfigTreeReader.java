package dev.flagledger.evaluation.format;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.flagledger.evaluation.model.BucketRange;
import dev.flagledger.evaluation.model.Clause;
import dev.flagledger.evaluation.model.EnvironmentDefinition;
import dev.flagledger.evaluation.model.FlagConfig;
import dev.flagledger.evaluation.model.InvalidConfigException;
import dev.flagledger.evaluation.model.JsonValues;
import dev.flagledger.evaluation.model.Prerequisite;
import dev.flagledger.evaluation.model.Rule;
import dev.flagledger.evaluation.model.Segment;
import dev.flagledger.evaluation.model.SegmentRule;
import dev.flagledger.evaluation.model.Served;
import dev.flagledger.evaluation.model.ValueType;
import dev.flagledger.evaluation.model.WeightedVariant;

/**
 * Reads the config JSON that the server serves for local evaluation (docs/evaluation.md), given as
 * a plain Java tree (any JSON library can produce one). Each flag and segment is read on its own:
 * a malformed one is recorded with its reason and the rest still load. Unknown fields are ignored
 * so older SDKs can read newer configs.
 */
public final class ConfigTreeReader {
    private ConfigTreeReader() {
    }

    /**
     * @param tree {@code {"flags": {key: flag, ...}, "segments": {key: segment, ...}}}
     * @throws InvalidConfigException only when the top level itself is not of that shape
     */
    public static EnvironmentDefinition read(Object tree) {
        TreeReader root = TreeReader.of(tree, "config");
        List<FlagConfig> flags = new ArrayList<>();
        Map<String, String> invalidFlags = new LinkedHashMap<>();
        root.optionalObject("flags").forEach((key, value) -> {
            String path = "flags." + key;
            try {
                flags.add(readFlag(String.valueOf(key), TreeReader.of(value, path)));
            } catch (InvalidConfigException e) {
                invalidFlags.put(String.valueOf(key), e.getMessage());
            }
        });
        List<Segment> segments = new ArrayList<>();
        Map<String, String> invalidSegments = new LinkedHashMap<>();
        root.optionalObject("segments").forEach((key, value) -> {
            String path = "segments." + key;
            try {
                segments.add(readSegment(String.valueOf(key), TreeReader.of(value, path)));
            } catch (InvalidConfigException e) {
                invalidSegments.put(String.valueOf(key), e.getMessage());
            }
        });
        return new EnvironmentDefinition(flags, segments, invalidFlags, invalidSegments);
    }

    /** Reads one flag; the key comes from the enclosing map (a {@code key} field must agree). */
    private static FlagConfig readFlag(String key, TreeReader flag) {
        requireSameKey(key, flag);
        try {
            ValueType type = ValueType.fromJson(flag.requiredString("valueType"));
            Map<String, Object> variations = new LinkedHashMap<>();
            flag.object("variations").entries().forEach((variant, value) -> variations.put(String.valueOf(variant), value));

            Map<String, Set<String>> targets = new LinkedHashMap<>();
            TreeReader targetTree = TreeReader.of(flag.optionalObject("targets"), flag.path("targets"));
            targetTree.entries().keySet().forEach(variant ->
                    targets.put(String.valueOf(variant), new LinkedHashSet<>(targetTree.optionalStrings(String.valueOf(variant)))));

            List<Rule> rules = new ArrayList<>();
            List<?> ruleList = flag.optionalList("rules");
            for (int i = 0; i < ruleList.size(); i++) {
                TreeReader rule = TreeReader.of(ruleList.get(i), flag.path("rules") + "[" + i + "]");
                rules.add(new Rule(rule.requiredString("id"), readClauses(rule), readServed(rule.object("serve"))));
            }

            List<Prerequisite> prerequisites = new ArrayList<>();
            List<?> prerequisiteList = flag.optionalList("prerequisites");
            for (int i = 0; i < prerequisiteList.size(); i++) {
                TreeReader prerequisite = TreeReader.of(prerequisiteList.get(i), flag.path("prerequisites") + "[" + i + "]");
                prerequisites.add(new Prerequisite(prerequisite.requiredString("flagKey"),
                        prerequisite.requiredString("variant")));
            }

            return new FlagConfig(key, type, variations, flag.requiredBoolean("enabled"),
                    flag.optionalString("offVariation"), targets, rules, readServed(flag.object("fallthrough")),
                    prerequisites, flag.optionalString("salt"), flag.optionalLong("version", 0));
        } catch (InvalidConfigException e) {
            throw prefixed(flag, e);
        }
    }

    /** Reads one segment; the key comes from the enclosing map (a {@code key} field must agree). */
    private static Segment readSegment(String key, TreeReader segment) {
        requireSameKey(key, segment);
        try {
            List<SegmentRule> rules = new ArrayList<>();
            List<?> ruleList = segment.optionalList("rules");
            for (int i = 0; i < ruleList.size(); i++) {
                TreeReader rule = TreeReader.of(ruleList.get(i), segment.path("rules") + "[" + i + "]");
                rules.add(new SegmentRule(rule.requiredString("id"), readClauses(rule), rule.optionalInt("weight"),
                        rule.optionalString("bucketBy"), BucketingTree.read(rule)));
            }
            return new Segment(key, new LinkedHashSet<>(segment.optionalStrings("included")),
                    new LinkedHashSet<>(segment.optionalStrings("excluded")), rules, segment.optionalString("salt"),
                    segment.optionalLong("version", 0));
        } catch (InvalidConfigException e) {
            throw prefixed(segment, e);
        }
    }

    private static List<Clause> readClauses(TreeReader rule) {
        List<Clause> clauses = new ArrayList<>();
        List<?> clauseList = rule.optionalList("clauses");
        for (int i = 0; i < clauseList.size(); i++) {
            TreeReader clause = TreeReader.of(clauseList.get(i), rule.path("clauses") + "[" + i + "]");
            if (!(clause.raw("values") instanceof List<?> values)) {
                throw new InvalidConfigException(clause.path("values") + ": must be an array");
            }
            clauses.add(new Clause(clause.optionalString("attribute"), clause.requiredString("operator"),
                    new ArrayList<>(values), clause.optionalBoolean("negate", false)));
        }
        return clauses;
    }

    private static Served readServed(TreeReader served) {
        boolean hasVariant = served.has("variant");
        boolean hasRollout = served.has("rollout");
        if (hasVariant == hasRollout) {
            throw new InvalidConfigException(served.path() + ": needs exactly one of 'variant' or 'rollout'");
        }
        if (hasVariant) {
            return new Served.Variation(served.requiredString("variant"));
        }
        TreeReader rollout = served.object("rollout");
        List<WeightedVariant> weights = new ArrayList<>();
        List<?> weightList = rollout.optionalList("weights");
        for (int i = 0; i < weightList.size(); i++) {
            TreeReader weighted = TreeReader.of(weightList.get(i), rollout.path("weights") + "[" + i + "]");
            Integer weight = weighted.optionalInt("weight");
            if (weight == null) {
                throw new InvalidConfigException(weighted.path("weight") + ": is required");
            }
            weights.add(new WeightedVariant(weighted.requiredString("variant"), weight, readRanges(weighted)));
        }
        return new Served.Rollout(weights, rollout.optionalString("bucketBy"), rollout.optionalString("salt"),
                BucketingTree.read(rollout));
    }

    /** {@code "ranges": [[from, to], ...]} of one weighted variant, or null when absent. */
    private static List<BucketRange> readRanges(TreeReader weighted) {
        if (!weighted.has("ranges") || weighted.raw("ranges") == null) {
            return null;
        }
        List<BucketRange> ranges = new ArrayList<>();
        List<?> list = weighted.optionalList("ranges");
        for (int i = 0; i < list.size(); i++) {
            String at = weighted.path("ranges") + "[" + i + "]";
            if (!(list.get(i) instanceof List<?> pair) || pair.size() != 2) {
                throw new InvalidConfigException(at + ": must be [from, to]");
            }
            ranges.add(new BucketRange(rangeEnd(pair.get(0), at), rangeEnd(pair.get(1), at)));
        }
        return ranges;
    }

    private static int rangeEnd(Object value, String at) {
        String integral = value instanceof Number number ? JsonValues.integralText(number) : null;
        if (integral == null || integral.length() > 7) {
            throw new InvalidConfigException(at + ": bounds must be integers within 0..100000");
        }
        return Integer.parseInt(integral);
    }

    private static void requireSameKey(String key, TreeReader tree) {
        String inner = tree.optionalString("key");
        if (inner != null && !inner.equals(key)) {
            throw new InvalidConfigException(tree.path("key") + ": '" + inner + "' differs from the map key '" + key + "'");
        }
    }

    private static InvalidConfigException prefixed(TreeReader tree, InvalidConfigException e) {
        // Messages from TreeReader already carry a path; record checks do not, so add the object's.
        String message = e.getMessage();
        return message.startsWith(tree.path()) ? e : new InvalidConfigException(tree.path() + ": " + message, e);
    }
}
