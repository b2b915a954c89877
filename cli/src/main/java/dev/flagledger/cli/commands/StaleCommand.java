package dev.flagledger.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flagledger.cli.CliException;
import dev.flagledger.cli.client.GraphQlClient;
import dev.flagledger.cli.output.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code flagledger stale}: the project's stale flags with the evidence (docs/stale-flags.md), from
 * the {@code staleFlags} query. JSON and YAML give the report as the server made it; the table says
 * why in a few words. {@code flagledger code-refs FLAG} then finds where to start the clean-up.
 */
@Command(name = "stale", description = "List stale flags: one variation everywhere for longer than their kind's"
        + " lifetime, or not evaluated for N days; with the evidence.")
class StaleCommand implements Callable<Integer> {
    static final String STALE_PAGE = "query($p: String!, $days: Int, $after: String) { "
            + "staleFlags(projectKey: $p, unevaluatedDays: $days, first: 100, after: $after) { "
            + "asOf unevaluatedDays totalCount pageInfo { hasNextPage endCursor } edges { node { "
            + "key name kind expectedLifetimeDays reasons servedVariation servingOneVariationSince "
            + "environments { key enabled servedVariation } lastEvaluatedAt "
            + "recentExposures { environment variation exposures lastSeenAt } lastChangedAt createdAt } } } }";

    @Spec
    CommandSpec spec;
    @Option(names = "--unevaluated-days", paramLabel = "DAYS",
            description = "A flag no SDK evaluated for this many days is stale (1..3650; default: the server's setting).")
    Integer days;

    @Override
    public Integer call() {
        if (days != null && (days < 1 || days > 3650)) throw CliException.badInput("--unevaluated-days must be 1..3650");
        Root root = Root.of(spec);
        GraphQlClient client = root.client();
        ObjectNode report = GraphQlClient.JSON.createObjectNode();
        ArrayNode flags = report.putArray("flags");
        String after = null;
        while (true) {
            Map<String, Object> variables = new HashMap<>();
            variables.put("p", root.project());
            variables.put("days", days);
            variables.put("after", after);
            JsonNode page = client.execute(STALE_PAGE, variables).path("staleFlags");
            if (!report.has("asOf")) {
                report.set("asOf", page.path("asOf"));
                report.set("unevaluatedDays", page.path("unevaluatedDays"));
            }
            page.path("edges").forEach(edge -> flags.add(edge.path("node")));
            if (!page.path("pageInfo").path("hasNextPage").asBoolean()) break;
            after = page.path("pageInfo").path("endCursor").asText();
        }
        root.printer().print(report, StaleCommand::table);
        return 0;
    }

    /** One line per flag: why it is stale in short words, and when it was last evaluated and changed. */
    static String table(JsonNode report) {
        Instant asOf = Instant.parse(report.path("asOf").asText());
        int window = report.path("unevaluatedDays").asInt();
        Table table = new Table("KEY", "KIND", "WHY", "LAST EVALUATED", "LAST CHANGED");
        for (JsonNode flag : report.path("flags")) {
            List<String> why = new ArrayList<>();
            for (JsonNode reason : flag.path("reasons")) {
                if (reason.asText().equals("SERVES_ONE_VARIATION"))
                    why.add("serves " + flag.path("servedVariation").asText() + " everywhere for "
                            + days(flag.path("servingOneVariationSince"), asOf) + " (lifetime "
                            + flag.path("expectedLifetimeDays").asInt() + " d)");
                else
                    why.add("not evaluated for " + (flag.path("lastEvaluatedAt").isNull()
                            ? days(flag.path("createdAt"), asOf) + " (never)" : days(flag.path("lastEvaluatedAt"), asOf))
                            + " (limit " + window + " d)");
            }
            table.row(flag.path("key").asText(), flag.path("kind").asText().toLowerCase().replace('_', '-'),
                    String.join("; ", why),
                    flag.path("lastEvaluatedAt").isNull() ? "never" : days(flag.path("lastEvaluatedAt"), asOf) + " ago",
                    days(flag.path("lastChangedAt"), asOf) + " ago");
        }
        String rendered = table.render();
        return report.path("flags").isEmpty() ? "No stale flags (window " + window + " days).\n" : rendered;
    }

    private static String days(JsonNode instant, Instant asOf) {
        long days = Math.max(0, Duration.between(Instant.parse(instant.asText()), asOf).toDays());
        return days + " d";
    }
}
