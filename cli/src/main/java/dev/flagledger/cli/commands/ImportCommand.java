package dev.flagledger.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flagledger.cli.CliException;
import dev.flagledger.cli.ExitCode;
import dev.flagledger.cli.client.GraphQlClient;
import dev.flagledger.cli.gitops.Applier;
import dev.flagledger.cli.gitops.Canonical;
import dev.flagledger.cli.gitops.Plan;
import dev.flagledger.cli.gitops.Planner;
import dev.flagledger.cli.gitops.ProjectFiles;
import dev.flagledger.cli.gitops.ServerState;
import dev.flagledger.cli.migrate.FlagdImporter;
import dev.flagledger.cli.migrate.Imported;
import dev.flagledger.cli.migrate.UnleashImporter;
import dev.flagledger.cli.migrate.Unrepresentable;
import dev.flagledger.cli.output.Yaml;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Migration: reads a flagd flag definition or an Unleash export, lists what could not be
 * represented, and either writes project YAML ({@code --out}) or applies it to one environment of a
 * project on the server (other environments and flags stay as they are).
 */
@Command(name = "import", description = "Import flags from flagd or Unleash into one environment (or into YAML with --out).")
class ImportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Parameters(paramLabel = "FILE", description = "A flagd flag file (JSON or YAML) or an Unleash export (JSON).")
    Path file;
    @Option(names = "--format", required = true, description = "flagd or unleash.")
    String format;
    @Option(names = {"-e", "--env"}, defaultValue = "development", description = "The environment to configure (default ${DEFAULT-VALUE}).")
    String environment;
    @Option(names = "--unleash-environment", description = "Which Unleash environment of an admin export to read.")
    String unleashEnvironment;
    @Option(names = "--out", description = "Write project YAML here instead of changing the server.")
    Path out;
    @Option(names = "--strict", description = "Exit 11 (and change nothing) when anything was dropped.")
    boolean strict;
    @Option(names = "--reason", description = "Recorded on every change (default: 'flagledger import of FILE').")
    String reason;
    @Option(names = "--progress", negatable = true, description = "Show a progress bar (default: when stderr is a terminal).")
    Boolean showProgress;

    @Override
    public Integer call() {
        Root root = Root.of(spec);
        JsonNode source;
        try {
            source = Yaml.MAPPER.readTree(Files.readString(file));
        } catch (IOException e) {
            throw CliException.badInput("cannot read " + file + ": " + Values.firstLine(e.getMessage()));
        }
        Imported imported;
        try {
            imported = switch (format.toLowerCase(java.util.Locale.ROOT)) {
                case "flagd" -> FlagdImporter.convert(source, environment);
                case "unleash" -> UnleashImporter.convert(source, environment, unleashEnvironment);
                default -> throw CliException.badInput("--format must be flagd or unleash, got " + format);
            };
        } catch (IllegalArgumentException e) {
            throw CliException.badInput(file + ": " + e.getMessage());
        }
        PrintWriter err = spec.commandLine().getErr();
        for (Unrepresentable item : imported.report()) err.println(item);
        long dropped = imported.report().stream().filter(Unrepresentable::dropped).count();
        err.println("imported " + imported.flags().size() + " flag(s) and " + imported.segments().size() + " segment(s); "
                + dropped + " construct(s) could not be represented");
        err.flush();
        if (strict && dropped > 0) return ExitCode.UNREPRESENTABLE;

        String projectKey = root.project();
        if (out != null) {
            ObjectNode project = GraphQlClient.JSON.createObjectNode().put("key", projectKey).put("name", projectKey);
            ArrayNode environments = project.putArray("environments");
            Planner.defaultEnvironments().forEach(environments::add);
            if (!Canonical.environmentKeys(project).contains(environment))
                environments.addObject().put("key", environment).put("name", environment);
            ObjectNode document = Canonical.document(project, imported.segments(), imported.flags(), Canonical.environmentKeys(project));
            ProjectFiles.write(document, out, false);
            err.println("wrote " + out);
            return ExitCode.OK;
        }

        GraphQlClient client = root.client();
        ServerState state = ServerState.fetch(client, projectKey);
        ObjectNode desired = overlay(state, projectKey, imported);
        Plan plan = Planner.plan(desired, state);
        boolean bar = showProgress != null ? showProgress : System.console() != null;
        try (ProgressBar progress = bar && plan.hasChanges() ? GitOpsCommands.progressBar(plan.actions().size()) : null) {
            Consumer<String> step = progress == null ? label -> { } : label -> progress.step().setExtraMessage(label);
            new Applier(client, reason != null ? reason : "flagledger import of " + file.getFileName(), step).apply(plan, state);
        }
        GitOpsCommands.print(root, plan);
        return ExitCode.OK;
    }

    /** The server's project with the imported flags and segments laid over it, for one environment. */
    private ObjectNode overlay(ServerState state, String projectKey, Imported imported) {
        ObjectNode project;
        Map<String, JsonNode> flags = new LinkedHashMap<>();
        Map<String, JsonNode> segments = new LinkedHashMap<>();
        if (state == null) {
            project = GraphQlClient.JSON.createObjectNode().put("key", projectKey).put("name", projectKey);
            ArrayNode environments = project.putArray("environments");
            Planner.defaultEnvironments().forEach(environments::add);
        } else {
            project = (ObjectNode) state.document().path("project").deepCopy();
            state.document().path("flags").forEach(f -> flags.put(f.path("key").asText(), f));
            state.document().path("segments").forEach(s -> segments.put(s.path("key").asText(), s));
        }
        if (!Canonical.environmentKeys(project).contains(environment))
            ((ArrayNode) project.path("environments")).addObject().put("key", environment).put("name", environment);
        List<String> order = Canonical.environmentKeys(project);
        for (JsonNode segment : imported.segments()) segments.put(segment.path("key").asText(), segment);
        for (JsonNode flag : imported.flags()) {
            String key = flag.path("key").asText();
            JsonNode existing = flags.get(key);
            ObjectNode merged = (ObjectNode) flag.deepCopy();
            if (existing != null) {
                ObjectNode environments = (ObjectNode) existing.path("environments").deepCopy();
                environments.set(environment, flag.path("environments").path(environment));
                merged.set("environments", environments);
                merged.put("name", existing.path("name").asText());
                if (existing.has("description")) merged.put("description", existing.path("description").asText());
                if (existing.has("tags")) merged.set("tags", existing.path("tags"));
            }
            flags.put(key, Canonical.flag(merged, order));
        }
        return Canonical.document(project, new ArrayList<>(segments.values()), new ArrayList<>(flags.values()), order);
    }
}
