package dev.flagledger.cli.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flagledger.cli.client.GraphQlClient;
import dev.flagledger.cli.gitops.Canonical;
import dev.flagledger.cli.gitops.EnvironmentConfig;
import dev.flagledger.evaluation.EvaluationConfig;
import dev.flagledger.evaluation.EvaluationContext;
import dev.flagledger.evaluation.EvaluationResult;
import dev.openfeature.contrib.providers.flagd.Config;
import dev.openfeature.contrib.providers.flagd.FlagdOptions;
import dev.openfeature.contrib.providers.flagd.FlagdProvider;
import dev.openfeature.sdk.ImmutableContext;
import dev.openfeature.sdk.ProviderEvaluation;
import dev.openfeature.sdk.Value;
import io.getunleash.DefaultUnleash;
import io.getunleash.Unleash;
import io.getunleash.UnleashContext;
import io.getunleash.repository.ToggleBootstrapFileProvider;
import io.getunleash.util.UnleashConfig;
import io.getunleash.variant.Variant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13, acceptance 2: flags written for flagd (every targeting operator we support, fractional
 * rollouts included) and an Unleash export (gradual rollouts, variants, constraints, a segment, a
 * dependency) are imported, and for 10 000 seeded contexts our engine serves what the original
 * platform's own evaluator serves: flagd's Java provider in-process (file resolver) and the
 * Unleash Java client (bootstrapped from the file), both run here. Rollouts match context by
 * context because the imports keep each platform's bucketing.
 */
class MigrationEquivalenceTest {
    private static final int CONTEXTS = 10_000;
    private static final String ENVIRONMENT = "production";

    @TempDir
    static Path directory;
    private static Population population;

    @BeforeAll
    static void people() {
        population = Population.random(20_261_207L, CONTEXTS);
    }

    static JsonNode resource(String name) throws Exception {
        try (InputStream in = MigrationEquivalenceTest.class.getResourceAsStream("/migration/" + name)) {
            return GraphQlClient.JSON.readTree(in);
        }
    }

    static EvaluationConfig compile(Imported imported) {
        ObjectNode document = GraphQlClient.JSON.createObjectNode();
        document.set("flags", GraphQlClient.JSON.valueToTree(imported.flags()));
        document.set("segments", GraphQlClient.JSON.valueToTree(imported.segments()));
        EvaluationConfig config = EnvironmentConfig.compile(document, ENVIRONMENT, 1);
        assertThat(config.invalidFlags()).as("imported flags that do not compile").isEmpty();
        assertThat(config.invalidSegments()).as("imported segments that do not compile").isEmpty();
        return config;
    }

    @Test
    void flagd_flags_evaluate_as_flagds_own_in_process_provider_does_for_10000_contexts() throws Exception {
        JsonNode file = resource("flagd-flags.json");
        Imported imported = FlagdImporter.convert(file, ENVIRONMENT);
        assertThat(imported.report()).as("nothing dropped").noneMatch(Unrepresentable::dropped);
        EvaluationConfig ours = compile(imported);
        Path flagdFile = directory.resolve("flagd.json");
        Files.writeString(flagdFile, file.toString());
        FlagdProvider flagd = new FlagdProvider(FlagdOptions.builder().resolverType(Config.Resolver.FILE)
                .offlineFlagSourcePath(flagdFile.toString()).deadline(10_000).build());
        flagd.initialize(new ImmutableContext());
        try {
            Map<String, Integer> mismatches = new TreeMap<>();
            Map<String, Map<String, Integer>> served = new TreeMap<>();
            List<String> examples = new ArrayList<>();
            for (var it = file.path("flags").fields(); it.hasNext(); ) {
                var entry = it.next();
                String key = entry.getKey();
                if (entry.getValue().path("state").asText().equals("DISABLED")) continue; // reported as a note, compared below
                JsonNode variants = entry.getValue().path("variants");
                for (Map<String, Object> person : population.people()) {
                    EvaluationResult result = ours.evaluate(key, EvaluationContext.of((String) person.get("targetingKey"), person));
                    assertThat(result.isError()).as("%s for %s: %s", key, person, result.errorMessage()).isFalse();
                    ProviderEvaluation<?> theirs = typed(flagd, key, variants.elements().next(), openFeature(person));
                    String theirVariant = theirs.getVariant();
                    served.computeIfAbsent(key, k -> new TreeMap<>()).merge(String.valueOf(theirVariant), 1, Integer::sum);
                    boolean same = theirVariant != null && theirVariant.equals(result.variant())
                            && sameJson(variants.get(theirVariant), result.value());
                    if (!same) {
                        mismatches.merge(key, 1, Integer::sum);
                        if (examples.size() < 5) examples.add(key + ": flagd " + theirVariant + "/" + theirs.getErrorCode()
                                + ", ours " + result.variant() + " for " + person);
                    }
                }
            }
            assertThat(mismatches).as("mismatches per flag; first: %s", examples).isEmpty();
            // Not vacuous: every flag with targeting serves more than one variant over the population.
            served.forEach((flag, counts) -> {
                if (!flag.equals("plain-on")) assertThat(counts).as("variants served by %s", flag).hasSizeGreaterThan(1);
            });
            assertThat(served.get("semver")).as("semver operators each reached").containsKeys("eq", "ne", "lt", "le", "gt", "ge",
                    "caret", "tilde");
        } finally {
            flagd.shutdown();
        }
    }

    @Test
    void an_unleash_export_evaluates_as_the_unleash_java_client_does_for_10000_contexts() throws Exception {
        JsonNode file = resource("unleash-features.json");
        Imported imported = UnleashImporter.convert(file, ENVIRONMENT, null);
        assertThat(imported.report()).as("nothing dropped").noneMatch(Unrepresentable::dropped);
        EvaluationConfig ours = compile(imported);
        Path bootstrap = directory.resolve("unleash.json");
        Files.writeString(bootstrap, file.toString());
        Path backup = directory.resolve("unleash-backup.json");
        Unleash unleash = new DefaultUnleash(UnleashConfig.builder().appName("flagledger-migration-test").instanceId("test")
                .unleashAPI("http://127.0.0.1:9/api/").disablePolling().disableMetrics().backupFile(backup.toString())
                .toggleBootstrapProvider(new ToggleBootstrapFileProvider(bootstrap.toString())).build());
        try {
            Map<String, String> keyOf = new HashMap<>();
            for (JsonNode flag : imported.flags()) keyOf.put(flag.path("name").asText(), flag.path("key").asText());
            Map<String, Integer> mismatches = new TreeMap<>();
            Map<String, Map<String, Integer>> served = new TreeMap<>();
            List<String> examples = new ArrayList<>();
            for (JsonNode feature : file.path("features")) {
                String name = feature.path("name").asText();
                String key = keyOf.get(name);
                boolean withVariants = imported.flags().stream().filter(f -> f.path("key").asText().equals(key))
                        .anyMatch(f -> !f.path("type").asText().equals("boolean"));
                for (Map<String, Object> person : population.people()) {
                    EvaluationResult result = ours.evaluate(key, EvaluationContext.of((String) person.get("targetingKey"), person));
                    assertThat(result.isError()).as("%s for %s: %s", key, person, result.errorMessage()).isFalse();
                    UnleashContext context = unleashContext(person);
                    String theirs;
                    String mine;
                    if (withVariants) {
                        Variant variant = unleash.getVariant(name, context);
                        theirs = variant.isEnabled() ? variant.getName().toLowerCase() : "disabled";
                        mine = result.variant();
                    } else {
                        theirs = String.valueOf(unleash.isEnabled(name, context));
                        mine = String.valueOf(result.value());
                    }
                    served.computeIfAbsent(name, k -> new TreeMap<>()).merge(theirs, 1, Integer::sum);
                    if (!theirs.equals(mine)) {
                        mismatches.merge(name, 1, Integer::sum);
                        if (examples.size() < 5) examples.add(name + ": unleash " + theirs + ", ours " + mine + " for " + person);
                    }
                }
            }
            assertThat(mismatches).as("mismatches per feature; first: %s", examples).isEmpty();
            served.forEach((feature, counts) -> {
                if (!feature.equals("disabled-feature")) assertThat(counts).as("answers of %s", feature).hasSizeGreaterThan(1);
            });
            assertThat(served.get("variants-feature")).containsKeys("blue", "green", "red", "disabled");
        } finally {
            unleash.shutdown();
        }
    }

    @Test
    void an_unleash_admin_export_imports_to_the_same_flags_as_its_client_api_twin() throws Exception {
        JsonNode export = resource("unleash-admin-export.json");
        Imported fromExport = UnleashImporter.convert(export, ENVIRONMENT, "production");
        Imported fromClient = UnleashImporter.convert(UnleashImporter.clientFormat(export, "production"), ENVIRONMENT, null);
        JsonNode exported = GraphQlClient.JSON.valueToTree(fromExport.flags());
        JsonNode client = GraphQlClient.JSON.valueToTree(fromClient.flags());
        assertThat(exported).isEqualTo(client);
        List<String> environments = List.of(ENVIRONMENT);
        JsonNode rollout = Canonical.flag(fromExport.flags().get(0), environments);
        assertThat(rollout.path("environments").path(ENVIRONMENT).path("enabled").asBoolean()).isTrue();
        assertThat(fromExport.report()).anyMatch(note -> note.dropped() && note.reason().contains("CIDR"))
                .anyMatch(note -> note.where().contains("disabled strategy") || note.what().contains("disabled strategy"));
    }

    @Test
    void what_cannot_be_represented_is_listed_with_the_reason_and_the_rest_still_imports() throws Exception {
        JsonNode flagd = GraphQlClient.JSON.readTree("""
                {"flags": {
                  "by-time": {"state": "ENABLED", "variants": {"on": true, "off": false}, "defaultVariant": "off",
                              "targeting": {"if": [{">": [{"var": "$flagd.timestamp"}, 1700000000]}, "on", "off"]}},
                  "Fine_Flag": {"state": "ENABLED", "variants": {"on": true, "off": false}, "defaultVariant": "off"},
                  "odd-op": {"state": "ENABLED", "variants": {"on": true, "off": false}, "defaultVariant": "off",
                             "targeting": {"if": [{"some": [{"var": "tags"}, {"==": [{"var": ""}, "x"]}]}, "on"]}}
                }}""");
        Imported imported = FlagdImporter.convert(flagd, ENVIRONMENT);
        assertThat(imported.flags()).extracting(f -> f.path("key").asText()).containsExactly("fine_flag");
        assertThat(imported.report()).anyMatch(r -> r.dropped() && r.where().equals("flag by-time") && r.reason().contains("$flagd.timestamp"))
                .anyMatch(r -> r.dropped() && r.where().equals("flag odd-op") && r.reason().contains("'some'"))
                .anyMatch(r -> !r.dropped() && r.what().contains("Fine_Flag") && r.reason().contains("renamed"));
    }

    /** flagd checks the requested type against the variant values: ask in the flag's own type. */
    private static ProviderEvaluation<?> typed(FlagdProvider flagd, String key, JsonNode sample, ImmutableContext context) {
        if (sample.isBoolean()) return flagd.getBooleanEvaluation(key, false, context);
        if (sample.isTextual()) return flagd.getStringEvaluation(key, "fallback", context);
        if (sample.isIntegralNumber()) return flagd.getIntegerEvaluation(key, -1, context);
        if (sample.isNumber()) return flagd.getDoubleEvaluation(key, -1.0, context);
        return flagd.getObjectEvaluation(key, new Value("fallback"), context);
    }

    private static ImmutableContext openFeature(Map<String, Object> person) {
        Map<String, Value> attributes = new HashMap<>();
        person.forEach((k, v) -> {
            if (!k.equals("targetingKey")) attributes.put(k, v instanceof Integer i ? new Value(i) : new Value(String.valueOf(v)));
        });
        return new ImmutableContext((String) person.get("targetingKey"), attributes);
    }

    private static UnleashContext unleashContext(Map<String, Object> person) {
        UnleashContext.Builder builder = UnleashContext.builder().userId((String) person.get("targetingKey"));
        person.forEach((k, v) -> {
            if (!k.equals("targetingKey")) builder.addProperty(k, String.valueOf(v));
        });
        return builder.build();
    }

    /** flagd's variant value (JSON) against our served value (plain Java). */
    private static boolean sameJson(JsonNode expected, Object actual) {
        if (expected == null) return false;
        JsonNode ours = GraphQlClient.JSON.valueToTree(actual);
        if (expected.isNumber() && ours.isNumber()) return expected.decimalValue().compareTo(ours.decimalValue()) == 0;
        return expected.equals(ours) || (expected.isNumber() && actual instanceof BigDecimal d
                && expected.decimalValue().compareTo(d) == 0);
    }
}
