package dev.flagledger.bench.peers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one flag set every engine is configured from, in neutral form; {@link Renderings} writes it
 * in each engine's own file format. Only what all four engines express the same way is used:
 * string membership ({@code in}, negated {@code in}), {@code endsWith}, numeric {@code gte} /
 * {@code lt}, semver {@code lt} / {@code gt}, and a segment (included keys, excluded keys, one rule).
 *
 * <p>Every rule of {@value #FIVE_RULES} serves its own variation at 100 %, so which rule matched
 * is observable in the served value; the fallthrough is a 3-way rollout whose variations no rule
 * serves. The {@code rule-only-N} flags hold rule N alone (so a rule's matches are compared even
 * where an earlier rule would win), {@value #SEGMENT_ONLY} the segment alone.
 */
public final class FlagSet {
    public static final String PLAIN_BOOLEAN = "plain-boolean";
    public static final String FIVE_RULES = "five-rules";
    public static final String SEGMENT_ONLY = "segment-only";
    public static final String SEGMENT = "beta-testers";
    public static final int BULK_FLAGS = 100;
    public static final String FALLTHROUGH = "fallthrough";
    public static final String MATCH = "match";
    public static final String NO_MATCH = "no-match";

    public enum Op { IN, NOT_IN, ENDS_WITH, GTE, LT, SEMVER_LT, SEMVER_GT, IN_SEGMENT }

    /** A clause: attribute (one of {@link Person}'s, or "key"), operator, values. */
    public record Clause(String attribute, Op op, List<Object> values) {
    }

    public record Rule(String id, List<Clause> clauses, String variation) {
    }

    /**
     * A flag. Boolean flags have the variations "on" (true) and "off" (false); string flags serve
     * their variation names as values. {@code fallthrough} maps variation to percent (one entry of
     * 100 is a fixed variation).
     */
    public record Flag(String key, boolean bool, List<String> variations, List<Rule> rules,
                       Map<String, Integer> fallthrough) {
    }

    public record Segment(String key, List<String> included, List<String> excluded, List<Clause> rule) {
    }

    private final List<Flag> flags;
    private final Segment segment;

    private FlagSet(List<Flag> flags, Segment segment) {
        this.flags = List.copyOf(flags);
        this.segment = segment;
    }

    public List<Flag> flags() {
        return flags;
    }

    public Segment segment() {
        return segment;
    }

    public static String bulkKey(int i) {
        return String.format("bulk-%02d", i);
    }

    public static String ruleOnlyKey(int rule) {
        return "rule-only-" + rule;
    }

    /** The five rules of {@value #FIVE_RULES}, three clauses each; rule 4 uses the segment. */
    public static List<Rule> fiveRules() {
        return List.of(
                new Rule("rule-1", List.of(
                        clause("email", Op.ENDS_WITH, "@flagledger.dev"),
                        clause("country", Op.IN, "NL", "BE", "LU"),
                        clause("plan", Op.IN, "pro", "enterprise")), "rule-1"),
                new Rule("rule-2", List.of(
                        clause("plan", Op.IN, "enterprise"),
                        clause("seats", Op.GTE, 500),
                        clause("country", Op.NOT_IN, "JP", "FR")), "rule-2"),
                new Rule("rule-3", List.of(
                        clause("appVersion", Op.SEMVER_LT, "2.0.0"),
                        clause("platform", Op.IN, "ios", "android"),
                        clause("age", Op.GTE, 18)), "rule-3"),
                new Rule("rule-4", List.of(
                        clause("", Op.IN_SEGMENT, SEGMENT),
                        clause("country", Op.IN, "US", "CA", "GB", "DE"),
                        clause("seats", Op.LT, 500)), "rule-4"),
                new Rule("rule-5", List.of(
                        clause("platform", Op.IN, "web"),
                        clause("appVersion", Op.SEMVER_GT, "2.5.0"),
                        clause("age", Op.LT, 40)), "rule-5"));
    }

    public static FlagSet standard() {
        List<Flag> flags = new ArrayList<>();
        flags.add(new Flag(PLAIN_BOOLEAN, true, List.of("on", "off"), List.of(), Map.of("on", 100)));

        List<String> variations = new ArrayList<>();
        for (Rule rule : fiveRules()) {
            variations.add(rule.variation());
        }
        variations.addAll(List.of("split-a", "split-b", "split-c"));
        Map<String, Integer> split = new LinkedHashMap<>();
        split.put("split-a", 60);
        split.put("split-b", 30);
        split.put("split-c", 10);
        flags.add(new Flag(FIVE_RULES, false, variations, fiveRules(), split));

        List<Rule> rules = fiveRules();
        for (int i = 0; i < rules.size(); i++) {
            Rule rule = rules.get(i);
            flags.add(new Flag(ruleOnlyKey(i + 1), false, List.of(MATCH, NO_MATCH),
                    List.of(new Rule(rule.id(), rule.clauses(), MATCH)), Map.of(NO_MATCH, 100)));
        }
        flags.add(new Flag(SEGMENT_ONLY, false, List.of(MATCH, NO_MATCH),
                List.of(new Rule("segment", List.of(clause("", Op.IN_SEGMENT, SEGMENT)), MATCH)),
                Map.of(NO_MATCH, 100)));

        for (int i = 0; i < BULK_FLAGS; i++) {
            flags.add(bulkFlag(i));
        }

        List<String> included = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            included.add("user-" + (i * 25));
        }
        Segment segment = new Segment(SEGMENT, included, List.of("user-1", "user-2", "user-3"),
                List.of(clause("plan", Op.IN, "pro"), clause("age", Op.LT, 30)));
        return new FlagSet(flags, segment);
    }

    /**
     * The bulk workload's boolean flags, four kinds in turn: on for everyone; a two-clause string
     * rule; a 50/50 rollout on the targeting key; a numeric and an {@code endsWith} clause.
     */
    private static Flag bulkFlag(int i) {
        List<String> onOff = List.of("on", "off");
        return switch (i % 4) {
            case 0 -> new Flag(bulkKey(i), true, onOff, List.of(), Map.of("on", 100));
            case 1 -> new Flag(bulkKey(i), true, onOff, List.of(new Rule("r", List.of(
                    clause("country", Op.IN, "NL", "DE", "US"),
                    clause("plan", Op.IN, "pro", "team")), "on")), Map.of("off", 100));
            case 2 -> {
                Map<String, Integer> half = new LinkedHashMap<>();
                half.put("on", 50);
                half.put("off", 50);
                yield new Flag(bulkKey(i), true, onOff, List.of(), half);
            }
            default -> new Flag(bulkKey(i), true, onOff, List.of(new Rule("r", List.of(
                    clause("seats", Op.GTE, (i * 10) % 1_000),
                    clause("email", Op.ENDS_WITH, "@example.com")), "on")), Map.of("off", 100));
        };
    }

    private static Clause clause(String attribute, Op op, Object... values) {
        return new Clause(attribute, op, List.of(values));
    }
}
