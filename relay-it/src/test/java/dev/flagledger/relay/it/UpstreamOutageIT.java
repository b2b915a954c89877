package dev.flagledger.relay.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flagledger.server.support.ServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14, acceptance 2, with the real server and relay jars. The relay reaches the server through a
 * link the test can cut, so that changes can be made while the relay cannot see them and an event
 * batch's answer can be lost after the server stored it:
 * <ol>
 * <li>the server is killed (SIGKILL): the relay keeps serving the last configuration and accepts
 *     events (and a batch sent twice with one Idempotency-Key counts once);</li>
 * <li>the relay is killed too (SIGKILL) and restarted while the server is down: it serves from disk,
 *     keys it validated before still work, and it accepts more events;</li>
 * <li>the server comes back, with the events it had stored before its SIGKILL, while the relay still
 *     cannot reach it, and three changes are made;
 *     then the link returns, losing the answer to the first event batch: every spooled event is
 *     stored exactly once, and the relay catches up by Last-Event-ID (patches, no put) with exactly
 *     the patches the server itself sends from the relay's position: no gap.</li>
 * </ol>
 */
class UpstreamOutageIT {
    private static final String PROJECT = "outage";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @Test
    void the_relay_serves_and_spools_through_a_server_outage_and_its_own_restart_then_catches_up_exactly_once(
            @TempDir Path home) throws Exception {
        Upstream server = Upstream.start(home.resolve("server"));
        RelayProcess relay = null;
        try (CuttableLink link = new CuttableLink(ServerProcess.freePort(), Integer.parseInt(server.baseUrl()
                .substring(server.baseUrl().lastIndexOf(':') + 1)))) {
            server.project(PROJECT);
            String relayKey = server.key(PROJECT, "SERVER");
            String appKey = server.key(PROJECT, "SERVER");
            String browserKey = server.key(PROJECT, "CLIENT");
            int relayPort = ServerProcess.freePort();
            Path relayData = home.resolve("relay");
            relay = RelayProcess.start(relayData, relayPort, link.url(), List.of(relayKey), "128m");
            RelayProcess running = relay;

            // Normal operation: a change reaches the relay, events reach the server.
            server.toggle(PROJECT, "checkout", true);
            long lastGood = server.position(relayKey);
            await("the relay holds the change", () -> running.environment(PROJECT, "staging").path("position").asLong() == lastGood);
            assertThat(evaluate(relay, browserKey)).isTrue();
            assertThat(sendEvents(relay, browserKey, null, "before-1", "before-2").statusCode()).isEqualTo(202);
            await("events reach the server", () -> server.storedEventContexts(PROJECT).size() == 2);
            String etag = config(relay, appKey).headers().firstValue("ETag").orElseThrow();

            // 1. The server dies: the relay keeps serving and accepts events.
            server.kill();
            await("the relay notices", () -> !running.environment(PROJECT, "staging").path("connected").asBoolean());
            assertThat(evaluate(relay, browserKey)).as("last configuration served").isTrue();
            assertThat(config(relay, appKey).headers().firstValue("ETag")).contains(etag);
            HttpResponse<String> during = sendEvents(relay, browserKey, "batch-during", "during-1", "during-2", "during-3");
            HttpResponse<String> again = sendEvents(relay, browserKey, "batch-during", "during-1", "during-2", "during-3");
            assertThat(during.statusCode()).isEqualTo(202);
            assertThat(JSON.readTree(again.body()).path("duplicate").asBoolean()).as(again.body()).isTrue();
            await("health says how stale", () -> running.environment(PROJECT, "staging").path("staleSeconds").asLong() > 0);
            assertThat(relay.health().path("status").asText()).isEqualTo("STALE");

            // 2. The relay dies too and starts again while the server is still down: it serves from disk.
            relay.kill();
            relay = RelayProcess.start(relayData, relayPort, link.url(), List.of(relayKey), "128m");
            JsonNode restored = relay.environment(PROJECT, "staging");
            assertThat(restored.path("source").asText()).isEqualTo("DISK");
            assertThat(restored.path("position").asLong()).isEqualTo(lastGood);
            assertThat(restored.path("connected").asBoolean()).isFalse();
            assertThat(evaluate(relay, browserKey)).as("served from disk with a key validated before the restart").isTrue();
            assertThat(config(relay, appKey).headers().firstValue("ETag")).contains(etag);
            assertThat(sendEvents(relay, browserKey, null, "restarted-1", "restarted-2").statusCode()).isEqualTo(202);
            assertThat(sendEvents(relay, browserKey, "batch-during", "during-1", "during-2", "during-3").body())
                    .as("the idempotency key survived the restart too").contains("\"duplicate\":true");
            assertThat(relay.spool(PROJECT, "staging").path("pending").asLong()).isEqualTo(5);
            try (SseClient app = SseClient.open(relay.baseUrl() + "/sdk/v1/stream", appKey, lastGood)) {

                // 3. The server returns but the relay cannot see it yet; the configuration moves on meanwhile.
                link.cut();
                server.restart();
                assertThat(server.storedEventContexts(PROJECT)).as("what the server stored before its SIGKILL survived it")
                        .containsExactly("before-1", "before-2");
                server.toggle(PROJECT, "checkout", false);
                server.flag(PROJECT, "banner");
                server.toggle(PROJECT, "banner", true);
                long now = server.awaitConfig(relayKey, config -> config.path("flags").path("banner").path("enabled")
                        .asBoolean()).path("position").asLong();
                assertThat(now).isGreaterThan(lastGood);
                assertThat(evaluate(relay, browserKey)).as("still the last good configuration").isTrue();
                List<SseClient.Received> truth = new ArrayList<>();
                try (SseClient direct = SseClient.open(server.baseUrl() + "/sdk/v1/stream", appKey, lastGood)) {
                    for (SseClient.Received event; (event = direct.next(Duration.ofSeconds(3))) != null; ) truth.add(event);
                }
                assertThat(truth).as("the server's own patches after the relay's position").isNotEmpty()
                        .allSatisfy(event -> assertThat(event.name()).isEqualTo("patch"));

                link.loseEventAnswers(1);
                link.restore();
                List<SseClient.Received> seen = new ArrayList<>();
                while (seen.isEmpty() || seen.get(seen.size() - 1).id() < now) {
                    SseClient.Received event = app.next(PATIENCE);
                    assertThat(event).as("the relay passes on everything up to " + now + " (got " + seen + ")").isNotNull();
                    seen.add(event);
                }
                assertThat(seen).extracting(SseClient.Received::name).containsOnly("patch");
                assertThat(seen).extracting(SseClient.Received::id)
                        .containsExactlyElementsOf(truth.stream().map(SseClient.Received::id).toList());
                assertThat(seen).extracting(SseClient.Received::data)
                        .containsExactlyElementsOf(truth.stream().map(SseClient.Received::data).toList());
                assertThat(evaluate(relay, browserKey)).isFalse();
            }
            RelayProcess back = relay;
            await("the spool drains", () -> back.spool(PROJECT, "staging").path("pending").asLong() == 0);
            assertThat(link.answersLost()).as("an answer was lost after the server stored a batch").isEqualTo(1);
            List<String> stored = server.storedEventContexts(PROJECT);
            assertThat(stored).as("every event exactly once").containsExactlyInAnyOrder("before-1", "before-2",
                    "during-1", "during-2", "during-3", "restarted-1", "restarted-2");
            JsonNode caughtUp = relay.environment(PROJECT, "staging");
            assertThat(caughtUp.path("source").asText()).isEqualTo("UPSTREAM");
            assertThat(caughtUp.path("connected").asBoolean()).isTrue();
            assertThat(caughtUp.path("staleSeconds").asLong()).isZero();
            assertThat(relay.health().path("status").asText()).isEqualTo("UP");
        } finally {
            if (relay != null) relay.close();
            server.stop();
        }
    }

    private static boolean evaluate(RelayProcess relay, String key) throws Exception {
        HttpResponse<String> response = post(relay.baseUrl() + "/ofrep/v1/evaluate/flags/checkout", key, null,
                "{\"context\":{\"targetingKey\":\"user-1\"}}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("value").asBoolean();
    }

    private static HttpResponse<String> config(RelayProcess relay, String key) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(relay.baseUrl() + "/sdk/v1/config"))
                .header("Authorization", "Bearer " + key).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response;
    }

    private static HttpResponse<String> sendEvents(RelayProcess relay, String key, String idempotencyKey,
                                                   String... contextKeys) throws Exception {
        String events = List.of(contextKeys).stream().map(contextKey -> "{\"kind\":\"exposure\",\"flagKey\":\"checkout\","
                + "\"variant\":\"on\",\"reason\":\"DEFAULT\",\"contextKey\":\"" + contextKey
                + "\",\"timestamp\":\"" + java.time.Instant.now() + "\"}").collect(Collectors.joining(","));
        return post(relay.baseUrl() + "/sdk/v1/events", key, idempotencyKey, "{\"events\":[" + events + "]}");
    }

    private static HttpResponse<String> post(String url, String key, String idempotencyKey, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) request.header("Idempotency-Key", idempotencyKey);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void await(String what, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.call()) return;
            Thread.sleep(100);
        }
        throw new AssertionError("not within " + PATIENCE + ": " + what);
    }
}
