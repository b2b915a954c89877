package dev.flagledger.bench.peers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

import dev.flagledger.bench.peers.FlagSet.Clause;
import dev.flagledger.bench.peers.FlagSet.Flag;
import dev.flagledger.bench.peers.FlagSet.Op;
import dev.flagledger.bench.peers.FlagSet.Rule;
import dev.flagledger.bench.peers.FlagSet.Segment;

/**
 * Writes {@link FlagSet} as each engine's own configuration file: ours (the config tree of
 * docs/evaluation.md), a flagd flag file (JsonLogic targeting, the segment as a shared
 * {@code $evaluators} fragment), an Unleash bootstrap (client features v2: strategies with
 * constraints and strategy variants, the segment as a global segment) and a LaunchDarkly file data
 * source (flags and segments as its flag JSON). Each engine then reads its file the way an
 * application would.
 */
public final class Renderings {
    public static final String OURS = "flagledger.json";
    public static final String FLAGD = "flagd.json";
    public static final String UNLEASH = "unleash.json";
    public static final String LAUNCHDARKLY = "launchdarkly.json";

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();
    private static final int UNLEASH_SEGMENT_ID = 1;

    private Renderings() {
    }

    /** Writes all four files into {@code directory} and returns it. */
    public static Path writeAll(FlagSet set, Path directory) {
        try {
            Files.createDirectories(directory);
            write(directory.resolve(OURS), ours(set));
            write(directory.resolve(FLAGD), flagd(set));
            write(directory.resolve(UNLEASH), unleash(set));
            write(directory.resolve(LAUNCHDARKLY), launchDarkly(set));
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, Object tree) throws IOException {
        Files.writeString(file, GSON.toJson(tree), StandardCharsets.UTF_8);
    }

    private static Object value(Flag flag, String variation) {
        return flag.bool() ? "on".equals(variation) : variation;
    }

    // --- ours ----------------------------------------------------------------------------------

    static Map<String, Object> ours(FlagSet set) {
        Map<String, Object> flags = new LinkedHashMap<>();
        for (Flag flag : set.flags()) {
            Map<String, Object> variations = new LinkedHashMap<>();
            flag.variations().forEach(v -> variations.put(v, value(flag, v)));
            List<Object> rules = new ArrayList<>();
            for (Rule rule : flag.rules()) {
                rules.add(map("id", rule.id(), "clauses", oursClauses(rule.clauses()),
                        "serve", map("variant", rule.variation())));
            }
            Object fallthrough;
            if (flag.fallthrough().size() == 1) {
                fallthrough = map("variant", flag.fallthrough().keySet().iterator().next());
            } else {
                List<Object> weights = new ArrayList<>();
                flag.fallthrough().forEach((v, pct) -> weights.add(map("variant", v, "weight", pct * 1_000)));
                fallthrough = map("rollout", map("weights", weights));
            }
            flags.put(flag.key(), map("valueType", flag.bool() ? "boolean" : "string", "enabled", true,
                    "variations", variations, "offVariation", flag.variations().get(flag.variations().size() - 1),
                    "rules", rules, "fallthrough", fallthrough));
        }
        Segment segment = set.segment();
        Map<String, Object> segments = map(segment.key(), map("included", segment.included(),
                "excluded", segment.excluded(),
                "rules", List.of(map("id", "rule", "clauses", oursClauses(segment.rule())))));
        return map("flags", flags, "segments", segments);
    }

    private static List<Object> oursClauses(List<Clause> clauses) {
        List<Object> out = new ArrayList<>();
        for (Clause clause : clauses) {
            String operator = switch (clause.op()) {
                case IN, NOT_IN -> "in";
                case ENDS_WITH -> "endsWith";
                case GTE -> "gte";
                case LT -> "lt";
                case SEMVER_LT -> "semverLt";
                case SEMVER_GT -> "semverGt";
                case IN_SEGMENT -> "inSegment";
            };
            Map<String, Object> tree = clause.op() == Op.IN_SEGMENT
                    ? map("operator", operator, "values", clause.values())
                    : map("attribute", "key".equals(clause.attribute()) ? "targetingKey" : clause.attribute(),
                    "operator", operator, "values", clause.values(), "negate", clause.op() == Op.NOT_IN);
            out.add(tree);
        }
        return out;
    }

    // --- flagd ---------------------------------------------------------------------------------

    static Map<String, Object> flagd(FlagSet set) {
        Map<String, Object> flags = new LinkedHashMap<>();
        for (Flag flag : set.flags()) {
            Map<String, Object> variants = new LinkedHashMap<>();
            flag.variations().forEach(v -> variants.put(v, value(flag, v)));
            Object otherwise;
            String defaultVariant;
            if (flag.fallthrough().size() == 1) {
                defaultVariant = flag.fallthrough().keySet().iterator().next();
                otherwise = defaultVariant;
            } else {
                defaultVariant = flag.fallthrough().keySet().iterator().next();
                List<Object> buckets = new ArrayList<>();
                flag.fallthrough().forEach((v, pct) -> buckets.add(List.of(v, pct)));
                otherwise = map("fractional", buckets);
            }
            Map<String, Object> definition = map("state", "ENABLED", "variants", variants,
                    "defaultVariant", defaultVariant);
            if (!flag.rules().isEmpty()) {
                List<Object> branches = new ArrayList<>();
                for (Rule rule : flag.rules()) {
                    branches.add(map("and", flagdClauses(rule.clauses())));
                    branches.add(rule.variation());
                }
                branches.add(otherwise);
                definition.put("targeting", map("if", branches));
            } else if (otherwise instanceof Map<?, ?>) {
                definition.put("targeting", otherwise);
            }
            flags.put(flag.key(), definition);
        }
        Segment segment = set.segment();
        Map<String, Object> membership = map("and", List.of(
                map("!", map("in", List.of(map("var", "targetingKey"), segment.excluded()))),
                map("or", List.of(
                        map("in", List.of(map("var", "targetingKey"), segment.included())),
                        map("and", flagdClauses(segment.rule()))))));
        return map("flags", flags, "$evaluators", map(segment.key(), membership));
    }

    private static List<Object> flagdClauses(List<Clause> clauses) {
        List<Object> out = new ArrayList<>();
        for (Clause clause : clauses) {
            Object attribute = map("var", "key".equals(clause.attribute()) ? "targetingKey" : clause.attribute());
            Object first = clause.values().get(0);
            out.add(switch (clause.op()) {
                case IN -> map("in", List.of(attribute, clause.values()));
                case NOT_IN -> map("!", map("in", List.of(attribute, clause.values())));
                case ENDS_WITH -> map("ends_with", List.of(attribute, first));
                case GTE -> map(">=", List.of(attribute, first));
                case LT -> map("<", List.of(attribute, first));
                case SEMVER_LT -> map("sem_ver", List.of(attribute, "<", first));
                case SEMVER_GT -> map("sem_ver", List.of(attribute, ">", first));
                case IN_SEGMENT -> map("$ref", first);
            });
        }
        return out;
    }

    // --- Unleash -------------------------------------------------------------------------------

    /**
     * Each rule becomes a {@code flexibleRollout} strategy at 100 % with the rule's clauses as
     * constraints and, for string flags, the rule's variation as its only strategy variant
     * (Unleash serves the variants of the first strategy that is on). A rule naming the segment
     * becomes two strategies, since an Unleash segment is ANDed constraints only: one with
     * "userId in included", one with the segment (its rule), both excluding the excluded keys.
     */
    static Map<String, Object> unleash(FlagSet set) {
        List<Object> features = new ArrayList<>();
        for (Flag flag : set.flags()) {
            List<Object> strategies = new ArrayList<>();
            for (Rule rule : flag.rules()) {
                boolean usesSegment = rule.clauses().stream().anyMatch(c -> c.op() == Op.IN_SEGMENT);
                List<Clause> others = rule.clauses().stream().filter(c -> c.op() != Op.IN_SEGMENT).toList();
                if (usesSegment) {
                    Segment segment = set.segment();
                    List<Object> byKey = new ArrayList<>();
                    byKey.add(constraint("userId", "IN", segment.included(), null));
                    byKey.add(constraint("userId", "NOT_IN", segment.excluded(), null));
                    byKey.addAll(unleashConstraints(others));
                    strategies.add(strategy(flag, byKey, List.of(), rule.variation(), 100));
                    strategies.add(strategy(flag, unleashConstraints(others), List.of(UNLEASH_SEGMENT_ID),
                            rule.variation(), 100));
                } else {
                    strategies.add(strategy(flag, unleashConstraints(others), List.of(), rule.variation(), 100));
                }
            }
            if (flag.bool()) {
                Integer on = flag.fallthrough().get("on");
                if (on != null && on > 0) {
                    strategies.add(strategy(flag, List.of(), List.of(), null, on));
                }
            } else {
                Map<String, Object> last = strategy(flag, List.of(), List.of(), null, 100);
                List<Object> variants = new ArrayList<>();
                flag.fallthrough().forEach((v, pct) -> variants.add(variant(flag, v, pct * 10)));
                last.put("variants", variants);
                strategies.add(last);
            }
            features.add(map("name", flag.key(), "type", "release", "project", "default", "enabled", true,
                    "stale", false, "impressionData", false, "strategies", strategies, "variants", List.of()));
        }
        Segment segment = set.segment();
        List<Object> constraints = new ArrayList<>();
        constraints.add(constraint("userId", "NOT_IN", segment.excluded(), null));
        constraints.addAll(unleashConstraints(segment.rule()));
        return map("version", 2, "features", features, "segments", List.of(
                map("id", UNLEASH_SEGMENT_ID, "name", segment.key(), "constraints", constraints)));
    }

    private static Map<String, Object> strategy(Flag flag, List<Object> constraints, List<Integer> segments,
                                                String variation, int rolloutPercent) {
        Map<String, Object> strategy = map("name", "flexibleRollout",
                "parameters", map("rollout", String.valueOf(rolloutPercent), "stickiness", "default",
                        "groupId", flag.key()),
                "constraints", constraints, "segments", segments);
        if (variation != null && !flag.bool()) {
            strategy.put("variants", List.of(variant(flag, variation, 1_000)));
        }
        return strategy;
    }

    private static Map<String, Object> variant(Flag flag, String name, int weight) {
        return map("name", name, "weight", weight, "weightType", "variable", "stickiness", "default",
                "payload", map("type", "string", "value", name));
    }

    private static List<Object> unleashConstraints(List<Clause> clauses) {
        List<Object> out = new ArrayList<>();
        for (Clause clause : clauses) {
            String context = "key".equals(clause.attribute()) ? "userId" : clause.attribute();
            String first = String.valueOf(clause.values().get(0));
            out.add(switch (clause.op()) {
                case IN -> constraint(context, "IN", clause.values(), null);
                case NOT_IN -> constraint(context, "NOT_IN", clause.values(), null);
                case ENDS_WITH -> constraint(context, "STR_ENDS_WITH", clause.values(), null);
                case GTE -> constraint(context, "NUM_GTE", List.of(), first);
                case LT -> constraint(context, "NUM_LT", List.of(), first);
                case SEMVER_LT -> constraint(context, "SEMVER_LT", List.of(), first);
                case SEMVER_GT -> constraint(context, "SEMVER_GT", List.of(), first);
                case IN_SEGMENT -> throw new IllegalArgumentException("segments are strategies' segments");
            });
        }
        return out;
    }

    private static Map<String, Object> constraint(String context, String operator, List<?> values, String value) {
        Map<String, Object> constraint = map("contextName", context, "operator", operator, "values",
                values.stream().map(String::valueOf).toList(), "inverted", false, "caseInsensitive", false);
        if (value != null) {
            constraint.put("value", value);
        }
        return constraint;
    }

    // --- LaunchDarkly --------------------------------------------------------------------------

    static Map<String, Object> launchDarkly(FlagSet set) {
        Map<String, Object> flags = new LinkedHashMap<>();
        for (Flag flag : set.flags()) {
            List<Object> variations = new ArrayList<>();
            flag.variations().forEach(v -> variations.add(value(flag, v)));
            List<Object> rules = new ArrayList<>();
            for (Rule rule : flag.rules()) {
                rules.add(map("id", flag.key() + "/" + rule.id(), "variation", flag.variations().indexOf(rule.variation()),
                        "clauses", ldClauses(rule.clauses()), "trackEvents", false));
            }
            Object fallthrough;
            if (flag.fallthrough().size() == 1) {
                fallthrough = map("variation", flag.variations().indexOf(flag.fallthrough().keySet().iterator().next()));
            } else {
                List<Object> weighted = new ArrayList<>();
                flag.fallthrough().forEach((v, pct) -> weighted.add(
                        map("variation", flag.variations().indexOf(v), "weight", pct * 1_000)));
                fallthrough = map("rollout", map("variations", weighted));
            }
            flags.put(flag.key(), map("key", flag.key(), "version", 1, "on", true, "variations", variations,
                    "offVariation", flag.variations().size() - 1, "fallthrough", fallthrough, "rules", rules,
                    "targets", List.of(), "prerequisites", List.of(), "salt", flag.key(),
                    "trackEvents", false, "trackEventsFallthrough", false));
        }
        Segment segment = set.segment();
        Map<String, Object> segments = map(segment.key(), map("key", segment.key(), "version", 1,
                "included", segment.included(), "excluded", segment.excluded(), "salt", segment.key(),
                "rules", List.of(map("id", "rule", "clauses", ldClauses(segment.rule())))));
        return map("flags", flags, "segments", segments);
    }

    private static List<Object> ldClauses(List<Clause> clauses) {
        List<Object> out = new ArrayList<>();
        for (Clause clause : clauses) {
            String op = switch (clause.op()) {
                case IN, NOT_IN -> "in";
                case ENDS_WITH -> "endsWith";
                case GTE -> "greaterThanOrEqual";
                case LT -> "lessThan";
                case SEMVER_LT -> "semVerLessThan";
                case SEMVER_GT -> "semVerGreaterThan";
                case IN_SEGMENT -> "segmentMatch";
            };
            String attribute = clause.op() == Op.IN_SEGMENT || clause.attribute().isEmpty() ? "key" : clause.attribute();
            out.add(map("attribute", attribute, "op", op, "values", clause.values(),
                    "negate", clause.op() == Op.NOT_IN));
        }
        return out;
    }

    /** An insertion-ordered, mutable map from alternating keys and values. */
    private static Map<String, Object> map(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
