package dev.flagledger.evaluation.format;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.flagledger.evaluation.model.Bucketing;
import dev.flagledger.evaluation.model.InvalidConfigException;

/**
 * The {@code bucketing} object of a rollout or segment rule in the config JSON:
 * {@code {"algorithm": "flagd", "prefix", "relativeWeights"?, "fallbackVariant"?}} or
 * {@code {"algorithm": "unleash", "groupId", "seed", "modulus"}}; absent or
 * {@code {"algorithm": "flagledger"}} is Flagledger's own.
 */
public final class BucketingTree {
    private BucketingTree() {
    }

    static Bucketing read(TreeReader parent) {
        if (!parent.has("bucketing")) {
            return null;
        }
        TreeReader tree = TreeReader.of(parent.raw("bucketing"), parent.path("bucketing"));
        String algorithm = tree.requiredString("algorithm");
        return switch (algorithm) {
            case "flagledger" -> null;
            case "flagd" -> new Bucketing.Flagd(tree.optionalString("prefix"), relativeWeights(tree),
                    tree.optionalString("fallbackVariant"));
            case "unleash" -> new Bucketing.Unleash(tree.optionalString("groupId"), required(tree, "seed"),
                    required(tree, "modulus"));
            default -> throw new InvalidConfigException(tree.path("algorithm") + ": unknown bucketing '" + algorithm
                    + "'; known: flagledger, flagd, unleash");
        };
    }

    private static int required(TreeReader tree, String field) {
        Integer value = tree.optionalInt(field);
        if (value == null) {
            throw new InvalidConfigException(tree.path(field) + ": is required");
        }
        return value;
    }

    private static List<Integer> relativeWeights(TreeReader tree) {
        if (!tree.has("relativeWeights")) {
            return null;
        }
        if (!(tree.raw("relativeWeights") instanceof List<?> list)) {
            throw new InvalidConfigException(tree.path("relativeWeights") + ": must be a list of integers");
        }
        List<Integer> weights = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof Number number) || number.doubleValue() != Math.rint(number.doubleValue())) {
                throw new InvalidConfigException(tree.path("relativeWeights") + ": must be a list of integers");
            }
            weights.add(number.intValue());
        }
        return weights;
    }

    /** The tree of a bucketing spec (null for Flagledger's own: nothing is written). */
    public static Map<String, Object> write(Bucketing bucketing) {
        if (bucketing == null) {
            return null;
        }
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("algorithm", bucketing.algorithm());
        if (bucketing instanceof Bucketing.Flagd flagd) {
            tree.put("prefix", flagd.prefix());
            if (flagd.relativeWeights() != null) {
                tree.put("relativeWeights", flagd.relativeWeights());
            }
            if (flagd.fallbackVariation() != null) {
                tree.put("fallbackVariant", flagd.fallbackVariation());
            }
        } else if (bucketing instanceof Bucketing.Unleash unleash) {
            tree.put("groupId", unleash.groupId());
            tree.put("seed", unleash.seed());
            tree.put("modulus", unleash.modulus());
        }
        return tree;
    }
}
