package dev.flagledger.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flagledger.server.support.FastLaunch;
import dev.flagledger.server.support.GraphQl;
import dev.flagledger.server.support.ServerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13, acceptances 1 and 6: the built CLI jar against the built server jar. GitOps: a YAML
 * project applied to an empty server exports back to the same text; a changed file gives exactly
 * the expected plan; applying twice changes nothing; apply records the commit. The CLI: exit codes,
 * JSON output, one-line errors for bad input, API tokens, evaluation with its explanation.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CliEndToEndIT {
    private static final String PASSWORD = "cli-admin-password";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SHA = "0123456789abcdef0123456789abcdef01234567";
    private static Path home;
    private static ServerProcess server;
    private static GraphQl admin;

    record Run(int exit, String out, String err) {
        JsonNode json() throws IOException {
            return JSON.readTree(out);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        home = Files.createTempDirectory("cli-e2e");
        server = ServerProcess.start(home.resolve("server"), ServerProcess.freePort(),
                Map.of("FLAGLEDGER_ADMIN_PASSWORD", PASSWORD));
        admin = GraphQl.at(server.baseUrl(), "admin", PASSWORD);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) server.close();
        if (home != null) try (var files = Files.walk(home)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    static Path cliJar() {
        Path jar = Path.of(System.getProperty("flagledger.cli.jar", "../cli/target/flagledger-cli.jar")).toAbsolutePath();
        assertThat(jar).as("the CLI jar (mvn package builds it before the server module)").isRegularFile();
        return jar;
    }

    /**
     * Runs the CLI jar as a user would, with the admin's credentials unless {@code env} says otherwise:
     * extracted and with a class-data-sharing archive ({@link FastLaunch}; trained on a {@code projects}
     * call), as the test runs it forty times; {@link #cliAsShipped} runs the jar itself.
     */
    static Run cli(Map<String, String> env, String... args) throws Exception {
        return run(FastLaunch.command(cliJar(), new FastLaunch.Training(List.of(),
                List.of("projects", "--output", "json"), Map.of("FLAGLEDGER_URL", server.baseUrl(),
                "FLAGLEDGER_PASSWORD", PASSWORD)), "-Xmx256m", "-XX:TieredStopAtLevel=1"), env, args);
    }

    /** The plain {@code java -jar flagledger-cli.jar}, exactly as shipped. */
    static Run cliAsShipped(String... args) throws Exception {
        return run(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-XX:TieredStopAtLevel=1", "-jar", cliJar().toString()), Map.of(), args);
    }

    private static Run run(List<String> java, Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(java);
        command.addAll(List.of(args));
        Path out = Files.createTempFile(home, "out", ".txt");
        Path err = Files.createTempFile(home, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().keySet().removeIf(key -> key.startsWith("FLAGLEDGER_"));
        builder.environment().put("FLAGLEDGER_URL", server.baseUrl());
        builder.environment().put("FLAGLEDGER_PASSWORD", PASSWORD);
        builder.environment().putAll(env);
        Process process = builder.start();
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("flagledger %s finished", String.join(" ", args)).isTrue();
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    static Run cli(String... args) throws Exception {
        return cli(Map.of(), args);
    }

    static String fixture(String name) throws IOException {
        try (InputStream in = CliEndToEndIT.class.getResourceAsStream("/gitops/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static int auditEntries(String project) {
        return admin.execute("query($p: String) { auditTrail(filter: {projectKey: $p}, first: 100) { edges { cursor } } }",
                Map.of("p", project)).data("auditTrail.edges").size();
    }

    @Test
    @Order(1)
    void a_yaml_project_applied_to_an_empty_server_exports_back_unchanged_and_a_second_apply_changes_nothing() throws Exception {
        Path file = home.resolve("shop.yaml");
        String input = fixture("shop.yaml");
        Files.writeString(file, input);

        Run plan = cliAsShipped("plan", file.toString(), "--detailed-exitcode", "--output", "json");
        assertThat(plan.exit()).as(plan.err()).isEqualTo(10);
        JsonNode planned = plan.json();
        assertThat(planned.path("summary").path("create").asInt()).isEqualTo(6); // project, 2 segments, 3 flags

        Run apply = cli("apply", file.toString(), "--reason", "bootstrap from git", "--commit", SHA, "--ticket", "OPS-7");
        assertThat(apply.exit()).as(apply.err() + apply.out()).isZero();
        assertThat(apply.out()).contains("Apply complete.");

        Path exported = home.resolve("exported.yaml");
        Run export = cli("--project", "gitops-shop", "export", "--out", exported.toString());
        assertThat(export.exit()).as(export.err()).isZero();
        assertThat(Files.readString(exported)).as("the export is the input, byte for byte").isEqualTo(input);

        int entries = auditEntries("gitops-shop");
        Run again = cli("plan", file.toString(), "--detailed-exitcode");
        assertThat(again.exit()).as(again.out()).isZero();
        assertThat(again.out()).contains("No changes.");
        Run secondApply = cli("apply", file.toString(), "--reason", "again", "--commit", SHA);
        assertThat(secondApply.exit()).isZero();
        assertThat(secondApply.out()).contains("Nothing to apply.");
        assertThat(auditEntries("gitops-shop")).as("no event from applying the same files twice").isEqualTo(entries);

        // Every applied change names the commit and the ticket in its event metadata.
        List<JsonNode> metadata = exportedMetadata();
        assertThat(metadata).isNotEmpty().allSatisfy(m -> {
            if (m.path("origin").asText().equals("cli") && m.has("reason") && m.path("reason").asText().equals("bootstrap from git")) {
                assertThat(m.path("vcsCommit").asText()).isEqualTo(SHA);
                assertThat(m.path("ticket").asText()).isEqualTo("OPS-7");
            }
        });
        assertThat(metadata).anyMatch(m -> SHA.equals(m.path("vcsCommit").asText()));
    }

    @Test
    @Order(2)
    void a_changed_file_gives_exactly_the_expected_plan() throws Exception {
        String changed = fixture("shop.yaml")
                .replace("      staging:\n        enabled: false\n        defaultVariation: plain", "      staging:\n        enabled: true\n        defaultVariation: plain")
                .replace("                    - NL\n", "                    - NL\n                    - BE\n")
                .replace("  - key: unleash-style-gate\n    name: \"A tenth, bucketed as Unleash does\"\n", "  - key: unleash-style-gate\n    name: A tenth\n")
                + """
                  - key: dark-mode
                    type: boolean
                    variations:
                      - key: "on"
                        value: true
                      - key: "off"
                        value: false
                """;
        assertThat(changed).contains("- BE", "dark-mode", "name: A tenth\n");
        Path file = home.resolve("shop-changed.yaml");
        Files.writeString(file, changed.replace("  - key: price-factor", "  - key: price-factor").replace(
                "\n  - key: dark-mode", "\n  - key: dark-mode"));
        Run plan = cli("plan", file.toString(), "--output", "json", "--detailed-exitcode");
        assertThat(plan.exit()).as(plan.err()).isEqualTo(10);
        List<String> actions = new ArrayList<>();
        for (JsonNode action : plan.json().path("actions")) {
            List<String> paths = new ArrayList<>();
            action.path("changes").forEach(c -> paths.add(c.path("path").asText()));
            actions.add(action.path("action").asText() + " " + action.path("kind").asText() + " " + action.path("key").asText()
                    + (action.path("action").asText().equals("update") ? " " + paths : ""));
        }
        assertThat(actions).containsExactly(
                "update segment unleash-style-gate [name]",
                "update flag banner-text [environments.staging.enabled]",
                "create flag dark-mode",
                "update flag new-checkout [environments.staging.targeting.rules]");
        Run apply = cli("apply", file.toString(), "--reason", "changed");
        assertThat(apply.exit()).as(apply.err()).isZero();
        assertThat(cli("plan", file.toString(), "--detailed-exitcode").exit()).isZero();
    }

    @Test
    @Order(3)
    void exit_codes_json_output_and_one_line_errors_for_bad_input() throws Exception {
        Run list = cli("--project", "gitops-shop", "list", "--output", "json");
        assertThat(list.exit()).isZero();
        assertThat(list.json().isArray()).isTrue();
        assertThat(list.json().findValuesAsText("key")).contains("new-checkout", "banner-text");

        Run missing = cli("--project", "gitops-shop", "get", "no-such-flag");
        assertThat(missing.exit()).isEqualTo(5);
        assertThat(missing.err().strip()).startsWith("flagledger: ").doesNotContain("\n").contains("no-such-flag");

        Run badPassword = cli(Map.of("FLAGLEDGER_PASSWORD", "wrong"), "projects");
        assertThat(badPassword.exit()).isEqualTo(3);
        Run unknownOption = cli("list", "--colour", "red");
        assertThat(unknownOption.exit()).isEqualTo(2);
        assertThat(unknownOption.err().strip()).doesNotContain("\n").contains("--colour");
        Run badWeights = cli("--project", "gitops-shop", "set", "rollout", "new-checkout", "-e", "development",
                "--weight", "on=60", "--weight", "off=30");
        assertThat(badWeights.exit()).isEqualTo(2);
        assertThat(badWeights.err()).contains("sum to 100");
        Run badKey = cli("--project", "gitops-shop", "create", "Not A Key");
        assertThat(badKey.exit()).as(badKey.err()).isEqualTo(7);
        Run noReason = cli("--project", "gitops-shop", "toggle", "new-checkout", "-e", "production", "--on");
        assertThat(noReason.exit()).as("production requires a reason").isEqualTo(7);
        assertThat(noReason.err()).contains("VALIDATION");
        Run unreachable = cli(Map.of("FLAGLEDGER_URL", "http://127.0.0.1:9"), "projects");
        assertThat(unreachable.exit()).isEqualTo(8);
        Path broken = home.resolve("broken.yaml");
        Files.writeString(broken, "version: 1\nproject:\n  key: Bad Key\n  environments: []\nflags:\n  - key: x\n    type: maybe\n");
        Run invalid = cli("plan", broken.toString());
        assertThat(invalid.exit()).isEqualTo(2);
        assertThat(invalid.err()).contains("broken.yaml:3:", "broken.yaml:7:");

        Run toggled = cli("--project", "gitops-shop", "toggle", "new-checkout", "-e", "production", "--on", "--reason", "launch",
                "--output", "json");
        assertThat(toggled.exit()).as(toggled.err()).isZero();
        assertThat(toggled.json().path("environments").get(2).path("enabled").asBoolean()).isTrue();

        Run evaluated = cli("--project", "gitops-shop", "evaluate", "new-checkout", "-e", "staging", "--context",
                "{\"targetingKey\": \"alice\"}", "--output", "json");
        assertThat(evaluated.exit()).isZero();
        assertThat(evaluated.json().path("matchedRuleId").asText()).isEqualTo("beta");
        assertThat(evaluated.json().path("trace").toString()).contains("RuleEvaluated");
        Run explained = cli("--project", "gitops-shop", "evaluate", "new-checkout", "-e", "staging", "--context",
                "{\"targetingKey\": \"alice\"}");
        assertThat(explained.out()).contains("variant: on", "why:");

        Run audit = cli("--project", "gitops-shop", "audit", "new-checkout", "--output", "json");
        assertThat(audit.exit()).isZero();
        assertThat(audit.json().get(0).path("reason").asText()).isEqualTo("launch");
        String at = audit.json().get(1).path("occurredAt").asText();
        Run asOf = cli("--project", "gitops-shop", "as-of", "new-checkout", "--at", at, "--output", "json");
        assertThat(asOf.exit()).as(asOf.err()).isZero();
        assertThat(asOf.json().path("environments").get(2).path("enabled").asBoolean()).as("before the launch").isFalse();
        assertThat(cli("--project", "gitops-shop", "as-of", "new-checkout", "--at", "yesterday").exit()).isEqualTo(2);

        assertThat(cli("completion").out()).contains("flagledger", "complete");
    }

    @Test
    @Order(4)
    void an_api_token_works_as_bearer_names_itself_in_the_audit_and_is_refused_once_revoked() throws Exception {
        Run created = cli("--project", "gitops-shop", "token", "create", "ci-deployer", "--role", "editor", "--output", "json");
        assertThat(created.exit()).as(created.err()).isZero();
        String secret = created.json().path("secret").asText();
        String id = created.json().path("token").path("id").asText();
        Map<String, String> withToken = new HashMap<>(Map.of("FLAGLEDGER_TOKEN", secret, "FLAGLEDGER_PASSWORD", ""));
        Run toggled = cli(withToken, "--project", "gitops-shop", "toggle", "price-factor", "-e", "development", "--on");
        assertThat(toggled.exit()).as(toggled.err()).isZero();
        Run audit = cli("--project", "gitops-shop", "audit", "price-factor", "--output", "json");
        assertThat(audit.json().get(0).path("actor").path("name").asText()).isEqualTo("ci-deployer");
        assertThat(audit.json().get(0).path("actor").path("authentication").asText()).isEqualTo("api-token");
        assertThat(cli(withToken, "--project", "gitops-shop", "token", "list").exit()).as("an editor lists no tokens").isEqualTo(4);
        assertThat(cli("--project", "gitops-shop", "token", "revoke", id, "--reason", "rotated").exit()).isZero();
        assertThat(cli(withToken, "--project", "gitops-shop", "list").exit()).isEqualTo(3);
    }

    @Test
    @Order(5)
    void a_flagd_file_imports_with_a_progress_bar_and_exports_back_to_flagd() throws Exception {
        Path flagd = home.resolve("flagd.json");
        Files.writeString(flagd, """
                {"flags": {
                  "hero-image": {"state": "ENABLED", "variants": {"a": "a.png", "b": "b.png"}, "defaultVariant": "a",
                                 "targeting": {"if": [{"in": [{"var": "country"}, ["NL", "BE"]]},
                                                       {"fractional": [["a", 50], ["b", 50]]}, "a"]}},
                  "by-time": {"state": "ENABLED", "variants": {"on": true, "off": false}, "defaultVariant": "off",
                              "targeting": {"if": [{">": [{"var": "$flagd.timestamp"}, 1]}, "on"]}}
                }}""");
        Run strict = cli("--project", "gitops-shop", "import", flagd.toString(), "--format", "flagd", "-e", "staging", "--strict");
        assertThat(strict.exit()).isEqualTo(11);
        assertThat(strict.err()).contains("DROPPED flag by-time", "$flagd.timestamp");
        Run imported = cli("--project", "gitops-shop", "import", flagd.toString(), "--format", "flagd", "-e", "staging",
                "--progress", "--reason", "migrating from flagd");
        assertThat(imported.exit()).as(imported.err()).isZero();
        assertThat(imported.err()).contains("apply", "%");
        Run evaluated = cli("--project", "gitops-shop", "evaluate", "hero-image", "-e", "staging", "--context",
                "{\"targetingKey\": \"u-1\", \"country\": \"NL\"}", "--output", "json");
        assertThat(evaluated.json().path("reason").asText()).isEqualTo("SPLIT");
        Run exported = cli("--project", "gitops-shop", "export-flagd", "-e", "staging");
        assertThat(exported.exit()).as(exported.err()).isZero();
        JsonNode file = JSON.readTree(exported.out());
        assertThat(file.path("flags").path("hero-image").path("targeting").toString()).contains("fractional", "\"a\",50000");
    }

    /** The metadata of every stored event, from the auditors' export (payload and metadata are base64). */
    private static List<JsonNode> exportedMetadata() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.baseUrl()
                        + "/api/audit/export?format=jsonl&from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00Z"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes()))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        List<JsonNode> metadata = new ArrayList<>();
        for (String line : response.body().split("\n"))
            if (!line.isBlank()) metadata.add(JSON.readTree(Base64.getDecoder().decode(JSON.readTree(line).path("metadata").asText())));
        return metadata;
    }

    /** Issue 12, acceptance 1 through the CLI: in a protected environment a change opens a change request and changes nothing. */
    @Test
    @Order(6)
    void in_a_protected_environment_the_cli_opens_a_change_request_and_says_so_and_nothing_changes() throws Exception {
        GraphQl.Response project = admin.execute("mutation { createProject(input: {key: \"cli-guarded\", name: \"Guarded\"}) { project { version } } }");
        assertThat(project.ok()).as(project.body().toString()).isTrue();
        assertThat(admin.execute("mutation { createFlag(input: {projectKey: \"cli-guarded\", key: \"payments\", name: \"Payments\","
                + " valueType: BOOLEAN}) { flag { id } } }").ok()).isTrue();
        GraphQl.Response protect = admin.execute("""
                mutation($v: Int!) { setEnvironmentProtection(input: {projectKey: "cli-guarded", environment: "production",
                  protection: {requiredApprovals: 1}, expectedVersion: $v, reason: "guard production"}) { project { key } } }""",
                Map.of("v", admin.execute("{ project(key: \"cli-guarded\") { version } }").data("project.version").asInt()));
        assertThat(protect.ok()).as(protect.body().toString()).isTrue();
        Run token = cli("--project", "cli-guarded", "token", "create", "release-bot", "--role", "editor", "--output", "json");
        assertThat(token.exit()).as(token.err()).isZero();
        Map<String, String> asEditor = Map.of("FLAGLEDGER_TOKEN", token.json().path("secret").asText(), "FLAGLEDGER_PASSWORD", "");

        Run toggled = cli(asEditor, "--project", "cli-guarded", "toggle", "payments", "-e", "production", "--on", "--reason", "launch");
        assertThat(toggled.exit()).as(toggled.err()).isZero();
        assertThat(toggled.out()).contains("opened change request", "the environment is protected").doesNotContain("is on");
        Run rollout = cli(asEditor, "--project", "cli-guarded", "set", "rollout", "payments", "-e", "production",
                "--weight", "on=20", "--weight", "off=80", "--reason", "canary", "--output", "json");
        assertThat(rollout.exit()).as(rollout.err()).isZero();
        String requestId = rollout.json().path("changeRequest").path("id").asText();
        assertThat(requestId).isNotBlank();

        JsonNode production = admin.execute("{ flag(projectKey: \"cli-guarded\", key: \"payments\") { version"
                + " environment(key: \"production\") { enabled targeting { fallthroughRollout { weights { weight } } } } } }")
                .data("flag");
        assertThat(production.path("version").asLong()).as("nothing changed yet").isZero();
        assertThat(production.path("environment").path("enabled").asBoolean()).isFalse();
        assertThat(production.path("environment").path("targeting").path("fallthroughRollout").isNull()
                || production.path("environment").path("targeting").path("fallthroughRollout").isMissingNode()).isTrue();
        JsonNode open = admin.execute("{ changeRequests(projectKey: \"cli-guarded\", status: OPEN) { edges { node { id } } } }")
                .data("changeRequests.edges");
        assertThat(open).hasSize(2);
        assertThat(open.findValuesAsText("id")).contains(requestId);
    }
}
