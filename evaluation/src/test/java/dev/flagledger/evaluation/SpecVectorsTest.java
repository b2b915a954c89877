package dev.flagledger.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.flagledger.evaluation.format.ConfigTreeReader;
import dev.flagledger.evaluation.model.ValueType;

/**
 * Runs every case of the language-neutral vectors in {@code spec/vectors} (the same files every
 * SDK runs). Each case's description is its test name and its failure message.
 */
class SpecVectorsTest {
    private static final Path VECTORS = Path.of("..", "spec", "vectors");
    private static final Set<String> CASE_FIELDS = Set.of("description", "flag", "context", "type", "expected");
    private static final Set<String> EXPECTED_FIELDS =
            Set.of("value", "variant", "reason", "errorCode", "metadata", "matchedRuleId");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    Stream<DynamicNode> every_vector_case_evaluates_as_specified() throws IOException {
        return indexedFiles().stream().map(file -> {
            Map<String, Object> spec = read(VECTORS.resolve(file), new TypeReference<>() {
            });
            EvaluationConfig config = EvaluationConfig.compile(ConfigTreeReader.read(
                    Map.of("flags", spec.get("flags"), "segments", spec.get("segments"))));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> cases = (List<Map<String, Object>>) spec.get("cases");
            return DynamicContainer.dynamicContainer(file, cases.stream()
                    .map(vector -> DynamicTest.dynamicTest(String.valueOf(vector.get("description")),
                            () -> check(config, vector))));
        });
    }

    @Test
    void index_lists_every_numbered_file_and_they_hold_at_least_150_cases() throws IOException {
        List<String> indexed = indexedFiles();
        try (Stream<Path> files = Files.list(VECTORS)) {
            List<String> present = files.map(p -> p.getFileName().toString())
                    .filter(name -> name.matches("\\d\\d-.*\\.json")).sorted().collect(Collectors.toList());
            assertThat(indexed).as("index.json must list every numbered file, in order").isEqualTo(present);
        }
        int total = 0;
        for (String file : indexed) {
            total += ((List<?>) read(VECTORS.resolve(file), new TypeReference<Map<String, Object>>() {
            }).get("cases")).size();
        }
        assertThat(total).isGreaterThanOrEqualTo(150);
    }

    @SuppressWarnings("unchecked")
    private static void check(EvaluationConfig config, Map<String, Object> vector) {
        String description = (String) vector.get("description");
        assertThat(vector.keySet()).as("fields of case '%s'", description).isSubsetOf(CASE_FIELDS);
        Map<String, Object> expected = (Map<String, Object>) vector.get("expected");
        assertThat(expected.keySet()).as("expected fields of case '%s'", description).isSubsetOf(EXPECTED_FIELDS)
                .contains("value", "variant", "reason", "errorCode");
        String type = (String) vector.get("type");

        EvaluationResult result = config.evaluate((String) vector.get("flag"),
                type == null ? null : ValueType.fromJson(type),
                new EvaluationContext((Map<String, Object>) vector.get("context")));

        String actual = " (got " + result + ")";
        // explain must take exactly the same path as the fast evaluate.
        assertThat(config.explain((String) vector.get("flag"), type == null ? null : ValueType.fromJson(type),
                new EvaluationContext((Map<String, Object>) vector.get("context"))).result())
                .as(description + ": explain agrees with evaluate").isEqualTo(result);
        assertThat(result.reason().name()).as(description + actual).isEqualTo(expected.get("reason"));
        assertThat(result.errorCode() == null ? null : result.errorCode().name()).as(description + actual)
                .isEqualTo(expected.get("errorCode"));
        assertThat(result.variant()).as(description + actual).isEqualTo(expected.get("variant"));
        assertThat(sameJson(result.value(), expected.get("value"))).as(description + ": value" + actual).isTrue();
        if (expected.containsKey("matchedRuleId")) {
            assertThat(result.matchedRuleId()).as(description + actual).isEqualTo(expected.get("matchedRuleId"));
        }
        if (expected.containsKey("metadata")) {
            Map<String, Object> metadata = (Map<String, Object>) expected.get("metadata");
            metadata.forEach((key, value) -> assertThat(sameJson(result.metadata().get(key), value))
                    .as(description + ": metadata " + key + actual).isTrue());
        }
        // Every result, even an error, must be well-formed.
        assertThat(result.isError()).as(description).isEqualTo(result.reason() == Reason.ERROR);
    }

    /** JSON equality where 1, 1.0 and 1L are the same number. */
    private static boolean sameJson(Object actual, Object expected) {
        JsonNode a = JSON.valueToTree(actual);
        JsonNode b = JSON.valueToTree(expected);
        Comparator<JsonNode> numbersByValue = (x, y) -> {
            if (x.isNumber() && y.isNumber()) {
                return new BigDecimal(x.asText()).compareTo(new BigDecimal(y.asText()));
            }
            return x.equals(y) ? 0 : 1;
        };
        return a.equals(numbersByValue, b);
    }

    private static List<String> indexedFiles() throws IOException {
        return new ArrayList<>(read(VECTORS.resolve("index.json"), new TypeReference<List<String>>() {
        }));
    }

    private static <T> T read(Path file, TypeReference<T> type) {
        try {
            return JSON.readValue(file.toFile(), type);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file.toAbsolutePath(), e);
        }
    }
}
