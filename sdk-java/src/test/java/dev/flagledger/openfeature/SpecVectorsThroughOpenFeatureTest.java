package dev.flagledger.openfeature;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.FlagEvaluationDetails;
import dev.openfeature.sdk.ImmutableContext;
import dev.openfeature.sdk.OpenFeatureAPI;
import dev.openfeature.sdk.Value;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every case of {@code spec/vectors} (the files every SDK runs), evaluated through the OpenFeature
 * API: a client of an OpenFeature domain whose provider is ours, loaded with the file's flags and
 * segments. A case's description is its test name and failure message.
 */
class SpecVectorsThroughOpenFeatureTest {
    private static final Path VECTORS = Path.of("..", "spec", "vectors");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> DOMAINS = new ArrayList<>();

    @TempDir
    static Path configs;

    @AfterAll
    static void shutDownProviders() {
        DOMAINS.forEach(domain -> OpenFeatureAPI.getInstance().getProvider(domain).shutdown());
    }

    @TestFactory
    Stream<DynamicNode> every_vector_case_evaluates_as_specified_through_an_openfeature_client() throws IOException {
        List<String> files = JSON.readValue(VECTORS.resolve("index.json").toFile(), new TypeReference<>() {
        });
        assertThat(files).hasSizeGreaterThanOrEqualTo(14);
        return files.stream().map(file -> {
            JsonNode spec = read(VECTORS.resolve(file));
            Client client = clientFor(file, spec);
            List<DynamicTest> cases = new ArrayList<>();
            for (JsonNode vector : spec.path("cases"))
                cases.add(DynamicTest.dynamicTest(vector.path("description").asText(), () -> check(client, spec, vector)));
            assertThat(cases).as(file + " has cases").isNotEmpty();
            return DynamicContainer.dynamicContainer(file, cases);
        });
    }

    private static Client clientFor(String file, JsonNode spec) {
        try {
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("flags", JSON.convertValue(spec.path("flags"), Map.class));
            config.put("segments", spec.has("segments") ? JSON.convertValue(spec.path("segments"), Map.class) : Map.of());
            Path configFile = configs.resolve(file);
            Files.write(configFile, JSON.writeValueAsBytes(config));
            FlagledgerProvider provider = new FlagledgerProvider(FlagledgerOptions.builder().configFile(configFile).build());
            OpenFeatureAPI.getInstance().setProviderAndWait(file, provider);
            DOMAINS.add(file);
            assertThat(provider.hasConfig()).as(file + " loaded").isTrue();
            return OpenFeatureAPI.getInstance().getClient(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void check(Client client, JsonNode spec, JsonNode vector) {
        String description = vector.path("description").asText();
        String flag = vector.path("flag").asText();
        JsonNode expected = vector.path("expected");
        // Without a requested type, ask for the flag's own (a flag that does not exist or whose type is
        // unknown: boolean, as any type gives the same error).
        String type = vector.hasNonNull("type") ? vector.path("type").asText()
                : spec.path("flags").path(flag).path("valueType").asText("boolean");
        if (!List.of("boolean", "string", "number", "json").contains(type) && !vector.hasNonNull("type")) type = "boolean";
        ImmutableContext context = context(vector.path("context"));

        FlagEvaluationDetails<?> details;
        Object defaultValue;
        switch (type) {
            case "boolean" -> {
                defaultValue = Boolean.FALSE;
                details = client.getBooleanDetails(flag, false, context);
            }
            case "string" -> {
                defaultValue = "(default)";
                details = client.getStringDetails(flag, "(default)", context);
            }
            case "number" -> {
                defaultValue = -1.5;
                details = client.getDoubleDetails(flag, -1.5, context);
            }
            case "json" -> {
                defaultValue = new Value("(default)");
                details = client.getObjectDetails(flag, new Value("(default)"), context);
            }
            default -> throw new IllegalArgumentException(description + ": unknown type " + type);
        }
        String got = " (got " + details + ")";

        assertThat(details.getReason()).as(description + got).isEqualTo(expected.path("reason").asText());
        assertThat(details.getErrorCode() == null ? null : details.getErrorCode().name()).as(description + got)
                .isEqualTo(expected.path("errorCode").isNull() ? null : expected.path("errorCode").asText());
        assertThat(details.getVariant()).as(description + got)
                .isEqualTo(expected.path("variant").isNull() ? null : expected.path("variant").asText());
        if (expected.path("variant").isNull()) {
            // Nothing served (an error, or an off flag without an off variation): the caller's default.
            assertThat(details.getValue()).as(description + ": the default" + got).isEqualTo(defaultValue);
        } else {
            assertThat(sameJson(plain(details.getValue()), expected.path("value"))).as(description + ": value" + got).isTrue();
        }
        if (expected.has("matchedRuleId")) {
            assertThat(details.getFlagMetadata().getString("matchedRuleId")).as(description + got)
                    .isEqualTo(expected.path("matchedRuleId").isNull() ? null : expected.path("matchedRuleId").asText());
        }
        expected.path("metadata").fields().forEachRemaining(entry -> assertThat(
                sameJson(details.getFlagMetadata().asUnmodifiableMap().get(entry.getKey()), entry.getValue()))
                .as(description + ": metadata " + entry.getKey() + got).isTrue());
    }

    /** The vector's flat context as an OpenFeature context; a non-string targetingKey stays an attribute. */
    private static ImmutableContext context(JsonNode node) {
        Map<String, Value> attributes = new LinkedHashMap<>();
        node.fields().forEachRemaining(entry -> attributes.put(entry.getKey(), value(entry.getValue())));
        JsonNode key = node.path("targetingKey");
        return key.isTextual() ? new ImmutableContext(key.asText(), attributes) : new ImmutableContext(attributes);
    }

    private static Value value(JsonNode node) {
        return OpenFeatureValues.value(JSON.convertValue(node, Object.class));
    }

    private static Object plain(Object value) {
        return value instanceof Value v ? OpenFeatureValues.plain(v) : value;
    }

    /** JSON equality where 1, 1.0 and 1L are the same number. */
    private static boolean sameJson(Object actual, JsonNode expected) {
        JsonNode a = JSON.valueToTree(actual);
        Comparator<JsonNode> numbersByValue = (x, y) -> {
            if (x.isNumber() && y.isNumber()) return new BigDecimal(x.asText()).compareTo(new BigDecimal(y.asText()));
            return x.equals(y) ? 0 : 1;
        };
        return a.equals(numbersByValue, expected);
    }

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file.toAbsolutePath(), e);
        }
    }
}
