package dev.flagledger.cli.gitops;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flagledger.cli.CliException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The files' schema and canonical form: errors carry line numbers, writing and reading is lossless. */
class ProjectFilesTest {
    static final String PROJECT = """
            version: 1
            project:
              key: shop
              environments:
                - key: development
                - key: production
                  requireReason: true
            segments:
              - key: beta
                included: [alice]
            flags:
              - key: checkout
                type: boolean
                tags: [payments]
                variations:
                  - {key: "on", value: true}
                  - {key: "off", value: false}
                environments:
                  production:
                    enabled: true
                    targeting:
                      rules:
                        - id: beta
                          clauses: [{operator: inSegment, values: [beta]}]
                          serve: {variation: "on"}
            """;

    @TempDir
    Path directory;

    @Test
    void schema_errors_name_the_file_line_and_column() {
        List<String> errors = ProjectFiles.validate("flags.yaml", """
                version: 1
                project:
                  key: Shop Key
                  environments: []
                flags:
                  - key: ok
                    type: maybe
                    variations:
                      - {key: "on", value: 1}
                    colour: red
                """);
        assertThat(errors).anyMatch(e -> e.startsWith("flags.yaml:3:") && e.contains("key"))
                .anyMatch(e -> e.startsWith("flags.yaml:4:"))
                .anyMatch(e -> e.startsWith("flags.yaml:7:") && e.contains("type"))
                .anyMatch(e -> e.contains("colour"));
        assertThat(ProjectFiles.validate("flags.yaml", "flags: [\n")).singleElement().asString().contains("not valid YAML");
    }

    @Test
    void a_flag_of_a_type_gets_values_of_that_type_only() {
        List<String> errors = ProjectFiles.validate("f.yaml", """
                flags:
                  - key: n
                    type: number
                    variations:
                      - {key: a, value: "1"}
                """);
        assertThat(errors).anyMatch(e -> e.startsWith("f.yaml:5:") && e.contains("number"));
    }

    @Test
    void an_invalid_directory_reports_every_problem_and_reads_nothing() throws Exception {
        Files.writeString(directory.resolve("project.yaml"), "project: {key: shop, environments: [{key: dev}]}\n");
        Files.writeString(directory.resolve("a.yaml"), "flags: [{key: x, type: boolean, variations: [{key: on, value: maybe}]}]\n");
        assertThatThrownBy(() -> ProjectFiles.read(directory)).isInstanceOfSatisfying(CliException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(2);
            assertThat(e.details()).anyMatch(detail -> detail.contains("a.yaml:1:"));
        });
    }

    @Test
    void canonical_files_written_as_one_file_or_split_read_back_as_the_same_document() {
        Path single = directory.resolve("in.yaml");
        write(single, PROJECT);
        ObjectNode canonical = ProjectFiles.canonical(ProjectFiles.read(single));
        assertThat(canonical.path("flags").get(0).path("environments").path("development").path("enabled").asBoolean())
                .as("an environment the file leaves out is off").isFalse();
        Path one = directory.resolve("out/project.yaml");
        ProjectFiles.write(canonical, one, false);
        assertThat(ProjectFiles.canonical(ProjectFiles.read(one))).isEqualTo(canonical);
        Path split = directory.resolve("split");
        List<Path> files = ProjectFiles.write(canonical, split, true);
        assertThat(files).extracting(p -> split.relativize(p).toString())
                .containsExactly("project.yaml", "segments/beta.yaml", "flags/checkout.yaml");
        assertThat(ProjectFiles.canonical(ProjectFiles.read(split))).isEqualTo(canonical);
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
