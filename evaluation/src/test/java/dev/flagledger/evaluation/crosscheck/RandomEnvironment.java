package dev.flagledger.evaluation.crosscheck;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random flags, segments and contexts for the Java/TypeScript cross-check. Values come from pools
 * that sit on the edges of each operator (valid and invalid semver, instants with and without
 * offsets or with nanoseconds, integral and fractional numbers, non-ASCII text, hostile regex
 * input), so the two engines are compared where they are most likely to differ. Some clause values
 * do not suit their operator: those flags are PARSE_ERRORs, which must agree too.
 */
final class RandomEnvironment {
    private static final String[] COUNTRIES = {"NL", "BE", "DE", "nl", "", "FR"};
    private static final String[] TEXT = {"a", "aaa", "beta-1", "public-beta", "Beta", "stable", "é", "日本語", "😀 smile",
            "x@example.com", "ann@flagledger.dev", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!", "line\n", "tab\tbed", "under_score", "12"};
    private static final String[] SEMVER = {"1.0.0", "1.2.3-beta.1", "1.2.3", "2.0.0-rc.1+build.5", "01.0.0", "1.0",
            "v1.0.0", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-0.3.7", "10.20.30", "1.0.0-alpha.beta", "1.0.0-beta.11",
            "1.0.0-beta.2", "1.0.0-rc.1", "999999999999999999.0.0", "1.0.0+only.build"};
    private static final Object[] DATES = {"2025-01-01T00:00:00Z", "2025-06-01T12:00:00+02:00", "2024-02-29T23:59:59.999999999Z",
            "2025-01-01", "2025-13-01T00:00:00Z", "2025-01-01T00:00Z", "2025-01-01T01:00:00.000000001+01:00", 1735689600000L,
            1735689600000.5, "2023-02-29T00:00:00Z", "2025-01-01T00:00:00-18:00"};
    /** Clause values must parse, or the flag is a PARSE_ERROR; contexts get the invalid ones too. */
    private static final String[] VALID_SEMVER = {"1.0.0", "1.2.3-beta.1", "1.2.3", "2.0.0-rc.1+build.5", "1.0.0-alpha.1",
            "1.0.0-0.3.7", "10.20.30", "1.0.0-beta.11", "1.0.0-rc.1"};
    private static final Object[] VALID_DATES = {"2025-01-01T00:00:00Z", "2025-06-01T12:00:00+02:00",
            "2024-02-29T23:59:59.999999999Z", "2025-01-01T00:00Z", "2025-01-01T01:00:00.000000001+01:00", 1735689600000L};
    private static final Object[] NUMBERS = {0, 1, 1.0, -5, 17, 18, 65, 3.14, 1000, 0.1, -0.0, 1e3, 42};
    private static final String[] REGEX = {"^N", "beta", "^[a-z]+@example\\.com$", "(a+)+$", "\\d{2}", "^\\w+$", "a|b",
            "[^@]+@flagledger\\.dev$", "\\bbeta\\b", ".*", "é$", "^(?:ab|a)*b?$", "(x+x+)+y", "^$", "^.{3}$", "\\s", "日"};
    private static final String[] ATTRIBUTES = {"country", "plan", "email", "version", "age", "createdAt", "account.tier",
            "account.plan", "tags", "channel", "key"};
    private static final String[] OPERATORS = {"equals", "in", "startsWith", "endsWith", "contains", "matches", "lt", "lte",
            "gt", "gte", "semverEq", "semverLt", "semverGt", "before", "after", "inSegment"};
    private static final String[] SEGMENTS = {"beta", "staff", "dutch", "tenth", "gone"};

    private final Random random;

    RandomEnvironment(long seed) {
        this.random = new Random(seed);
    }

    Map<String, Object> config() {
        Map<String, Object> segments = new LinkedHashMap<>();
        for (int i = 0; i < SEGMENTS.length - 1; i++) segments.put(SEGMENTS[i], segment(SEGMENTS[i], i));
        Map<String, Object> flags = new LinkedHashMap<>();
        for (int i = 0; i < 24; i++) flags.put("flag-" + i, flag("flag-" + i, i));
        return Map.of("flags", flags, "segments", segments);
    }

    private Map<String, Object> segment(String key, int index) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("key", key);
        s.put("included", userKeys(3));
        s.put("excluded", userKeys(2));
        List<Object> rules = new ArrayList<>();
        for (int r = 0, n = random.nextInt(3); r < n; r++) {
            Map<String, Object> rule = new LinkedHashMap<>();
            rule.put("id", "s" + r);
            rule.put("clauses", clauses(index + 1));
            if (random.nextInt(3) == 0) rule.put("weight", random.nextInt(100_001));
            if (random.nextInt(4) == 0) rule.put("bucketBy", pick(new String[] {"account.id", "email", "targetingKey"}));
            rules.add(rule);
        }
        s.put("rules", rules);
        if (random.nextBoolean()) s.put("salt", key + "-salt");
        return s;
    }

    private Map<String, Object> flag(String key, int index) {
        int kind = random.nextInt(4);
        Map<String, Object> variations = new LinkedHashMap<>();
        switch (kind) {
            case 0 -> { variations.put("on", true); variations.put("off", false); }
            case 1 -> { variations.put("a", "alpha"); variations.put("b", "beta"); variations.put("c", "gamma"); }
            case 2 -> { variations.put("small", 10); variations.put("large", 50.5); }
            default -> { variations.put("light", Map.of("mode", "light")); variations.put("dark", List.of(1, 2)); variations.put("none", null); }
        }
        List<String> variants = new ArrayList<>(variations.keySet());
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("key", key);
        f.put("version", random.nextInt(50));
        f.put("valueType", new String[] {"boolean", "string", "number", "json"}[kind]);
        f.put("enabled", random.nextInt(8) != 0);
        f.put("variations", variations);
        if (random.nextInt(4) != 0) f.put("offVariation", pick(variants));
        if (random.nextBoolean()) {
            Map<String, Object> targets = new LinkedHashMap<>();
            targets.put(pick(variants), userKeys(4));
            targets.put(pick(variants), userKeys(3));
            f.put("targets", targets);
        }
        if (index > 0 && random.nextInt(4) == 0) {
            f.put("prerequisites", List.of(Map.of("flagKey", "flag-" + random.nextInt(index), "variant", "on")));
        }
        List<Object> rules = new ArrayList<>();
        for (int r = 0, n = random.nextInt(4); r < n; r++) {
            rules.add(Map.of("id", "r" + r, "clauses", clauses(0), "serve", serve(variants)));
        }
        f.put("rules", rules);
        f.put("fallthrough", serve(variants));
        if (random.nextInt(5) == 0) f.put("salt", key + "-salt");
        return f;
    }

    private Map<String, Object> serve(List<String> variants) {
        if (random.nextBoolean()) return Map.of("variant", pick(variants));
        boolean ranged = random.nextInt(3) == 0;
        List<Object> weights = ranged ? rangedWeights(variants) : new ArrayList<>();
        int left = 100_000;
        for (int i = 0; !ranged && i < variants.size(); i++) {
            int w = i == variants.size() - 1 ? left : random.nextInt(left + 1);
            left -= w;
            weights.add(Map.of("variant", variants.get(i), "weight", w));
        }
        Map<String, Object> rollout = new LinkedHashMap<>();
        rollout.put("weights", weights);
        int by = random.nextInt(6);
        if (by == 0) rollout.put("bucketBy", "account.id");
        if (by == 1) rollout.put("bucketBy", "age");
        if (random.nextInt(4) == 0) rollout.put("salt", "experiment-" + random.nextInt(3));
        return Map.of("rollout", rollout);
    }

    /**
     * Bucket ranges (a stickily re-weighted rollout): 0..99 999 cut at random points into up to 12
     * pieces, each given to a random variant (some get none: weight 0, no ranges), listed in random order.
     */
    private List<Object> rangedWeights(List<String> variants) {
        List<Integer> cuts = new ArrayList<>(List.of(0, 100_000));
        for (int i = 0, n = random.nextInt(12); i < n; i++) cuts.add(1 + random.nextInt(99_999));
        List<Integer> sorted = cuts.stream().distinct().sorted().toList();
        Map<String, List<List<Integer>>> owned = new LinkedHashMap<>();
        for (String variant : variants) owned.put(variant, new ArrayList<>());
        for (int i = 0; i + 1 < sorted.size(); i++) {
            owned.get(pick(variants)).add(List.of(sorted.get(i), sorted.get(i + 1)));
        }
        List<Object> weights = new ArrayList<>();
        for (Map.Entry<String, List<List<Integer>>> entry : owned.entrySet()) {
            List<List<Integer>> ranges = new ArrayList<>(entry.getValue());
            java.util.Collections.shuffle(ranges, random);
            int weight = ranges.stream().mapToInt(range -> range.get(1) - range.get(0)).sum();
            weights.add(Map.of("variant", entry.getKey(), "weight", weight, "ranges", ranges));
        }
        return weights;
    }

    private List<Object> clauses(int segmentDepth) {
        List<Object> clauses = new ArrayList<>();
        for (int c = 0, n = 1 + random.nextInt(2); c < n; c++) {
            String operator = pick(OPERATORS);
            Map<String, Object> clause = new LinkedHashMap<>();
            if (operator.equals("inSegment")) {
                // Segment rules only name later segments, plus one that does not exist: no cycles.
                List<Object> keys = new ArrayList<>();
                String candidate = SEGMENTS[Math.min(SEGMENTS.length - 1, segmentDepth + random.nextInt(SEGMENTS.length - segmentDepth))];
                keys.add(candidate);
                clause.put("operator", operator);
                clause.put("values", keys);
            } else {
                clause.put("attribute", pick(ATTRIBUTES));
                clause.put("operator", operator);
                clause.put("values", values(operator));
            }
            if (random.nextInt(4) == 0) clause.put("negate", true);
            clauses.add(clause);
        }
        return clauses;
    }

    private List<Object> values(String operator) {
        List<Object> values = new ArrayList<>();
        int n = operator.equals("equals") ? 1 : 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            // One value in forty ignores the operator: that flag must be a PARSE_ERROR in both engines.
            if (random.nextInt(40) == 0) {
                values.add(anyValue());
                continue;
            }
            values.add(switch (operator) {
                case "equals", "in" -> anyScalar();
                case "startsWith", "endsWith", "contains" -> random.nextBoolean() ? pick(TEXT) : pick(COUNTRIES);
                case "matches" -> pick(REGEX);
                case "lt", "lte", "gt", "gte" -> pick(NUMBERS);
                case "semverEq", "semverLt", "semverGt" -> pick(VALID_SEMVER);
                default -> pick(VALID_DATES);
            });
        }
        return values;
    }

    Map<String, Object> context() {
        Map<String, Object> c = new LinkedHashMap<>();
        int key = random.nextInt(100);
        if (key < 85) c.put("targetingKey", "user-" + random.nextInt(400));
        else if (key < 92) c.put("targetingKey", pick(TEXT) + random.nextInt(10));
        else if (key < 94) c.put("targetingKey", "");
        else if (key < 96) c.put("targetingKey", random.nextInt(1000));
        if (random.nextInt(10) < 6) c.put("country", pick(COUNTRIES));
        if (random.nextInt(10) < 5) c.put("plan", pick(new Object[] {"pro", "free", "team", 1, true}));
        if (random.nextInt(10) < 5) c.put("email", pick(TEXT));
        if (random.nextInt(10) < 5) c.put("version", pick(SEMVER));
        if (random.nextInt(10) < 5) c.put("age", pick(NUMBERS));
        if (random.nextInt(10) < 5) c.put("createdAt", pick(DATES));
        if (random.nextInt(10) < 4) c.put("channel", pick(TEXT));
        if (random.nextInt(10) < 4) c.put("tags", List.of(pick(TEXT), pick(COUNTRIES), pick(NUMBERS)));
        if (random.nextInt(10) < 5) {
            Map<String, Object> account = new LinkedHashMap<>();
            if (random.nextBoolean()) account.put("tier", pick(new String[] {"gold", "silver", "bronze"}));
            if (random.nextBoolean()) account.put("plan", pick(new String[] {"pro", "free"}));
            if (random.nextBoolean()) account.put("id", random.nextInt(4) == 0 ? random.nextInt(500) : "acct-" + random.nextInt(500));
            c.put("account", random.nextInt(10) == 0 ? "not-an-object" : account);
        }
        return c;
    }

    /** The type an application asks for: usually the flag's, sometimes none or another one. */
    String requestedType(String flagType) {
        int roll = random.nextInt(10);
        if (roll == 0) return null;
        if (roll == 1 || flagType == null) return pick(new String[] {"boolean", "string", "number", "json"});
        return flagType;
    }

    private List<Object> userKeys(int max) {
        List<Object> keys = new ArrayList<>();
        for (int i = 0, n = random.nextInt(max + 1); i < n; i++) keys.add("user-" + random.nextInt(400));
        return keys;
    }

    private Object anyScalar() {
        return switch (random.nextInt(4)) {
            case 0 -> pick(COUNTRIES);
            case 1 -> pick(NUMBERS);
            case 2 -> random.nextBoolean();
            default -> pick(new String[] {"pro", "gold", "free"});
        };
    }

    private Object anyValue() {
        return switch (random.nextInt(5)) {
            case 0 -> pick(TEXT);
            case 1 -> pick(NUMBERS);
            case 2 -> random.nextBoolean();
            case 3 -> Map.of("x", 1);
            default -> pick(SEMVER);
        };
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }

    private String pick(List<String> values) {
        return values.get(random.nextInt(values.size()));
    }
}
