package dev.flagledger.server.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A real Keycloak for the ITs: the {@code keycloak-quarkus-dist} that Maven unpacked into target/
 * (pre-integration-test), started in dev mode on a free port with an in-memory database and
 * compose/keycloak/flagledger-realm.json imported (redirect URIs pointed at the server under test).
 * One instance per JVM, stopped when the JVM ends. Everyone (the server under test, the tests'
 * sign-ins, a browser) reaches it through a {@link TcpRelay} on the given port, so a test can make it
 * unreachable and bring it back without a second start ({@link #unreachable()}, {@link #reachable()});
 * {@link #kill()} and {@link #restart()} stop and start the process itself. Given
 * {@code -Dflagledger.keycloak.url}, an already running Keycloak with that realm is used instead.
 */
public final class KeycloakServer {
    public static final String REALM = "flagledger";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static KeycloakServer shared;

    private final String baseUrl;
    private Process process;
    private Path log;
    private final String uiOrigin;
    private final int port;
    private final int internalPort;
    private final TcpRelay relay;

    private KeycloakServer(String baseUrl, String uiOrigin, int port, int internalPort, TcpRelay relay) {
        this.baseUrl = baseUrl;
        this.uiOrigin = uiOrigin;
        this.port = port;
        this.internalPort = internalPort;
        this.relay = relay;
    }

    /** The shared instance, on {@code port}; the realm's UI redirect URIs name {@code uiOrigin}. */
    public static synchronized KeycloakServer shared(String uiOrigin, int port) throws IOException, InterruptedException {
        if (shared != null) return shared;
        String given = System.getProperty("flagledger.keycloak.url", "");
        if (!given.isBlank()) return shared = new KeycloakServer(given.replaceAll("/$", ""), uiOrigin, -1, -1, null);
        shared = start(uiOrigin, port);
        Runtime.getRuntime().addShutdownHook(new Thread(shared::stop));
        return shared;
    }

    /** The issuer a Keycloak on {@code port} (or the one given by URL) names in its tokens. */
    public static String issuerAt(int port) {
        String given = System.getProperty("flagledger.keycloak.url", "");
        String base = given.isBlank() ? "http://localhost:" + port : given.replaceAll("/$", "");
        return base + "/realms/" + REALM;
    }

    private static KeycloakServer start(String uiOrigin, int port) throws IOException, InterruptedException {
        int internalPort = ServerProcess.freePort();
        while (internalPort == port) internalPort = ServerProcess.freePort();
        KeycloakServer server = new KeycloakServer("http://localhost:" + port, uiOrigin, port, internalPort,
                TcpRelay.start(port, internalPort));
        server.launch();
        return server;
    }

    /** Whether this instance is the one the tests started (so they may stop and restart it). */
    public boolean managed() {
        return port > 0;
    }

    /** Keycloak can no longer be reached (connections refused, open ones reset); the process keeps running. */
    public void unreachable() throws IOException {
        relay.cut();
    }

    /** Keycloak can be reached again, on the same address. */
    public void reachable() throws IOException {
        relay.restore();
    }

    /** Kills Keycloak outright (SIGKILL, its JVM too): the identity provider is down, its port refuses. */
    public void kill() throws IOException {
        if (relay != null) relay.cut();
        if (process == null || !process.isAlive()) return;
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Starts Keycloak again on the same port with the realm imported afresh (its in-memory database
     * is gone, so the realm has new signing keys, as after a key rotation); answers when it serves.
     */
    public void restart() throws IOException, InterruptedException {
        kill();
        relay.restore();
        launch();
    }

    private void launch() throws IOException, InterruptedException {
        Path home = distribution();
        Path imports = Files.createDirectories(home.resolve("data/import"));
        String realm = Files.readString(Path.of("..", "compose", "keycloak", "flagledger-realm.json"))
                .replace("http://localhost:8080", uiOrigin);
        Files.writeString(imports.resolve("flagledger-realm.json"), realm);
        Path log = Files.createTempFile("keycloak-", ".log");
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-port=" + internalPort, "--import-realm", "--db=dev-mem", "--cache=local")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> environment = builder.environment();
        environment.put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        environment.put("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin-" + port);
        environment.put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
        // C1 only, as for our own test servers: Keycloak lives for a few minutes here, and its start (with
        // the first start's build) took 127 s of CPU with C2 and 75 s without (one start each, load 15-17).
        environment.put("JAVA_OPTS_APPEND", "-XX:TieredStopAtLevel=1");
        environment.put("JAVA_HOME", System.getProperty("java.home"));
        long started = System.nanoTime();
        this.log = log;
        this.process = builder.start();
        // The first start after unpacking also builds (augments) the distribution: a minute or two more.
        awaitRealm(Duration.ofMinutes(10));
        System.out.printf("Keycloak ready in %d s (%s)%n", (System.nanoTime() - started) / 1_000_000_000L, baseUrl);
    }

    /** Sets the realm's access token lifetime through the admin API (the bootstrap admin of this instance). */
    public void accessTokenLifespan(Duration lifespan) throws IOException, InterruptedException {
        String form = "grant_type=password&client_id=admin-cli&username=admin&password=admin-" + port;
        HttpResponse<String> token = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (token.statusCode() != 200) throw new IllegalStateException("Keycloak admin sign-in failed: " + token.body());
        String admin = JSON.readTree(token.body()).path("access_token").asText();
        HttpResponse<String> updated = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/admin/realms/" + REALM))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .PUT(HttpRequest.BodyPublishers.ofString("{\"accessTokenLifespan\":" + lifespan.toSeconds() + "}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (updated.statusCode() / 100 != 2) throw new IllegalStateException("realm update refused: " + updated.body());
    }

    private static Path distribution() throws IOException {
        Path unpacked = Path.of(System.getProperty("flagledger.keycloak.home", "target/keycloak"));
        if (!Files.isDirectory(unpacked))
            throw new IllegalStateException("Keycloak distribution missing at " + unpacked.toAbsolutePath()
                    + "; run the server module's pre-integration-test phase (maven-dependency-plugin unpacks it)");
        try (Stream<Path> entries = Files.list(unpacked)) {
            return entries.filter(path -> Files.isExecutable(path.resolve("bin/kc.sh"))).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no keycloak-* directory in " + unpacked));
        }
    }

    public String issuer() {
        return baseUrl + "/realms/" + REALM;
    }

    /** Signs a user in with the CLI client's password grant; answers the access token. */
    public String accessToken(String username, String password) throws IOException, InterruptedException {
        String form = Map.of("grant_type", "password", "client_id", "flagledger-cli", "username", username,
                        "password", password, "scope", "openid profile").entrySet().stream()
                .map(entry -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                        URI.create(issuer() + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200)
            throw new IllegalStateException("Keycloak refused " + username + ": " + response.body());
        JsonNode body = JSON.readTree(response.body());
        return body.path("access_token").asText();
    }

    private void awaitRealm(Duration timeout) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        URI discovery = URI.create(issuer() + "/.well-known/openid-configuration");
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) throw new IllegalStateException("Keycloak exited early:\n" + tail());
            try {
                if (HTTP.send(HttpRequest.newBuilder(discovery).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) return;
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(500);
        }
        stop();
        throw new IllegalStateException("Keycloak not ready within " + timeout + ":\n" + tail());
    }

    private String tail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    /** Stops Keycloak and the JVM kc.sh started (its child), gracefully first. */
    public void stop() {
        if (relay != null) {
            try {
                relay.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        if (process == null || !process.isAlive()) return;
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
