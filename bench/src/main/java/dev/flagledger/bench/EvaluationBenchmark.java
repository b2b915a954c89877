package dev.flagledger.bench;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.flagledger.evaluation.EvaluationConfig;
import dev.flagledger.evaluation.EvaluationContext;
import dev.flagledger.evaluation.EvaluationResult;
import dev.flagledger.evaluation.Explanation;
import dev.flagledger.evaluation.Reason;
import dev.flagledger.evaluation.format.ConfigTreeReader;

/**
 * Issue 3, acceptance 6: the cost of one {@code evaluate} of a realistic flag (5 rules mixing
 * string, numeric, semver and regex clauses, a segment with included keys and a rule, and a
 * percentage rollout), next to the simplest boolean flag as a same-run peer, and {@code explain}
 * (the debugger path) for comparison. Contexts rotate through a pre-built set, so the JIT cannot
 * fold the answer into a constant and the branch profile sees every rule.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar EvaluationBenchmark -prof gc} (see
 * docs/BENCHMARKS.md). Not a test: nothing in the build runs it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
// 10 warm-up seconds, not 3: on this shared 2-core machine C2 needed about 8 s of a loaded CPU
// before the regex and clause paths were compiled (3 s left complexMixed at 20 us/op, interpreted).
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class EvaluationBenchmark {
    /** Power of two, so the rotation is a mask; large enough to defeat value profiling. */
    private static final int CONTEXTS = 1024;

    private EvaluationConfig config;
    private EvaluationContext[] mixed;
    private EvaluationContext[] noRuleMatches;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        config = EvaluationConfig.compile(ConfigTreeReader.read(environment()));
        if (!config.invalidFlags().isEmpty() || !config.invalidSegments().isEmpty()) {
            throw new IllegalStateException("benchmark config did not compile: " + config.invalidFlags()
                    + " " + config.invalidSegments());
        }
        Random random = new Random(42);
        mixed = new EvaluationContext[CONTEXTS];
        noRuleMatches = new EvaluationContext[CONTEXTS];
        for (int i = 0; i < CONTEXTS; i++) {
            mixed[i] = mixedContext(random, i);
            noRuleMatches[i] = fallthroughContext(random, i);
        }
        // Print which paths the rotation exercises, so a reader sees what was measured, and refuse
        // to measure a set that errors or never reaches the rules it is meant to exercise.
        report("mixed", mixed, 6);
        report("noRuleMatches", noRuleMatches, 1);
    }

    /** The simplest flag: on, one fixed fallthrough variant. The floor of any evaluation. */
    @Benchmark
    public EvaluationResult baselineBoolean() {
        return config.evaluate("simple-toggle", rotate(mixed));
    }

    /** The 5-rule flag over contexts that between them reach every rule, the segment and both rollouts. */
    @Benchmark
    public EvaluationResult complexMixed() {
        return config.evaluate("checkout-v2", rotate(mixed));
    }

    /**
     * The 5-rule flag when no rule matches: every clause that can run does, the segment is checked
     * (not included, rule tried) and the fallthrough rollout hashes. The slowest ordinary path.
     */
    @Benchmark
    public EvaluationResult complexNoRuleMatches() {
        return config.evaluate("checkout-v2", rotate(noRuleMatches));
    }

    /** The debugger path: same algorithm with a recording tracer. */
    @Benchmark
    public Explanation explainMixed() {
        return config.explain("checkout-v2", null, rotate(mixed));
    }

    private EvaluationContext rotate(EvaluationContext[] contexts) {
        int i = next;
        next = (i + 1) & (CONTEXTS - 1);
        return contexts[i];
    }

    // --- the environment -----------------------------------------------------------------------

    static Map<String, Object> environment() {
        Map<String, Object> simple = Map.of(
                "valueType", "boolean",
                "enabled", true,
                "variations", Map.of("on", true, "off", false),
                "offVariation", "off",
                "fallthrough", Map.of("variant", "on"));

        Map<String, Object> checkout = Map.of(
                "version", 12,
                "valueType", "string",
                "enabled", true,
                "variations", ordered("control", "control", "treatment-a", "treatment-a", "treatment-b", "treatment-b"),
                "offVariation", "control",
                "rules", List.of(
                        rule("staff-nl",
                                clause("email", "endsWith", List.of("@flagledger.dev")),
                                clause("country", "in", List.of("NL", "BE", "LU"))),
                        rule("big-enterprise",
                                clause("account.plan", "equals", List.of("enterprise")),
                                clause("account.seats", "gte", List.of(500))),
                        rule("old-app",
                                clause("app.version", "semverLt", List.of("2.0.0"))),
                        rule("mobile-safari",
                                clause("userAgent", "matches", List.of("^Mozilla/5\\.0 \\(iP(hone|ad);.*Safari/[0-9.]+$")),
                                clause("country", "in", List.of("US", "CA"), true)),
                        Map.of("id", "beta",
                                "clauses", List.of(Map.of("operator", "inSegment", "values", List.of("beta-testers"))),
                                "serve", Map.of("rollout", Map.of(
                                        "weights", List.of(weight("treatment-a", 50_000), weight("treatment-b", 50_000)),
                                        "salt", "checkout-v2-beta")))),
                "fallthrough", Map.of("rollout", Map.of(
                        "weights", List.of(weight("control", 60_000), weight("treatment-a", 30_000),
                                weight("treatment-b", 10_000)))));

        List<String> included = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            included.add("user-" + (i * 37));
        }
        Map<String, Object> beta = Map.of(
                "included", included,
                "excluded", List.of("user-1", "user-2"),
                "rules", List.of(Map.of("id", "young-pro", "clauses", List.of(
                        clause("account.plan", "equals", List.of("pro")),
                        clause("age", "lt", List.of(30))))));

        return Map.of(
                "flags", Map.of("simple-toggle", simple, "checkout-v2", checkout),
                "segments", Map.of("beta-testers", beta));
    }

    private static Map<String, Object> ordered(Object... pairs) {
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private static Map<String, Object> rule(String id, Map<?, ?>... clauses) {
        return Map.of("id", id, "clauses", List.of(clauses), "serve", Map.of("variant", "treatment-a"));
    }

    private static Map<String, Object> clause(String attribute, String operator, List<?> values) {
        return clause(attribute, operator, values, false);
    }

    private static Map<String, Object> clause(String attribute, String operator, List<?> values, boolean negate) {
        return Map.of("attribute", attribute, "operator", operator, "values", values, "negate", negate);
    }

    private static Map<String, Object> weight(String variant, int weight) {
        return Map.of("variant", variant, "weight", weight);
    }

    // --- the contexts --------------------------------------------------------------------------

    private static final String[] COUNTRIES = {"NL", "DE", "US", "FR", "BE", "GB", "CA", "JP"};
    private static final String[] PLANS = {"free", "pro", "enterprise", "team"};
    private static final String[] AGENTS = {
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
            "Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1",
    };

    /** Contexts with realistic, varied attributes: between them they reach every rule. */
    private static EvaluationContext mixedContext(Random random, int i) {
        String country = COUNTRIES[random.nextInt(COUNTRIES.length)];
        String plan = PLANS[random.nextInt(PLANS.length)];
        String domain = random.nextInt(10) == 0 ? "@flagledger.dev" : "@example.com";
        String version = (1 + random.nextInt(3)) + "." + random.nextInt(10) + "." + random.nextInt(20)
                + (random.nextInt(5) == 0 ? "-beta." + random.nextInt(4) : "");
        String key = "user-" + (i * 13 + random.nextInt(13));
        return EvaluationContext.of(key, Map.of(
                "email", key + domain,
                "country", country,
                "age", 16 + random.nextInt(50),
                "account", Map.of("plan", plan, "seats", random.nextInt(1000)),
                "app", Map.of("version", version),
                "userAgent", AGENTS[random.nextInt(AGENTS.length)]));
    }

    /**
     * Contexts that fail every rule as late as possible: staff email outside the Benelux, an
     * enterprise plan with too few seats, a 2.x/3.x app, an iPhone in the US (negated clause
     * fails after the regex matched), a pro account too old for the segment rule, a key not included.
     */
    private static EvaluationContext fallthroughContext(Random random, int i) {
        String key = "ctx-" + i + "-" + random.nextInt(1_000_000);
        return EvaluationContext.of(key, Map.of(
                "email", key + "@flagledger.dev",
                "country", "US",
                "age", 30 + random.nextInt(40),
                "account", Map.of("plan", "enterprise", "seats", random.nextInt(500)),
                "app", Map.of("version", (2 + random.nextInt(2)) + "." + random.nextInt(10) + ".0"),
                "userAgent", AGENTS[0]));
    }

    private void report(String name, EvaluationContext[] contexts, int minimumPaths) {
        Map<String, Integer> paths = new TreeMap<>();
        Map<Reason, Integer> reasons = new EnumMap<>(Reason.class);
        for (EvaluationContext context : contexts) {
            EvaluationResult result = config.evaluate("checkout-v2", context);
            if (result.isError()) {
                throw new IllegalStateException(name + ": evaluation error " + result);
            }
            paths.merge(result.matchedRuleId() == null ? "(fallthrough)" : result.matchedRuleId(), 1, Integer::sum);
            reasons.merge(result.reason(), 1, Integer::sum);
        }
        System.out.println("# " + name + " contexts: paths " + paths + ", reasons " + reasons);
        if (paths.size() < minimumPaths) {
            throw new IllegalStateException(name + " reaches only " + paths.keySet());
        }
    }
}
