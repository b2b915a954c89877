package dev.flagledger.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flagledger.cli.CliException;
import dev.flagledger.cli.ExitCode;
import dev.flagledger.cli.client.GraphQlClient;
import dev.flagledger.cli.gitops.Canonical;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code flagledger set rollout|targeting}: replace part of a flag's targeting in one environment. */
@Command(name = "set", description = "Change a flag's rollout or targeting in one environment.",
        subcommands = {SetCommands.Rollout.class, SetCommands.Targeting.class})
class SetCommands {

    static JsonNode environment(JsonNode flag, String environment) {
        for (JsonNode e : flag.path("environments")) if (e.path("key").asText().equals(environment)) return e;
        throw new CliException(ExitCode.NOT_FOUND, "flag " + flag.path("key").asText() + " has no environment " + environment);
    }

    static JsonNode send(Root root, GraphQlClient client, JsonNode flag, String environment, JsonNode targeting, String reason) {
        Map<String, Object> input = new HashMap<>(Map.of("projectKey", root.project(), "key", flag.path("key").asText(),
                "environment", environment, "targeting", targeting, "expectedVersion", flag.path("version").asLong()));
        input.put("reason", reason);
        return client.execute("mutation($input: SetFlagTargetingInput!) { setFlagTargeting(input: $input) { "
                + FlagChanges.PAYLOAD + " } }", Map.of("input", input)).path("setFlagTargeting");
    }

    @Command(name = "rollout", description = "Serve a percentage rollout as the fallthrough (rules and targets stay).")
    static class Rollout implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "FLAG")
        String key;
        @Option(names = {"-e", "--env"}, required = true)
        String environment;
        @Option(names = "--weight", paramLabel = "VARIATION=PERCENT", required = true,
                description = "Share of a variation in percent, up to 3 decimals; the shares sum to 100.")
        List<String> weights = new ArrayList<>();
        @Option(names = "--bucket-by", description = "Attribute hashed for the bucket (default targetingKey).")
        String bucketBy;
        @Option(names = "--salt")
        String salt;
        @Option(names = "--reason")
        String reason;

        @Override
        public Integer call() {
            List<Map<String, Object>> list = new ArrayList<>();
            long total = 0;
            for (String weight : weights) {
                int equals = weight.indexOf('=');
                if (equals <= 0) throw CliException.badInput("--weight must be VARIATION=PERCENT, got '" + weight + "'");
                BigDecimal thousandths;
                try {
                    thousandths = new BigDecimal(weight.substring(equals + 1)).movePointRight(3);
                    if (thousandths.stripTrailingZeros().scale() > 0) throw new NumberFormatException();
                } catch (NumberFormatException e) {
                    throw CliException.badInput("--weight " + weight + ": the percentage must be a number with at most 3 decimals");
                }
                total += thousandths.longValue();
                list.add(Map.of("variation", weight.substring(0, equals), "weight", thousandths.intValue()));
            }
            if (total != 100_000)
                throw CliException.badInput("--weight shares must sum to 100, got " + BigDecimal.valueOf(total, 3).stripTrailingZeros().toPlainString());
            Root root = Root.of(spec);
            GraphQlClient client = root.client();
            JsonNode flag = FlagCommands.fetch(client, root.project(), key);
            ObjectNode targeting = Canonical.targetingInput(environment(flag, environment).path("targeting"));
            Map<String, Object> rollout = new LinkedHashMap<>();
            rollout.put("weights", list);
            if (bucketBy != null) rollout.put("bucketBy", bucketBy);
            if (salt != null) rollout.put("salt", salt);
            targeting.set("fallthroughRollout", GraphQlClient.JSON.valueToTree(rollout));
            JsonNode updated = send(root, client, flag, environment, targeting, reason);
            FlagChanges.print(root, updated, f -> key + " serves the rollout in " + environment + " (version "
                    + f.path("version").asLong() + ")\n");
            return 0;
        }
    }

    @Command(name = "targeting", description = "Replace the whole targeting (prerequisites, targets, rules, fallthrough rollout).")
    static class Targeting implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "FLAG")
        String key;
        @Option(names = {"-e", "--env"}, required = true)
        String environment;
        @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE|JSON|-",
                description = "The targeting as YAML or JSON: @file, inline JSON, or - for standard input.")
        String document;
        @Option(names = "--reason")
        String reason;

        @Override
        public Integer call() {
            JsonNode targeting = Values.document(document.startsWith("{") || document.equals("-") || document.startsWith("@")
                    ? document : "@" + document, "--file");
            if (!targeting.isObject()) throw CliException.badInput("--file must hold an object (prerequisites, targets, rules, fallthroughRollout)");
            Root root = Root.of(spec);
            GraphQlClient client = root.client();
            JsonNode flag = FlagCommands.fetch(client, root.project(), key);
            environment(flag, environment);
            JsonNode updated = send(root, client, flag, environment, Canonical.targetingInput(targeting), reason);
            FlagChanges.print(root, updated, f -> key + " targeting replaced in " + environment + " (version "
                    + f.path("version").asLong() + ")\n");
            return 0;
        }
    }
}
