package dev.flagledger.evaluation.crosscheck;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flagledger.evaluation.EvaluationConfig;
import dev.flagledger.evaluation.EvaluationContext;
import dev.flagledger.evaluation.EvaluationResult;
import dev.flagledger.evaluation.format.ConfigTreeReader;
import dev.flagledger.evaluation.model.ValueType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Java half of the cross-check with the TypeScript engine (issue 7, acceptance 1): generates a
 * random environment and 10 000 random contexts, evaluates every flag for each in Java, and writes
 * inputs and answers to {@code target/cross-check/java-results.json}. The SDK's vitest suite
 * ({@code sdk/packages/core/test/cross-check.test.ts}) evaluates the same inputs in TypeScript and
 * requires every answer to be identical. A new seed each run widens the coverage over time; the
 * seed is in the file (and {@code -Dcrosscheck.seed=N} replays one).
 */
class CrossCheckFixtureTest {
    static final int CONTEXTS = 10_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void writes_ten_thousand_random_contexts_with_the_java_answers() throws Exception {
        long seed = Long.getLong("crosscheck.seed", System.nanoTime());
        RandomEnvironment random = new RandomEnvironment(seed);
        Map<String, Object> config = random.config();
        // Through JSON text and back, so Java evaluates exactly the tree the TypeScript side parses.
        String configText = JSON.writeValueAsString(config);
        @SuppressWarnings("unchecked")
        Map<String, Object> parsed = JSON.readValue(configText, Map.class);
        EvaluationConfig compiled = EvaluationConfig.compile(ConfigTreeReader.read(parsed));
        List<String> flagKeys = new ArrayList<>(compiled.flagKeys());

        List<Object> cases = new ArrayList<>();
        int errors = 0;
        for (int i = 0; i < CONTEXTS; i++) {
            String contextText = JSON.writeValueAsString(random.context());
            @SuppressWarnings("unchecked")
            Map<String, Object> context = JSON.readValue(contextText, Map.class);
            List<Object> evaluations = new ArrayList<>();
            for (String flag : flagKeys) {
                String type = random.requestedType(typeOf(parsed, flag));
                EvaluationResult r = compiled.evaluate(flag, type == null ? null : ValueType.fromJson(type),
                        new EvaluationContext(context));
                if (r.isError()) errors++;
                evaluations.add(Arrays.asList(flag, type, r.variant(), r.reason().name(),
                        r.errorCode() == null ? null : r.errorCode().name(), r.value(), r.matchedRuleId()));
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("context", contextText);
            entry.put("evaluations", evaluations);
            cases.add(entry);
        }
        Map<String, Object> fixture = new LinkedHashMap<>();
        fixture.put("seed", seed);
        fixture.put("config", configText);
        fixture.put("cases", cases);
        Path out = Path.of("target", "cross-check", "java-results.json");
        Files.createDirectories(out.getParent());
        JSON.writeValue(out.toFile(), fixture);

        assertThat(cases).hasSize(CONTEXTS);
        // A generator that only produced errors would compare nothing interesting.
        assertThat(errors).as("errors among %d evaluations (seed %d)", CONTEXTS * flagKeys.size(), seed)
                .isLessThan(CONTEXTS * flagKeys.size() / 2);
    }

    @SuppressWarnings("unchecked")
    private static String typeOf(Map<String, Object> config, String flag) {
        Object definition = ((Map<String, Object>) config.get("flags")).get(flag);
        return definition instanceof Map<?, ?> map && map.get("valueType") instanceof String type ? type : null;
    }
}
