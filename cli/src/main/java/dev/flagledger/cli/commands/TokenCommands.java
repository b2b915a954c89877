package dev.flagledger.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flagledger.cli.CliException;
import dev.flagledger.cli.output.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** API tokens for CI and scripts (docs/auth.md): admins create, list and revoke them. */
@Command(name = "token", description = "Create, list and revoke API tokens.",
        subcommands = {TokenCommands.Create.class, TokenCommands.ListTokens.class, TokenCommands.Revoke.class})
class TokenCommands {
    static final String FIELDS = "id name role projectKey environment displayPrefix createdAt createdBy { subject name } expiresAt revoked";

    @Command(name = "create", description = "Issue a token; its secret is printed once.")
    static class Create implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "NAME")
        String name;
        @Option(names = "--role", required = true, description = "viewer, editor, approver or admin.")
        String role;
        @Option(names = {"-e", "--env"}, description = "Limit the token to one environment of --project.")
        String environment;
        @Option(names = "--global", description = "A global token (ignores --project).")
        boolean global;
        @Option(names = "--expires-at", description = "ISO-8601 instant after which the token is refused.")
        String expiresAt;
        @Option(names = "--reason")
        String reason;

        @Override
        public Integer call() {
            Root root = Root.of(spec);
            String upper = role.toUpperCase(Locale.ROOT);
            if (!java.util.List.of("VIEWER", "EDITOR", "APPROVER", "ADMIN").contains(upper))
                throw CliException.badInput("--role must be viewer, editor, approver or admin, got " + role);
            Map<String, Object> input = new HashMap<>(Map.of("name", name, "role", upper));
            if (!global) input.put("projectKey", root.project());
            if (environment != null) {
                if (global) throw CliException.badInput("--env needs a project, not --global");
                input.put("environment", environment);
            }
            input.put("expiresAt", InspectCommands.instant(expiresAt, "--expires-at"));
            input.put("reason", reason);
            JsonNode payload = root.client().execute("mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) { secret token { "
                    + FIELDS + " } } }", Map.of("input", input)).path("createApiToken");
            root.printer().print(payload, p -> p.path("secret").asText() + "\n");
            return 0;
        }
    }

    @Command(name = "list", description = "List tokens of --project (or every token with --global).")
    static class ListTokens implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--global", description = "Every token (global admins).")
        boolean global;

        @Override
        public Integer call() {
            Root root = Root.of(spec);
            Map<String, Object> variables = new HashMap<>();
            variables.put("p", global ? null : root.project());
            JsonNode tokens = root.client().execute("query($p: String) { apiTokens(projectKey: $p) { " + FIELDS + " } }", variables)
                    .path("apiTokens");
            root.printer().print(tokens, all -> {
                Table table = new Table("ID", "NAME", "ROLE", "SCOPE", "PREFIX", "CREATED BY", "REVOKED");
                all.forEach(t -> table.row(t.path("id").asText(), t.path("name").asText(), t.path("role").asText().toLowerCase(Locale.ROOT),
                        t.path("projectKey").isNull() ? "global" : t.path("projectKey").asText()
                                + (t.path("environment").isNull() ? "" : "/" + t.path("environment").asText()),
                        t.path("displayPrefix").asText(), t.path("createdBy").path("name").asText(), t.path("revoked").asBoolean()));
                return table.render();
            });
            return 0;
        }
    }

    @Command(name = "revoke", description = "Revoke a token at once.")
    static class Revoke implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "ID")
        String id;
        @Option(names = {"-e", "--env"}, description = "The token's environment, if it has one.")
        String environment;
        @Option(names = "--global", description = "The token is global.")
        boolean global;
        @Option(names = "--reason")
        String reason;

        @Override
        public Integer call() {
            Root root = Root.of(spec);
            Map<String, Object> input = new HashMap<>(Map.of("id", id));
            if (!global) input.put("projectKey", root.project());
            if (environment != null) input.put("environment", environment);
            input.put("reason", reason);
            JsonNode token = root.client().execute("mutation($input: RevokeApiTokenInput!) { revokeApiToken(input: $input) { token { "
                    + FIELDS + " } } }", Map.of("input", input)).path("revokeApiToken").path("token");
            root.printer().print(token, t -> "revoked " + t.path("name").asText() + "\n");
            return 0;
        }
    }
}
