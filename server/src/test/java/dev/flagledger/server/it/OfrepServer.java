package dev.flagledger.server.it;

import dev.flagledger.evaluation.bucketing.Bucketer;
import dev.flagledger.server.support.GraphQl;
import dev.flagledger.server.support.ServerProcess;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The real server jar with one project set up through GraphQL for the OpenFeature client ITs: a flag
 * of every type with targeting, a percentage rollout, a disabled flag, and SDK keys. Started once per
 * test JVM and shared by the Java and Node client specs; stopped by a shutdown hook.
 */
final class OfrepServer {
    static final String PROJECT = "shop";
    private static final String PASSWORD = "ofrep-admin-password";
    private static OfrepServer instance;

    final ServerProcess process;
    final String stagingKey;
    final String productionKey;
    private final GraphQl graphql;

    private OfrepServer(ServerProcess process) {
        this.process = process;
        this.graphql = GraphQl.at(process.baseUrl(), "admin", PASSWORD);
        createFlags();
        stagingKey = createKey("staging");
        productionKey = createKey("production");
        awaitServed(stagingKey, "retired");
        awaitServed(productionKey, "retired");
    }

    static synchronized OfrepServer get() throws IOException, InterruptedException {
        if (instance == null) {
            Path home = Files.createTempDirectory("flagledger-ofrep-it");
            ServerProcess process = ServerProcess.start(home, ServerProcess.freePort(),
                    Map.of("FLAGLEDGER_ADMIN_PASSWORD", PASSWORD));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    process.close();
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
            }));
            instance = new OfrepServer(process);
        }
        return instance;
    }

    String baseUrl() {
        return process.baseUrl();
    }

    GraphQl graphql() {
        return graphql;
    }

    /** The variant our bucketing (CONVENTIONS §3) gives a key in new-checkout's 50/50 fallthrough. */
    static String checkoutSplitVariant(String targetingKey) {
        return Bucketer.bucket("new-checkout", targetingKey) < 50_000 ? "on" : "off";
    }

    private void createFlags() {
        ok(graphql.execute("mutation { createProject(input: {key: \"shop\", name: \"Shop\"}) { project { key } } }"));

        createFlag("new-checkout", "BOOLEAN", null);
        enableAndTarget("new-checkout", Map.of(
                "targets", List.of(Map.of("variation", "off", "keys", List.of("blocked-user"))),
                "rules", List.of(rule("dutch", clause("country", "in", List.of("NL")), "on")),
                "fallthroughRollout", Map.of("weights", List.of(weight("on", 50_000), weight("off", 50_000)))));

        createFlag("banner", "STRING", List.of(variation("control", "Welcome"), variation("treatment", "Welcome back")));
        enableAndTarget("banner", Map.of("rules", List.of(rule("pro", clause("plan", "equals", List.of("pro")), "treatment"))));

        createFlag("max-items", "NUMBER", List.of(variation("small", 10), variation("large", 50)));
        enableAndTarget("max-items", Map.of("rules", List.of(rule("paid", clause("plan", "in", List.of("pro", "team")), "large"))));

        createFlag("discount", "NUMBER", List.of(variation("standard", 0.05), variation("gold", 0.15)));
        enableAndTarget("discount", Map.of("rules", List.of(rule("gold-tier", clause("account.tier", "equals", List.of("gold")), "gold"))));

        createFlag("theme", "JSON", List.of(
                variation("light", Map.of("mode", "light", "accent", "#0055ff")),
                variation("dark", Map.of("mode", "dark", "accent", "#ffaa00", "columns", 3))));
        enableAndTarget("theme", Map.of("rules", List.of(rule("staff", clause("email", "endsWith", List.of("@flagledger.dev")), "dark"))));

        createFlag("retired", "BOOLEAN", null);
    }

    private void createFlag(String key, String type, List<Map<String, Object>> variations) {
        Map<String, Object> input = new HashMap<>(Map.of("projectKey", PROJECT, "key", key, "name", key, "valueType", type));
        if (variations != null) input.put("variations", variations);
        ok(graphql.execute("mutation($input: CreateFlagInput!) { createFlag(input: $input) { flag { key } } }",
                Map.of("input", input)));
    }

    private void enableAndTarget(String key, Map<String, Object> targeting) {
        ok(graphql.execute("""
                mutation($input: ToggleFlagInput!) { toggleFlag(input: $input) { flag { version } } }""",
                Map.of("input", Map.of("projectKey", PROJECT, "key", key, "environment", "staging",
                        "enabled", true, "expectedVersion", 0))));
        ok(graphql.execute("""
                mutation($input: SetFlagTargetingInput!) { setFlagTargeting(input: $input) { flag { version } } }""",
                Map.of("input", Map.of("projectKey", PROJECT, "key", key, "environment", "staging",
                        "targeting", targeting, "expectedVersion", 1, "reason", "OpenFeature IT"))));
    }

    private String createKey(String environment) {
        GraphQl.Response created = ok(graphql.execute("""
                mutation($input: CreateSdkKeyInput!) { createSdkKey(input: $input) { secret } }""",
                Map.of("input", Map.of("projectKey", PROJECT, "environment", environment, "kind", "SERVER",
                        "name", environment + " OpenFeature IT", "reason", "OpenFeature IT"))));
        return created.data("createSdkKey.secret").asText();
    }

    /**
     * SDK keys and the snapshot follow the store asynchronously and in order: once the flag created
     * last is served with a key, everything before it is too.
     */
    private void awaitServed(String key, String flag) {
        HttpClient http = HttpClient.newHttpClient();
        int status = 0;
        for (int i = 0; i < 200 && status != 200; i++) {
            try {
                status = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/ofrep/v1/evaluate/flags/" + flag))
                        .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(5))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"context\":{\"targetingKey\":\"probe\"}}")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status != 200) Thread.sleep(50);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        if (status != 200) throw new AssertionError("flag " + flag + " never served with the new key: " + status);
    }

    private static GraphQl.Response ok(GraphQl.Response response) {
        if (!response.ok()) throw new AssertionError("GraphQL call failed: " + response.body());
        return response;
    }

    private static Map<String, Object> variation(String key, Object value) {
        return Map.of("key", key, "value", value);
    }

    private static Map<String, Object> weight(String variation, int weight) {
        return Map.of("variation", variation, "weight", weight);
    }

    private static Map<String, Object> clause(String attribute, String operator, List<Object> values) {
        return Map.of("attribute", attribute, "operator", operator, "values", values);
    }

    private static Map<String, Object> rule(String id, Map<String, Object> clause, String variation) {
        return Map.of("id", id, "clauses", List.of(clause), "serve", Map.of("variation", variation));
    }
}
