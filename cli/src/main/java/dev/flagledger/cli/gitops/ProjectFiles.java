package dev.flagledger.cli.gitops;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.serialization.JsonNodeReader;
import com.networknt.schema.serialization.node.JsonLocationAware;
import dev.flagledger.cli.CliException;
import dev.flagledger.cli.output.Printer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads and writes a project's files: one YAML file, or a directory of them (merged; each file may
 * hold the project, segments and flags). Every file is validated against the JSON Schema
 * ({@code flagledger-project.schema.json}) first; errors name the file, line and column.
 */
public final class ProjectFiles {
    public static final String SCHEMA_RESOURCE = "/flagledger-project.schema.json";
    private static final JsonNodeReader READER = JsonNodeReader.builder().locationAware().build();
    private static final JsonSchema SCHEMA = loadSchema();

    private ProjectFiles() {
    }

    private static JsonSchema loadSchema() {
        try (InputStream in = ProjectFiles.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
            return factory.getSchema(new String(in.readAllBytes(), StandardCharsets.UTF_8), InputFormat.JSON,
                    SchemaValidatorsConfig.builder().build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The YAML files a path names: itself, or every *.yaml / *.yml below a directory, in name order. */
    public static List<Path> files(Path path) {
        if (Files.isRegularFile(path)) return List.of(path);
        if (!Files.isDirectory(path)) throw CliException.badInput("no such file or directory: " + path);
        try (Stream<Path> walk = Files.walk(path)) {
            List<Path> files = walk.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .sorted(Comparator.comparing(Path::toString)).toList();
            if (files.isEmpty()) throw CliException.badInput("no .yaml files in " + path);
            return files;
        } catch (IOException e) {
            throw CliException.badInput("cannot read " + path + ": " + e.getMessage());
        }
    }

    /** Schema errors of one file's text, each "file:line:column: message"; empty when valid. */
    public static List<String> validate(String name, String text) {
        JsonNode tree;
        try {
            tree = READER.readTree(text, InputFormat.YAML);
        } catch (IOException | IllegalArgumentException e) {
            // The reader wraps the parser's error (with its line and column) in an IllegalArgumentException.
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            String message = cause.getMessage() == null ? cause.toString()
                    : String.join(" ", cause.getMessage().lines().map(String::strip).filter(l -> !l.isEmpty() && !l.equals("^")).toList());
            return List.of(name + ": not valid YAML: " + message);
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) return List.of(name + ":1:1: the file is empty");
        List<String> errors = new ArrayList<>();
        for (ValidationMessage message : SCHEMA.validate(tree)) {
            JsonNode node = message.getInstanceNode();
            String where = node instanceof JsonLocationAware aware ? position(aware.tokenLocation()) : "";
            errors.add(name + where + ": " + message.getMessage());
        }
        errors.sort(Comparator.comparingInt(ProjectFiles::lineOf));
        return errors;
    }

    private static String position(JsonLocation location) {
        return location == null ? "" : ":" + location.getLineNr() + ":" + location.getColumnNr();
    }

    private static int lineOf(String error) {
        String[] parts = error.split(":");
        try {
            return parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Reads, validates and merges; bad files stop everything with every error listed (exit 2). */
    public static ObjectNode read(Path path) {
        List<String> errors = new ArrayList<>();
        ObjectNode merged = JsonNodeFactory.instance.objectNode();
        ArrayNode segments = JsonNodeFactory.instance.arrayNode();
        ArrayNode flags = JsonNodeFactory.instance.arrayNode();
        Set<String> flagKeys = new HashSet<>();
        Set<String> segmentKeys = new HashSet<>();
        for (Path file : files(path)) {
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw CliException.badInput("cannot read " + file + ": " + e.getMessage());
            }
            List<String> problems = validate(file.toString(), text);
            if (!problems.isEmpty()) {
                errors.addAll(problems);
                continue;
            }
            JsonNode tree;
            try {
                tree = dev.flagledger.cli.output.Yaml.MAPPER.readTree(text);
            } catch (IOException e) {
                throw CliException.badInput(file + ": " + e.getMessage());
            }
            if (tree.has("project")) {
                if (merged.has("project")) errors.add(file + ": a second project (only one file may hold it)");
                merged.set("project", tree.get("project"));
            }
            for (JsonNode segment : tree.path("segments"))
                if (!segmentKeys.add(segment.path("key").asText())) errors.add(file + ": segment " + segment.path("key").asText() + " twice");
                else segments.add(segment);
            for (JsonNode flag : tree.path("flags"))
                if (!flagKeys.add(flag.path("key").asText())) errors.add(file + ": flag " + flag.path("key").asText() + " twice");
                else flags.add(flag);
        }
        if (errors.isEmpty() && !merged.has("project")) errors.add(path + ": no file holds the project (project: key, environments)");
        if (!errors.isEmpty()) throw new CliException(dev.flagledger.cli.ExitCode.USAGE,
                errors.size() + " problem(s) in " + path, errors);
        merged.set("segments", segments);
        merged.set("flags", flags);
        return merged;
    }

    /** The canonical document of files as read. */
    public static ObjectNode canonical(ObjectNode read) {
        List<String> environments = Canonical.environmentKeys(read.path("project"));
        List<JsonNode> segments = new ArrayList<>();
        read.path("segments").forEach(segments::add);
        List<JsonNode> flags = new ArrayList<>();
        read.path("flags").forEach(flags::add);
        return Canonical.document(read.path("project"), segments, flags, environments);
    }

    /**
     * Writes a canonical document: to one file, or split into a directory (project.yaml,
     * segments/KEY.yaml, flags/KEY.yaml) when {@code target} is a directory or ends with a slash.
     */
    public static List<Path> write(ObjectNode document, Path target, boolean split) {
        try {
            List<Path> written = new ArrayList<>();
            if (!split) {
                if (target.getParent() != null) Files.createDirectories(target.getParent());
                Files.writeString(target, Printer.yaml(document), StandardCharsets.UTF_8);
                return List.of(target);
            }
            Files.createDirectories(target);
            ObjectNode head = JsonNodeFactory.instance.objectNode();
            head.put("version", Canonical.FORMAT_VERSION);
            head.set("project", document.path("project"));
            written.add(writeOne(target.resolve("project.yaml"), head));
            for (String kind : List.of("segments", "flags"))
                for (JsonNode item : document.path(kind)) {
                    ObjectNode one = JsonNodeFactory.instance.objectNode();
                    one.putArray(kind).add(item);
                    written.add(writeOne(target.resolve(kind).resolve(item.path("key").asText() + ".yaml"), one));
                }
            return written;
        } catch (IOException e) {
            throw new CliException(dev.flagledger.cli.ExitCode.ERROR, "cannot write " + target + ": " + e.getMessage());
        }
    }

    private static Path writeOne(Path file, JsonNode tree) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, Printer.yaml(tree), StandardCharsets.UTF_8);
        return file;
    }
}
