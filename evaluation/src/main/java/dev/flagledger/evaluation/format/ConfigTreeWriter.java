package dev.flagledger.evaluation.format;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.flagledger.evaluation.model.Clause;
import dev.flagledger.evaluation.model.FlagConfig;
import dev.flagledger.evaluation.model.Prerequisite;
import dev.flagledger.evaluation.model.Rule;
import dev.flagledger.evaluation.model.Segment;
import dev.flagledger.evaluation.model.SegmentRule;
import dev.flagledger.evaluation.model.Served;
import dev.flagledger.evaluation.model.WeightedVariant;

/**
 * Writes flags and segments as the config JSON of docs/evaluation.md, as a plain Java tree for any
 * JSON library to print. {@link ConfigTreeReader} reads back exactly what this writes.
 */
public final class ConfigTreeWriter {
    private ConfigTreeWriter() {
    }

    /** {@code {"flags": {...}, "segments": {...}}}, keyed and ordered as given. */
    public static Map<String, Object> write(List<FlagConfig> flags, List<Segment> segments) {
        Map<String, Object> flagTree = new LinkedHashMap<>();
        flags.forEach(flag -> flagTree.put(flag.key(), write(flag)));
        Map<String, Object> segmentTree = new LinkedHashMap<>();
        segments.forEach(segment -> segmentTree.put(segment.key(), write(segment)));
        return root(flagTree, segmentTree);
    }

    /**
     * The document around flag and segment trees already written ({@link #write(FlagConfig)},
     * {@link #write(Segment)}, by key), for a caller that keeps them between changes.
     */
    public static Map<String, Object> root(Map<String, Object> flagTrees, Map<String, Object> segmentTrees) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("flags", flagTrees);
        root.put("segments", segmentTrees);
        return root;
    }

    public static Map<String, Object> write(FlagConfig flag) {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("key", flag.key());
        tree.put("version", flag.version());
        tree.put("valueType", flag.valueType().jsonName());
        tree.put("enabled", flag.enabled());
        tree.put("variations", flag.variations());
        tree.put("offVariation", flag.offVariation());
        tree.put("salt", flag.salt());
        List<Object> prerequisites = new ArrayList<>();
        for (Prerequisite prerequisite : flag.prerequisites()) {
            prerequisites.add(Map.of("flagKey", prerequisite.flagKey(), "variant", prerequisite.variant()));
        }
        tree.put("prerequisites", prerequisites);
        Map<String, Object> targets = new LinkedHashMap<>();
        flag.targets().forEach((variant, keys) -> targets.put(variant, new ArrayList<>(keys)));
        tree.put("targets", targets);
        List<Object> rules = new ArrayList<>();
        for (Rule rule : flag.rules()) {
            Map<String, Object> ruleTree = new LinkedHashMap<>();
            ruleTree.put("id", rule.id());
            ruleTree.put("clauses", clauses(rule.clauses()));
            ruleTree.put("serve", served(rule.served()));
            rules.add(ruleTree);
        }
        tree.put("rules", rules);
        tree.put("fallthrough", served(flag.fallthrough()));
        return tree;
    }

    public static Map<String, Object> write(Segment segment) {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("key", segment.key());
        tree.put("version", segment.version());
        tree.put("salt", segment.salt());
        tree.put("included", new ArrayList<>(segment.included()));
        tree.put("excluded", new ArrayList<>(segment.excluded()));
        List<Object> rules = new ArrayList<>();
        for (SegmentRule rule : segment.rules()) {
            Map<String, Object> ruleTree = new LinkedHashMap<>();
            ruleTree.put("id", rule.id());
            ruleTree.put("clauses", clauses(rule.clauses()));
            if (rule.weight() != null) {
                ruleTree.put("weight", rule.weight());
            }
            ruleTree.put("bucketBy", rule.bucketBy());
            if (rule.bucketing() != null) {
                ruleTree.put("bucketing", BucketingTree.write(rule.bucketing()));
            }
            rules.add(ruleTree);
        }
        tree.put("rules", rules);
        return tree;
    }

    private static List<Object> clauses(List<Clause> clauses) {
        List<Object> list = new ArrayList<>();
        for (Clause clause : clauses) {
            Map<String, Object> tree = new LinkedHashMap<>();
            if (clause.attribute() != null) {
                tree.put("attribute", clause.attribute());
            }
            tree.put("operator", clause.operator());
            tree.put("values", clause.values());
            tree.put("negate", clause.negate());
            list.add(tree);
        }
        return list;
    }

    private static Map<String, Object> served(Served served) {
        if (served instanceof Served.Variation variation) {
            return Map.of("variant", variation.variant());
        }
        Served.Rollout rollout = (Served.Rollout) served;
        List<Object> weights = new ArrayList<>();
        for (WeightedVariant weighted : rollout.weights()) {
            Map<String, Object> tree = new LinkedHashMap<>();
            tree.put("variant", weighted.variant());
            tree.put("weight", weighted.weight());
            if (weighted.ranges() != null) {
                tree.put("ranges", weighted.ranges().stream().map(range -> List.of(range.from(), range.to())).toList());
            }
            weights.add(tree);
        }
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("weights", weights);
        tree.put("bucketBy", rollout.bucketBy());
        if (rollout.salt() != null) {
            tree.put("salt", rollout.salt());
        }
        if (rollout.bucketing() != null) {
            tree.put("bucketing", BucketingTree.write(rollout.bucketing()));
        }
        return Map.of("rollout", tree);
    }
}
