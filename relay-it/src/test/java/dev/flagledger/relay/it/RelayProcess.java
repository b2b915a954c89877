package dev.flagledger.relay.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The built relay jar, started as an operator starts it: its own JVM, data directory and port. */
final class RelayProcess implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Process process;
    private final Path log;
    private final int port;
    private final Path data;

    private RelayProcess(Process process, Path log, int port, Path data) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.data = data;
    }

    static Path jar() {
        Path path = Path.of(System.getProperty("flagledger.relay.jar", "../relay/target/flagledger-relay.jar")).toAbsolutePath();
        if (!Files.isRegularFile(path)) throw new IllegalStateException("relay jar missing at " + path + "; run mvn package first");
        return path;
    }

    /**
     * @param heap  the relay's -Xmx
     * @param extra more {@code --name=value} options
     */
    static RelayProcess start(Path data, int port, String upstream, List<String> sdkKeys, String heap, String... extra)
            throws IOException, InterruptedException {
        Files.createDirectories(data);
        Path log = Files.createTempFile(data.getParent(), "relay-", ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-XX:+ExitOnOutOfMemoryError", "-jar", jar().toString(), "--upstream=" + upstream,
                "--sdk-keys=" + String.join(",", sdkKeys), "--port=" + port, "--data-dir=" + data,
                // tests bring upstreams back within seconds: do not wait the production 30 s between attempts
                "--max-backoff-millis=1000"));
        command.addAll(List.of(extra));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        RelayProcess relay = new RelayProcess(process, log, port, data);
        relay.awaitLive(Duration.ofMinutes(2));
        return relay;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    Path data() {
        return data;
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    JsonNode health() throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/health"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    /** The health entry of one environment. */
    JsonNode environment(String project, String environment) throws IOException, InterruptedException {
        for (JsonNode entry : health().path("environments"))
            if (entry.path("projectKey").asText().equals(project) && entry.path("environment").asText().equals(environment))
                return entry;
        return JSON.createObjectNode();
    }

    JsonNode spool(String project, String environment) throws IOException, InterruptedException {
        for (JsonNode entry : health().path("events"))
            if (entry.path("projectKey").asText().equals(project) && entry.path("environment").asText().equals(environment))
                return entry;
        return JSON.createObjectNode();
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    private void awaitLive(Duration timeout) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) throw new IllegalStateException("relay exited early:\n" + log());
            try {
                HttpResponse<String> live = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/health/live"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (live.statusCode() == 200) return;
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(100);
        }
        close();
        throw new IllegalStateException("relay not live within " + timeout + ":\n" + log());
    }

    /** SIGKILL, as when its machine goes away. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM and wait, as an operator stops it. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
