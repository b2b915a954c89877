package dev.flagledger.relay.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flagledger.server.support.GraphQl;
import dev.flagledger.server.support.ServerProcess;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The real server jar for the relay tests, on its embedded H2 store in AUTO_SERVER mode so that a
 * test can count the SDK events the server stored while it runs. Data is set up through GraphQL,
 * as an administrator would. One is shared by the tests that do not stop it; the outage test
 * starts, kills and restarts its own.
 */
final class Upstream {
    static final String PASSWORD = "relay-it-admin-password";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static Upstream shared;

    private final Path home;
    private final int port;
    private ServerProcess process;
    private final GraphQl graphql;

    private Upstream(Path home, int port) throws IOException, InterruptedException {
        this.home = home;
        this.port = port;
        this.process = ServerProcess.start(home, port, environment());
        this.graphql = GraphQl.at(process.baseUrl(), "admin", PASSWORD);
    }

    static synchronized Upstream shared() throws IOException, InterruptedException {
        if (shared == null) {
            shared = start(Files.createTempDirectory("flagledger-relay-it"));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    shared.process.close();
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        return shared;
    }

    static Upstream start(Path home) throws IOException, InterruptedException {
        return new Upstream(home, ServerProcess.freePort());
    }

    private Map<String, String> environment() {
        return Map.of("FLAGLEDGER_ADMIN_PASSWORD", PASSWORD, "FLAGLEDGER_JDBC_URL", jdbcUrl(),
                "FLAGLEDGER_SDK_HEARTBEAT_MILLIS", "2000");
    }

    /**
     * The server's default H2 settings (application.yml) plus AUTO_SERVER. WRITE_DELAY=0 as there: without it
     * H2 keeps commits in memory for up to 500 ms, so a SIGKILL right after an acknowledged write loses it
     * (the outage test lost the events it had just read back, before-1 and before-2, that way).
     */
    private String jdbcUrl() {
        return "jdbc:h2:file:" + home.resolve("data/flagledger").toAbsolutePath()
                + ";AUTO_SERVER=TRUE;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000"
                + ";WRITE_DELAY=0";
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** SIGKILL: the server is gone at once, mid-stream. */
    void kill() throws InterruptedException {
        process.kill();
    }

    /** The same server again: same port, same store. */
    void restart() throws IOException, InterruptedException {
        process = ServerProcess.start(home, port, environment());
    }

    void stop() throws InterruptedException {
        process.close();
    }

    String log() throws IOException {
        return process.log();
    }

    /** A project (development, staging, production) with one boolean flag, {@code checkout}, off. */
    void project(String key) {
        ok(graphql.execute("mutation($key: String!) { createProject(input: {key: $key, name: $key}) { project { key } } }",
                Map.of("key", key)));
        flag(key, "checkout");
    }

    void flag(String project, String flag) {
        ok(graphql.execute("mutation($input: CreateFlagInput!) { createFlag(input: $input) { flag { version } } }",
                Map.of("input", Map.of("projectKey", project, "key", flag, "name", flag, "valueType", "BOOLEAN"))));
    }

    GraphQl graphql() {
        return graphql;
    }

    /** A new SDK key of the staging environment, once the server accepts it. */
    String key(String project, String kind) throws IOException, InterruptedException {
        String secret = ok(graphql.execute("""
                mutation($input: CreateSdkKeyInput!) { createSdkKey(input: $input) { secret } }""",
                Map.of("input", Map.of("projectKey", project, "environment", "staging", "kind", kind, "name", kind + " key",
                        "reason", "relay tests")))).data("createSdkKey.secret").asText();
        for (int i = 0; i < 400; i++) {
            if (get("/ofrep/v1/configuration", secret).statusCode() != 401) return secret;
            Thread.sleep(50);
        }
        throw new AssertionError("the new SDK key never became usable");
    }

    /**
     * Turns a staging flag on or off; returns when the change is stored (the mutation answered).
     * The flag's version comes from the read model, which follows the store asynchronously: on
     * CONFLICT, read it again and retry, as the admin UI would.
     */
    void toggle(String project, String flag, boolean on) throws InterruptedException {
        for (int attempt = 0; attempt < 200; attempt++) {
            long version = ok(graphql.execute("query($p: String!, $k: String!) { flag(projectKey: $p, key: $k) { version } }",
                    Map.of("p", project, "k", flag))).data("flag.version").asLong();
            GraphQl.Response toggled = graphql.execute("""
                    mutation($input: ToggleFlagInput!) { toggleFlag(input: $input) { flag { version } } }""",
                    Map.of("input", Map.of("projectKey", project, "key", flag, "environment", "staging", "enabled", on,
                            "expectedVersion", version)));
            if (toggled.ok()) return;
            if (!"CONFLICT".equals(toggled.errorCode())) throw new AssertionError("toggle failed: " + toggled.body());
            Thread.sleep(50);
        }
        throw new AssertionError("toggle kept conflicting");
    }

    /** The store position of the staging environment as the server serves it now. */
    long position(String serverKey) throws IOException, InterruptedException {
        return awaitConfig(serverKey, config -> true).path("position").asLong();
    }

    /**
     * The staging configuration the server serves, once it satisfies {@code condition}: after a start
     * the server answers 401 or 500 until its key directory and snapshots have replayed the store.
     */
    JsonNode awaitConfig(String serverKey, Predicate<JsonNode> condition) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> config = get("/sdk/v1/config", serverKey);
            last = config.statusCode() + " " + config.body();
            if (config.statusCode() == 200) {
                JsonNode body = JSON.readTree(config.body());
                if (condition.test(body)) return body;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the server's configuration never became what was expected; last: " + last);
    }

    HttpResponse<String> get(String path, String key) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + key).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The context keys of the SDK events the server stored for a project, in the order stored. */
    List<String> storedEventContexts(String project) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl(), "sa", "");
             PreparedStatement query = connection.prepareStatement(
                     "select context_key from sdk_event where project_key = ? order by id")) {
            query.setString(1, project);
            List<String> keys = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) keys.add(rows.getString(1));
            }
            return keys;
        }
    }

    private static GraphQl.Response ok(GraphQl.Response response) {
        if (!response.ok()) throw new AssertionError("GraphQL failed: " + response.body());
        return response;
    }
}
