package dev.flagledger.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flagledger.cli.CliException;
import dev.flagledger.cli.client.Queries;
import dev.flagledger.cli.output.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** Looking into a flag: evaluate with the explanation, its audit log, and how it was at an instant. */
final class InspectCommands {
    private InspectCommands() {
    }

    static String instant(String text, String option) {
        if (text == null) return null;
        try {
            return OffsetDateTime.parse(text).toString();
        } catch (DateTimeParseException e) {
            throw CliException.badInput(option + " must be an ISO-8601 instant such as 2026-01-31T12:00:00Z, got '" + text + "'");
        }
    }

    @Command(name = "evaluate", description = "Evaluate a flag for a context, with the engine's explanation.")
    static class Evaluate implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "FLAG")
        String key;
        @Option(names = {"-e", "--env"}, required = true)
        String environment;
        @Option(names = {"-c", "--context"}, defaultValue = "{}", paramLabel = "JSON|@FILE",
                description = "The OpenFeature context: inline JSON or @file (JSON or YAML).")
        String context;
        @Option(names = "--at", description = "Evaluate the configuration as it was at this instant.")
        String at;

        @Override
        public Integer call() {
            JsonNode contextTree = Values.document(context, "--context");
            if (!contextTree.isObject()) throw CliException.badInput("--context must be a JSON object");
            Root root = Root.of(spec);
            Map<String, Object> variables = new HashMap<>(Map.of("p", root.project(), "e", environment, "k", key,
                    "c", contextTree));
            variables.put("at", instant(at, "--at"));
            JsonNode result = root.client().execute("query($p: String!, $e: String!, $k: String!, $c: JSON, $at: DateTime) { "
                    + "evaluateFlag(projectKey: $p, environment: $e, key: $k, context: $c, at: $at) { value variant reason "
                    + "errorCode errorMessage matchedRuleId matchedTarget metadata trace snapshotPosition } }", variables)
                    .path("evaluateFlag");
            root.printer().print(result, r -> {
                StringBuilder out = new StringBuilder();
                out.append("value:   ").append(r.path("value")).append('\n');
                out.append("variant: ").append(r.path("variant").asText("-")).append('\n');
                out.append("reason:  ").append(r.path("reason").asText());
                if (!r.path("errorCode").isNull()) out.append(" (").append(r.path("errorCode").asText()).append(": ")
                        .append(r.path("errorMessage").asText()).append(')');
                if (!r.path("matchedRuleId").isNull()) out.append(", rule ").append(r.path("matchedRuleId").asText());
                out.append("\nwhy:\n");
                int step = 1;
                for (JsonNode trace : r.path("trace")) {
                    out.append("  ").append(step++).append(". ").append(trace.path("step").asText());
                    trace.fields().forEachRemaining(field -> {
                        if (!field.getKey().equals("step"))
                            out.append(' ').append(field.getKey()).append('=').append(field.getValue());
                    });
                    out.append('\n');
                }
                return out.toString();
            });
            return 0;
        }
    }

    @Command(name = "audit", description = "A flag's audit log, newest first: who changed what, when and why.")
    static class Audit implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "FLAG")
        String key;
        @Option(names = "--limit", defaultValue = "50", description = "At most this many entries (1..100, default ${DEFAULT-VALUE}).")
        int limit;

        @Override
        public Integer call() {
            if (limit < 1 || limit > 100) throw CliException.badInput("--limit must be within 1..100, got " + limit);
            Root root = Root.of(spec);
            JsonNode entries = root.client().execute("query($p: String, $k: String, $n: Int) { auditTrail(filter: "
                    + "{projectKey: $p, flagKey: $k}, first: $n) { edges { node { position eventType occurredAt "
                    + "actor { subject name authentication } reason origin environment changes { field before after } } } } }",
                    Map.of("p", root.project(), "k", key, "n", limit)).path("auditTrail").path("edges");
            com.fasterxml.jackson.databind.node.ArrayNode nodes = dev.flagledger.cli.client.GraphQlClient.JSON.createArrayNode();
            entries.forEach(edge -> nodes.add(edge.path("node")));
            root.printer().print(nodes, all -> {
                Table table = new Table("WHEN", "WHO", "EVENT", "ENV", "REASON", "CHANGED");
                all.forEach(e -> {
                    StringBuilder changed = new StringBuilder();
                    e.path("changes").forEach(c -> changed.append(changed.isEmpty() ? "" : ", ").append(c.path("field").asText()));
                    table.row(e.path("occurredAt").asText(), e.path("actor").path("name").asText(),
                            e.path("eventType").asText(), e.path("environment").asText(""), e.path("reason").asText(""), changed);
                });
                return table.render();
            });
            return 0;
        }
    }

    @Command(name = "as-of", description = "Time travel: a flag exactly as it was at an instant, replayed from the event store.")
    static class AsOf implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "FLAG")
        String key;
        @Option(names = "--at", required = true, description = "ISO-8601 instant, e.g. 2026-01-31T12:00:00Z.")
        String at;

        @Override
        public Integer call() {
            Root root = Root.of(spec);
            JsonNode flag = root.client().execute("query($p: String!, $k: String!, $at: DateTime!) { flagAsOf(projectKey: $p, "
                    + "key: $k, at: $at) { " + Queries.FLAG + " } }", Map.of("p", root.project(), "k", key,
                    "at", instant(at, "--at"))).path("flagAsOf");
            root.printer().print(flag, f -> {
                Table table = new Table("ENVIRONMENT", "ENABLED", "DEFAULT", "OFF", "RULES");
                f.path("environments").forEach(e -> table.row(e.path("key").asText(), e.path("enabled").asBoolean() ? "on" : "off",
                        e.path("defaultVariation").asText(), e.path("offVariation").asText(), e.path("targeting").path("rules").size()));
                return f.path("key").asText() + " as of " + at + " (version " + f.path("version").asLong() + ")\n" + table.render();
            });
            return 0;
        }
    }
}
