package dev.flagledger.cli.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flagledger.cli.gitops.ProjectFiles;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Acceptance 3 of issue 15 for import files: flagd and Unleash files, and the CLI's own project YAML,
 * mutated into hostile shapes (random trees, real files with parts replaced by wrong types, deep
 * nesting, YAML alias bombs). Each importer answers with its result and report, or with its one
 * documented refusal (IllegalArgumentException: not a file of that kind), within a CPU second; the
 * YAML validator answers with a list of problems. Never another exception, never a hang.
 */
class HostileImportFilesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    private static final JsonNode FLAGD = read("flagd-flags.json");
    private static final JsonNode UNLEASH = read("unleash-features.json");
    private static final JsonNode UNLEASH_EXPORT = read("unleash-admin-export.json");

    @Property(tries = 300)
    void a_hostile_flagd_file_is_imported_or_refused_with_its_typed_error(@ForAll("flagdFiles") JsonNode file) {
        typedWithinACpuSecond(() -> FlagdImporter.convert(file, "production"));
    }

    @Property(tries = 300)
    void a_hostile_unleash_file_is_imported_or_refused_with_its_typed_error(@ForAll("unleashFiles") JsonNode file) {
        typedWithinACpuSecond(() -> UnleashImporter.convert(file, "production", "production"));
    }

    @Property(tries = 200)
    void hostile_project_yaml_gets_a_list_of_problems(@ForAll("yaml") String text) {
        long started = CPU.getCurrentThreadCpuTime();
        List<String> problems = ProjectFiles.validate("hostile.yaml", text);
        assertThat(problems).isNotNull();
        assertThat(CPU.getCurrentThreadCpuTime() - started).as("CPU nanoseconds").isLessThan(1_000_000_000L);
    }

    private static void typedWithinACpuSecond(Supplier<Imported> importer) {
        long started = CPU.getCurrentThreadCpuTime();
        try {
            Imported imported = importer.get();
            assertThat(imported.flags()).isNotNull();
            assertThat(imported.report()).isNotNull();
        } catch (IllegalArgumentException refused) {
            assertThat(refused.getMessage()).isNotBlank();
        }
        assertThat(CPU.getCurrentThreadCpuTime() - started).as("CPU nanoseconds").isLessThan(1_000_000_000L);
    }

    @Provide
    Arbitrary<JsonNode> flagdFiles() {
        return Arbitraries.oneOf(mutated(FLAGD), trees(), deep());
    }

    @Provide
    Arbitrary<JsonNode> unleashFiles() {
        return Arbitraries.oneOf(mutated(UNLEASH), mutated(UNLEASH_EXPORT), trees(), deep());
    }

    @Provide
    Arbitrary<String> yaml() {
        Arbitrary<String> bomb = Arbitraries.integers().between(1, 12).map(levels -> {
            StringBuilder text = new StringBuilder("a0: &a0 [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n");
            for (int i = 1; i <= levels; i++)
                text.append("a").append(i).append(": &a").append(i).append(" [").append(String.join(", ",
                        java.util.Collections.nCopies(9, "*a" + (i - 1)))).append("]\n");
            return text.toString();
        });
        Arbitrary<String> deep = Arbitraries.integers().between(1, 20_000).map(depth -> "flags: " + "[".repeat(depth) + "]".repeat(depth));
        Arbitrary<String> soup = Arbitraries.of("project:", "key:", "flags:", "- ", "  ", "\n", "&x", "*x", "!!binary", "{", "}",
                "[", "]", "\"", "'", "---", "...", "%YAML 1.2", "!!python/object", "? ", ": ", "environments:", "#", "\t", "null",
                "~", "1e99999", "<<: *x").list().ofMaxSize(200).map(parts -> String.join("", parts));
        return Arbitraries.oneOf(bomb, deep, soup, Arbitraries.strings().ofMaxLength(2_000));
    }

    /** A real file with one node, chosen at random, replaced by something of the wrong shape. */
    private static Arbitrary<JsonNode> mutated(JsonNode original) {
        return Arbitraries.integers().between(0, 10_000).flatMap(index -> replacements().map(replacement -> {
            JsonNode copy = original.deepCopy();
            replaceNth(copy, new int[]{index % Math.max(1, count(copy))}, replacement);
            return copy;
        }));
    }

    private static Arbitrary<JsonNode> replacements() {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(50).map(s -> (JsonNode) nodes.textNode(s)),
                Arbitraries.integers().map(i -> (JsonNode) nodes.numberNode(i)),
                Arbitraries.just((JsonNode) nodes.nullNode()), Arbitraries.just((JsonNode) nodes.arrayNode()),
                Arbitraries.just((JsonNode) nodes.objectNode()), Arbitraries.just((JsonNode) nodes.booleanNode(true)),
                Arbitraries.just((JsonNode) nodes.numberNode(new java.math.BigDecimal("1e999999"))),
                trees());
    }

    private static Arbitrary<JsonNode> trees() {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        Arbitrary<JsonNode> leaf = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(30).map(s -> (JsonNode) nodes.textNode(s)),
                Arbitraries.integers().map(i -> (JsonNode) nodes.numberNode(i)), Arbitraries.just((JsonNode) nodes.nullNode()),
                Arbitraries.of("flags", "state", "variants", "defaultVariant", "targeting", "if", "in", "fractional", "var",
                        "sem_ver", "starts_with", "$ref", "features", "strategies", "constraints", "segments", "operator",
                        "IN", "NOT_IN", "STR_CONTAINS", "SEMVER_EQ").map(s -> (JsonNode) nodes.textNode(s)));
        Arbitrary<String> keys = Arbitraries.of("flags", "state", "variants", "defaultVariant", "targeting", "$evaluators",
                "features", "name", "enabled", "strategies", "parameters", "constraints", "contextName", "operator", "values",
                "segments", "variants", "weight", "stickiness", "if", "fractional", "var", "in", "$ref", "x");
        return Arbitraries.recursive(() -> leaf, inner -> Arbitraries.oneOf(
                inner.list().ofMaxSize(4).map(list -> {
                    ArrayNode array = nodes.arrayNode();
                    list.forEach(array::add);
                    return (JsonNode) array;
                }),
                Arbitraries.maps(keys, inner).ofMaxSize(4).map(map -> {
                    ObjectNode object = nodes.objectNode();
                    map.forEach(object::set);
                    return (JsonNode) object;
                })), 0, 8);
    }

    private static Arbitrary<JsonNode> deep() {
        return Arbitraries.integers().between(1, 3_000).map(depth -> {
            StringBuilder text = new StringBuilder("{\"flags\":{\"f\":{\"state\":\"ENABLED\",\"variants\":{\"on\":true},"
                    + "\"defaultVariant\":\"on\",\"targeting\":");
            text.append("{\"if\":[".repeat(depth)).append("true").append("]}".repeat(depth)).append("}},"
                    + "\"features\":[{\"name\":\"f\",\"strategies\":[{\"name\":\"default\",\"constraints\":[]}]}]}");
            try {
                return JSON.readTree(text.toString());
            } catch (IOException e) {
                return JsonNodeFactory.instance.objectNode();
            }
        });
    }

    private static int count(JsonNode node) {
        int total = 1;
        for (JsonNode child : node) total += count(child);
        return total;
    }

    /** Replaces the n-th node (depth first, the root excluded) under {@code node}. */
    private static boolean replaceNth(JsonNode node, int[] n, JsonNode replacement) {
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (n[0]-- == 0) {
                    object.set(field.getKey(), replacement);
                    return true;
                }
                if (replaceNth(field.getValue(), n, replacement)) return true;
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (n[0]-- == 0) {
                    array.set(i, replacement);
                    return true;
                }
                if (replaceNth(array.get(i), n, replacement)) return true;
            }
        }
        return false;
    }

    private static JsonNode read(String name) {
        try {
            return JSON.readTree(Files.readString(Path.of("src", "test", "resources", "migration", name)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
