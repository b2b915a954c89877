package dev.flagledger.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flagledger.cli.CliException;
import dev.flagledger.cli.ExitCode;
import dev.flagledger.cli.client.GraphQlClient;
import dev.flagledger.cli.client.Pages;
import dev.flagledger.cli.client.Queries;
import dev.flagledger.cli.output.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** Reading and changing single flags: list, get, create, toggle. */
final class FlagCommands {
    private FlagCommands() {
    }

    /** The flag as the server has it now, or NOT_FOUND (exit 5). */
    static JsonNode fetch(GraphQlClient client, String project, String key) {
        JsonNode flag = client.execute(Queries.FLAG_BY_KEY, Map.of("p", project, "k", key)).path("flag");
        if (flag.isNull() || flag.isMissingNode())
            throw new CliException(ExitCode.NOT_FOUND, "no flag '" + key + "' in project " + project);
        return flag;
    }

    static String onOff(JsonNode flag) {
        StringBuilder text = new StringBuilder();
        flag.path("environments").forEach(e -> text.append(text.isEmpty() ? "" : " ")
                .append(e.path("key").asText()).append(e.path("enabled").asBoolean() ? ":on" : ":off"));
        return text.toString();
    }

    @Command(name = "list", description = "List the flags of a project.")
    static class ListFlags implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--tag", description = "Only flags with this tag.")
        String tag;
        @Option(names = "--archived", description = "List archived flags instead of active ones.")
        boolean archived;

        @Override
        public Integer call() {
            Root root = Root.of(spec);
            Map<String, Object> variables = new HashMap<>();
            variables.put("p", root.project());
            variables.put("archived", archived);
            variables.put("tag", tag);
            List<JsonNode> flags = Pages.all(root.client(), Queries.FLAGS_PAGE, "flags", variables);
            ArrayNode data = GraphQlClient.JSON.createArrayNode().addAll(flags);
            root.printer().print(data, all -> {
                Table table = new Table("KEY", "TYPE", "VERSION", "ENVIRONMENTS", "NAME");
                all.forEach(f -> table.row(f.path("key").asText(), f.path("valueType").asText().toLowerCase(),
                        f.path("version").asLong(), onOff(f), f.path("name").asText()));
                return table.render();
            });
            return 0;
        }
    }

    @Command(name = "get", description = "Show one flag: variations and each environment's state and targeting.")
    static class GetFlag implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "FLAG", description = "The flag key.")
        String key;

        @Override
        public Integer call() {
            Root root = Root.of(spec);
            JsonNode flag = fetch(root.client(), root.project(), key);
            root.printer().print(flag, f -> {
                StringBuilder out = new StringBuilder();
                out.append(f.path("key").asText()).append(" (").append(f.path("valueType").asText().toLowerCase())
                        .append(", version ").append(f.path("version").asLong())
                        .append(f.path("archived").asBoolean() ? ", archived" : "").append(")  ")
                        .append(f.path("name").asText()).append('\n');
                Table variations = new Table("VARIATION", "VALUE", "NAME");
                f.path("variations").forEach(v -> variations.row(v.path("key").asText(), v.path("value").toString(),
                        v.path("name").asText()));
                out.append(variations.render());
                Table environments = new Table("ENVIRONMENT", "ENABLED", "DEFAULT", "OFF", "RULES", "TARGETS");
                f.path("environments").forEach(e -> environments.row(e.path("key").asText(),
                        e.path("enabled").asBoolean() ? "on" : "off", e.path("defaultVariation").asText()
                                + (e.path("targeting").path("fallthroughRollout").isObject() ? " (rollout)" : ""),
                        e.path("offVariation").asText(), e.path("targeting").path("rules").size(),
                        e.path("targeting").path("targets").size()));
                out.append(environments.render());
                return out.toString();
            });
            return 0;
        }
    }

    @Command(name = "create", description = "Create a flag (off in every environment).")
    static class CreateFlag implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "FLAG", description = "The new flag's key.")
        String key;
        @Option(names = "--name", description = "Display name (default: the key).")
        String name;
        @Option(names = "--description")
        String description;
        @Option(names = "--type", defaultValue = "boolean", description = "boolean, string, number or json (default ${DEFAULT-VALUE}).")
        String type;
        @Option(names = "--variation", paramLabel = "KEY=VALUE",
                description = "A variation; VALUE is JSON (strings may go unquoted). Boolean flags default to on=true, off=false.")
        List<String> variations = new ArrayList<>();
        @Option(names = "--tag")
        List<String> tags = new ArrayList<>();
        @Option(names = "--reason")
        String reason;

        @Override
        public Integer call() {
            Root root = Root.of(spec);
            String valueType = type.toUpperCase(java.util.Locale.ROOT);
            if (!List.of("BOOLEAN", "STRING", "NUMBER", "JSON").contains(valueType))
                throw CliException.badInput("--type must be boolean, string, number or json, got " + type);
            Map<String, Object> input = new HashMap<>();
            input.put("projectKey", root.project());
            input.put("key", key);
            input.put("name", name == null ? key : name);
            input.put("description", description);
            input.put("tags", tags);
            input.put("valueType", valueType);
            input.put("reason", reason);
            if (!variations.isEmpty()) {
                List<Map<String, Object>> list = new ArrayList<>();
                for (String variation : variations) list.add(Map.of("key", variation.split("=", 2)[0],
                        "value", Values.parse(variation, "--variation")));
                input.put("variations", list);
            }
            JsonNode flag = root.client().execute("mutation($input: CreateFlagInput!) { createFlag(input: $input) { flag { "
                    + Queries.FLAG + " } } }", Map.of("input", input)).path("createFlag").path("flag");
            root.printer().print(flag, f -> "created " + f.path("key").asText() + " (version " + f.path("version").asLong() + ")\n");
            return 0;
        }
    }

    @Command(name = "toggle", description = "Switch a flag on or off in one environment.")
    static class ToggleFlag implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "FLAG")
        String key;
        @Option(names = {"-e", "--env"}, required = true, description = "Environment key.")
        String environment;
        @Option(names = "--on", description = "Switch on (default).")
        boolean on;
        @Option(names = "--off", description = "Switch off.")
        boolean off;
        @Option(names = "--reason", description = "Why (required where the environment demands one).")
        String reason;

        @Override
        public Integer call() {
            if (on && off) throw CliException.badInput("give --on or --off, not both");
            Root root = Root.of(spec);
            GraphQlClient client = root.client();
            JsonNode current = fetch(client, root.project(), key);
            Map<String, Object> input = new HashMap<>(Map.of("projectKey", root.project(), "key", key,
                    "environment", environment, "enabled", !off, "expectedVersion", current.path("version").asLong()));
            input.put("reason", reason);
            JsonNode payload = client.execute("mutation($input: ToggleFlagInput!) { toggleFlag(input: $input) { "
                    + FlagChanges.PAYLOAD + " } }", Map.of("input", input)).path("toggleFlag");
            FlagChanges.print(root, payload, f -> key + " is " + (off ? "off" : "on") + " in " + environment
                    + " (version " + f.path("version").asLong() + ")\n");
            return 0;
        }
    }

    /** The keys of an object node, in order. */
    static List<String> keys(ObjectNode node) {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }
}
