package dev.flagledger.server.experiment;

import blue.strategic.parquet.Hydrator;
import blue.strategic.parquet.HydratorSupplier;
import blue.strategic.parquet.ParquetReader;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.flagledger.projections.experiment.ExperimentQueries;
import dev.flagledger.server.experiment.export.ExperimentWebhook;
import dev.flagledger.server.support.OnH2;
import dev.flagledger.server.support.ServerSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static dev.flagledger.server.experiment.ExperimentFixture.arm;
import static dev.flagledger.server.experiment.ExperimentFixture.custom;
import static dev.flagledger.server.experiment.ExperimentFixture.exposure;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Connectors: results, exposures and events exported on demand as CSV and Parquet (read back with a Parquet
 * reader), and on the snapshot schedule into a directory and to a signed webhook that is retried when the
 * receiver fails.
 */
@OnH2
class ExperimentConnectorsOnH2Test extends ServerSpec {
    private static final String SECRET = "webhook-test-secret";
    private static final HttpServer RECEIVER;
    private static final Path DIRECTORY;
    private static final List<Map<String, String>> DELIVERIES = new CopyOnWriteArrayList<>();
    private static final AtomicInteger FAILURES_LEFT = new AtomicInteger();

    static {
        try {
            DIRECTORY = Files.createTempDirectory("experiment-exports");
            RECEIVER = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
        RECEIVER.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            DELIVERIES.add(Map.of("body", body, "delivery", exchange.getRequestHeaders().getFirst("X-Flagledger-Delivery"),
                    "timestamp", exchange.getRequestHeaders().getFirst("X-Flagledger-Timestamp"),
                    "signature", exchange.getRequestHeaders().getFirst("X-Flagledger-Signature")));
            exchange.sendResponseHeaders(FAILURES_LEFT.getAndDecrement() > 0 ? 503 : 204, -1);
            exchange.close();
        });
        RECEIVER.start();
    }

    @DynamicPropertySource
    static void connectors(DynamicPropertyRegistry registry) {
        // A database of its own: this context's processors must not share the store with the other H2 tests'.
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:flagledger-connectors;DB_CLOSE_DELAY=-1;MODE=PostgreSQL;"
                + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000");
        registry.add("flagledger.experiments.webhook.url", () -> "http://127.0.0.1:" + RECEIVER.getAddress().getPort() + "/hook");
        registry.add("flagledger.experiments.webhook.secret", () -> SECRET);
        registry.add("flagledger.experiments.webhook.first-backoff", () -> "PT0.05S");
        registry.add("flagledger.experiments.export.directory", DIRECTORY::toString);
    }

    @AfterAll
    static void stopReceiver() {
        RECEIVER.stop(0);
    }

    @Autowired
    ExperimentScheduler scheduler;
    @Autowired
    ExperimentQueries queries;

    private ExperimentFixture started() throws Exception {
        ExperimentFixture fixture = new ExperimentFixture(graphql, port, project);
        fixture.flag("button", "grey", "blue");
        fixture.conversionMetric("signup", "signup");
        fixture.experiment("export", "button", List.of(arm("grey", 50_000), arm("blue", 50_000)), "signup", List.of(), null);
        fixture.transition("startExperiment", "export", 0, "go");
        String key = fixture.sdkKey();
        List<String> events = new ArrayList<>();
        Instant now = Instant.now();
        for (int i = 0; i < 100; i++) {
            events.add(exposure("button", i % 2 == 0 ? "grey" : "blue", "exp-export", "u" + i, now));
            if (i % 5 == 0) events.add(custom("signup", "u" + i, now.plusSeconds(1)));
        }
        fixture.sendAll(key, events);
        return fixture;
    }

    private HttpResponse<byte[]> download(String data, String format) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/experiments/export?projectKey=" + project + "&experimentKey=export&data=" + data + "&format=" + format))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes()))
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void results_exposures_and_events_export_as_csv_and_as_parquet() throws Exception {
        started();
        HttpResponse<byte[]> csv = download("exposures", "csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        List<String> lines = new String(csv.body(), StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.get(0)).isEqualTo("unit_key,arm,period,first_exposure_at,switched");
        assertThat(lines).hasSize(101);

        HttpResponse<byte[]> events = download("events", "csv");
        assertThat(new String(events.body(), StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("custom,,,,signup,")))
                .hasSize(20);

        HttpResponse<byte[]> parquet = download("results", "parquet");
        assertThat(parquet.statusCode()).isEqualTo(200);
        assertThat(new String(parquet.body(), 0, 4, StandardCharsets.US_ASCII)).isEqualTo("PAR1");
        Path file = Files.createTempFile("results", ".parquet");
        Files.write(file, parquet.body());
        // Read back with a Parquet reader; absent (null) cells, as the control's effects, are simply missing.
        Hydrator<Map<String, Object>, Map<String, Object>> toMap = new Hydrator<>() {
            public Map<String, Object> start() {
                return new java.util.HashMap<>();
            }

            public Map<String, Object> add(Map<String, Object> row, String heading, Object value) {
                row.put(heading, value);
                return row;
            }

            public Map<String, Object> finish(Map<String, Object> row) {
                return row;
            }
        };
        try (Stream<Map<String, Object>> rows = ParquetReader.streamContent(file.toFile(), HydratorSupplier.constantly(toMap))) {
            List<Map<String, Object>> read = rows.toList();
            assertThat(read).hasSize(2); // one metric, two arms
            assertThat(read.get(0)).containsEntry("arm", "grey").containsEntry("status", "CONTROL").containsEntry("units", 50L);
            assertThat(read.get(1)).containsEntry("arm", "blue").containsEntry("metric", "signup").containsKey("mean");
        } finally {
            Files.deleteIfExists(file);
        }
        assertThat(download("nonsense", "csv").statusCode()).isEqualTo(400);
    }

    @Test
    void scheduled_results_go_to_files_and_to_a_signed_webhook_that_is_retried() throws Exception {
        started();
        FAILURES_LEFT.set(2);
        int before = DELIVERIES.size();
        scheduler.snapshot(queries.experiment(project, "export").orElseThrow());

        List<Map<String, String>> attempts = DELIVERIES.subList(before, DELIVERIES.size());
        assertThat(attempts).hasSize(3); // two 503s, then accepted
        assertThat(attempts.stream().map(a -> a.get("delivery")).distinct()).hasSize(1);
        for (Map<String, String> attempt : attempts)
            assertThat(attempt.get("signature")).isEqualTo("sha256=" + ExperimentWebhook.sign(SECRET,
                    attempt.get("timestamp") + "." + attempt.get("body")));
        JsonNode body = ExperimentFixture.JSON.readTree(attempts.get(2).get("body"));
        assertThat(body.path("event").asText()).isEqualTo("experiment.results");
        assertThat(body.path("payload").path("experimentKey").asText()).isEqualTo("export");
        try (Stream<Path> files = Files.list(DIRECTORY)) {
            List<String> names = files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(project)).toList();
            assertThat(names).anyMatch(n -> n.endsWith(".csv")).anyMatch(n -> n.endsWith(".parquet"));
        }
    }
}
