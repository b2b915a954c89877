package dev.flagledger.server.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flagledger.server.support.GraphQl;
import dev.flagledger.server.targeting.TargetingServerSpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The SDK endpoints over real HTTP: OFREP, the config download and the SSE stream. */
public abstract class SdkApiSpec extends TargetingServerSpec {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private String stagingKey;
    private String stagingKeyId;
    private String productionKey;

    record Http(int status, JsonNode body, HttpResponse<String> raw) {
    }

    @BeforeEach
    void flagsAndKeys() throws Exception {
        createBooleanFlag("checkout");
        assertThat(toggle("checkout", "staging", true, 0, null).ok()).isTrue();
        assertThat(setTargeting("checkout", "staging", Map.of("rules", List.of(Map.of("id", "dutch",
                        "clauses", List.of(clause("country", "in", List.of("NL"))), "serve", Map.of("variation", "off")))),
                1).ok()).isTrue();
        JsonNode staging = createKey("staging", "SERVER");
        stagingKey = staging.path("secret").asText();
        stagingKeyId = staging.path("key").path("id").asText();
        productionKey = createKey("production", "SERVER").path("secret").asText();
        awaitUsable(stagingKey);
        awaitUsable(productionKey);
        awaitEvaluates(stagingKey, "checkout", "TARGETING_MATCH", Map.of("targetingKey", "u", "country", "NL"));
    }

    JsonNode createKey(String environment, String kind) {
        GraphQl.Response response = graphql.execute("""
                mutation($input: CreateSdkKeyInput!) { createSdkKey(input: $input) { secret key { id environment kind revoked } } }""",
                Map.of("input", Map.of("projectKey", project, "environment", environment, "kind", kind,
                        "name", environment + " key", "reason", "test")));
        assertThat(response.ok()).as(response.body().toString()).isTrue();
        return response.data("createSdkKey");
    }

    Http post(String path, String key, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) request.header("Authorization", "Bearer " + key);
        headers.forEach(request::header);
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Http(response.statusCode(), response.body().isEmpty() ? JSON.createObjectNode()
                : JSON.readTree(response.body()), response);
    }

    Http evaluate(String key, String flag, Map<String, Object> context) throws Exception {
        return post("/ofrep/v1/evaluate/flags/" + flag, key, JSON.writeValueAsString(Map.of("context", context)), Map.of());
    }

    void awaitUsable(String key) throws Exception {
        for (int i = 0; i < 100; i++) {
            if (evaluate(key, "checkout", Map.of("targetingKey", "u")).status() != 401) return;
            Thread.sleep(50);
        }
        throw new AssertionError("key never became usable");
    }

    void awaitEvaluates(String key, String flag, String reason, Map<String, Object> context) throws Exception {
        Http last = null;
        for (int i = 0; i < 100; i++) {
            last = evaluate(key, flag, context);
            if (reason.equals(last.body().path("reason").asText())) return;
            Thread.sleep(50);
        }
        throw new AssertionError("never evaluated to " + reason + ": " + last.body());
    }

    @Test
    void browsers_on_other_sites_may_call_the_sdk_endpoints_but_not_the_admin_api() throws Exception {
        HttpRequest preflight = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/ofrep/v1/evaluate/flags"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://shop.example").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type,if-none-match").build();
        HttpResponse<String> allowed = HTTP.send(preflight, HttpResponse.BodyHandlers.ofString());
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();

        Http bulk = post("/ofrep/v1/evaluate/flags", stagingKey, "{\"context\":{\"targetingKey\":\"u\"}}",
                Map.of("Origin", "https://shop.example"));
        assertThat(bulk.status()).isEqualTo(200);
        assertThat(bulk.raw().headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(bulk.raw().headers().firstValue("Access-Control-Expose-Headers").orElse("")).contains("ETag");

        HttpRequest adminPreflight = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://shop.example").header("Access-Control-Request-Method", "POST").build();
        HttpResponse<String> refused = HTTP.send(adminPreflight, HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void ofrep_single_evaluation_serves_the_keys_environment() throws Exception {
        Http dutch = evaluate(stagingKey, "checkout", Map.of("targetingKey", "u", "country", "NL"));
        assertThat(dutch.status()).isEqualTo(200);
        assertThat(dutch.body().path("value").asBoolean()).isFalse();
        assertThat(dutch.body().path("variant").asText()).isEqualTo("off");
        assertThat(dutch.body().path("key").asText()).isEqualTo("checkout");
        Http other = evaluate(stagingKey, "checkout", Map.of("targetingKey", "u", "country", "DE"));
        assertThat(other.body().path("reason").asText()).isEqualTo("DEFAULT");
        assertThat(other.body().path("value").asBoolean()).isTrue();
    }

    @Test
    void country_comes_from_an_edge_header_only_when_the_context_has_none() throws Exception {
        String body = JSON.writeValueAsString(Map.of("context", Map.of("targetingKey", "u")));
        assertThat(post("/ofrep/v1/evaluate/flags/checkout", stagingKey, body, Map.of()).body().path("reason").asText())
                .isEqualTo("DEFAULT");
        assertThat(post("/ofrep/v1/evaluate/flags/checkout", stagingKey, body, Map.of("CF-IPCountry", "NL"))
                .body().path("reason").asText()).isEqualTo("TARGETING_MATCH");
        String german = JSON.writeValueAsString(Map.of("context", Map.of("targetingKey", "u", "country", "DE")));
        assertThat(post("/ofrep/v1/evaluate/flags/checkout", stagingKey, german, Map.of("X-Vercel-IP-Country", "NL"))
                .body().path("reason").asText()).isEqualTo("DEFAULT");
    }

    @Test
    void bad_input_gets_the_ofrep_error_and_the_server_stays_healthy() throws Exception {
        Http malformed = post("/ofrep/v1/evaluate/flags/checkout", stagingKey, "{\"context\": {", Map.of());
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.body().path("errorCode").asText()).isEqualTo("PARSE_ERROR");

        String huge = JSON.writeValueAsString(Map.of("context", Map.of("targetingKey", "u", "blob", "x".repeat(40_000))));
        Http oversized = post("/ofrep/v1/evaluate/flags/checkout", stagingKey, huge, Map.of());
        assertThat(oversized.status()).isEqualTo(400);
        assertThat(oversized.body().path("errorCode").asText()).isEqualTo("INVALID_CONTEXT");

        Http unknown = evaluate(stagingKey, "no-such-flag", Map.of("targetingKey", "u"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().path("errorCode").asText()).isEqualTo("FLAG_NOT_FOUND");

        createBooleanFlag("split");
        assertThat(toggle("split", "staging", true, 0, null).ok()).isTrue();
        assertThat(setTargeting("split", "staging", Map.of("fallthroughRollout", rollout(50_000, 50_000)), 1).ok()).isTrue();
        Http missingKey = null;
        for (int i = 0; i < 100; i++) {
            missingKey = evaluate(stagingKey, "split", Map.of("country", "NL"));
            if ("TARGETING_KEY_MISSING".equals(missingKey.body().path("errorCode").asText())) break;
            Thread.sleep(50);
        }
        assertThat(missingKey.status()).isEqualTo(400);
        assertThat(missingKey.body().path("errorCode").asText()).isEqualTo("TARGETING_KEY_MISSING");

        assertThat(evaluate(null, "checkout", Map.of("targetingKey", "u")).status()).isEqualTo(401);
        assertThat(evaluate("flsrv_not-a-key", "checkout", Map.of("targetingKey", "u")).status()).isEqualTo(401);

        GraphQl.Response revoked = graphql.execute("""
                mutation($input: RevokeSdkKeyInput!) { revokeSdkKey(input: $input) { key { revoked } } }""",
                Map.of("input", Map.of("projectKey", project, "environment", "staging", "id", stagingKeyId,
                        "reason", "leaked")));
        assertThat(revoked.ok()).as(revoked.body().toString()).isTrue();
        int status = 0;
        for (int i = 0; i < 100 && status != 401; i++) {
            status = evaluate(stagingKey, "checkout", Map.of("targetingKey", "u")).status();
            Thread.sleep(50);
        }
        assertThat(status).isEqualTo(401);

        assertThat(evaluate(productionKey, "checkout", Map.of("targetingKey", "u")).status()).isEqualTo(200);
    }

    @Test
    void a_key_of_one_environment_never_reads_another() throws Exception {
        Http production = evaluate(productionKey, "checkout", Map.of("targetingKey", "u", "country", "NL"));
        assertThat(production.body().path("reason").asText()).isEqualTo("DISABLED");
        Http bulk = post("/ofrep/v1/evaluate/flags", productionKey, "{\"context\":{\"targetingKey\":\"u\"}}", Map.of());
        assertThat(bulk.body().path("flags").findValuesAsText("reason")).containsOnly("DISABLED");

        // Another project's flag is invisible: the environment comes from the key, never the request.
        String otherProject = project;
        connectAndCreateProjectAgain();
        createBooleanFlag("elsewhere");
        Thread.sleep(300);
        assertThat(evaluate(productionKey, "elsewhere", Map.of("targetingKey", "u")).status()).isEqualTo(404);
        assertThat(otherProject).isNotEqualTo(project);
    }

    private void connectAndCreateProjectAgain() {
        project = "p-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        assertThat(graphql.execute("mutation($key: String!) { createProject(input: {key: $key, name: \"Other\"}) { project { key } } }",
                Map.of("key", project)).ok()).isTrue();
    }

    @Test
    void bulk_evaluation_has_an_etag_and_answers_304_when_nothing_changed() throws Exception {
        String body = "{\"context\":{\"targetingKey\":\"u\",\"country\":\"NL\"}}";
        Http first = post("/ofrep/v1/evaluate/flags", stagingKey, body, Map.of());
        assertThat(first.status()).isEqualTo(200);
        String etag = first.raw().headers().firstValue("ETag").orElseThrow();
        assertThat(first.body().path("flags").get(0).path("key").asText()).isEqualTo("checkout");
        assertThat(post("/ofrep/v1/evaluate/flags", stagingKey, body, Map.of("If-None-Match", etag)).status())
                .isEqualTo(304);
        assertThat(post("/ofrep/v1/evaluate/flags", stagingKey, body.replace("NL", "DE"),
                Map.of("If-None-Match", etag)).status()).isEqualTo(200);
    }

    @Test
    void the_config_download_has_an_etag() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/sdk/v1/config"))
                .header("Authorization", "Bearer " + stagingKey).GET().build();
        HttpResponse<String> first = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(first.body()).path("flags").path("checkout").path("rules").get(0).path("id").asText())
                .isEqualTo("dutch");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = HTTP.send(HttpRequest.newBuilder(request.uri())
                .header("Authorization", "Bearer " + stagingKey).header("If-None-Match", etag).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).isEqualTo(304);
    }

    /** Reads SSE events (name, id, data) from an open stream. */
    static final class EventReader implements AutoCloseable {
        private final InputStream stream;
        private final BufferedReader reader;

        EventReader(InputStream stream) {
            this.stream = stream;
            this.reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
        }

        Map<String, String> next() throws Exception {
            Map<String, String> event = new HashMap<>();
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isEmpty()) {
                    if (event.containsKey("event")) return event;
                    continue;
                }
                if (line.startsWith(":")) continue;
                int colon = line.indexOf(':');
                event.merge(line.substring(0, colon), line.substring(colon + 1).strip(), (a, b) -> a + b);
            }
            throw new AssertionError("stream ended");
        }

        @Override
        public void close() throws Exception {
            stream.close();
        }
    }

    EventReader open(String lastEventId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/sdk/v1/stream"))
                .header("Authorization", "Bearer " + stagingKey).header("Accept", "text/event-stream").GET();
        if (lastEventId != null) request.header("Last-Event-ID", lastEventId);
        HttpResponse<InputStream> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        return new EventReader(response.body());
    }

    @Test
    void a_resume_with_nothing_missed_answers_at_once_rather_than_at_the_first_heartbeat() throws Exception {
        String position;
        try (EventReader stream = open(null)) {
            position = stream.next().get("id");
        }
        long started = System.nanoTime();
        // Headers within 10 s: before this, they came with the first heartbeat (15 s), and SDKs that wait
        // for headers with a deadline (5 s) never got a resumed stream.
        HttpResponse<InputStream> resumed = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/sdk/v1/stream"))
                .header("Authorization", "Bearer " + stagingKey).header("Last-Event-ID", position)
                .timeout(java.time.Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        try (EventReader stream = new EventReader(resumed.body())) {
            assertThat(resumed.statusCode()).isEqualTo(200);
            System.out.println("RESUME_HEADERS_MS=" + (System.nanoTime() - started) / 1_000_000);
            assertThat(toggle("checkout", "staging", false, 2, null).ok()).isTrue();
            Map<String, String> patch = stream.next();
            assertThat(patch.get("event")).isEqualTo("patch");
            assertThat(Long.parseLong(patch.get("id"))).isGreaterThan(Long.parseLong(position));
        }
    }

    @Test
    void a_graphql_change_reaches_the_stream_and_a_reconnect_gets_exactly_what_it_missed() throws Exception {
        String lastSeen;
        try (EventReader stream = open(null)) {
            Map<String, String> put = stream.next();
            assertThat(put.get("event")).isEqualTo("put");
            assertThat(JSON.readTree(put.get("data")).path("flags").has("checkout")).isTrue();
            assertThat(toggle("checkout", "staging", false, 2, null).ok()).isTrue();
            Map<String, String> patch = stream.next();
            assertThat(patch.get("event")).isEqualTo("patch");
            assertThat(Long.parseLong(patch.get("id"))).isGreaterThan(Long.parseLong(put.get("id")));
            JsonNode data = JSON.readTree(patch.get("data"));
            assertThat(data.path("key").asText()).isEqualTo("checkout");
            assertThat(data.path("value").path("enabled").asBoolean()).isFalse();
            lastSeen = patch.get("id");
        }
        // While disconnected: two changes in staging, one in production (which this key must not see).
        assertThat(toggle("checkout", "staging", true, 3, null).ok()).isTrue();
        assertThat(toggle("checkout", "production", true, 4, "launch").ok()).isTrue();
        createBooleanFlag("later");
        Thread.sleep(500);
        try (EventReader stream = open(lastSeen)) {
            Map<String, String> first = stream.next();
            Map<String, String> second = stream.next();
            assertThat(List.of(first.get("event"), second.get("event"))).containsExactly("patch", "patch");
            assertThat(JSON.readTree(first.get("data")).path("key").asText()).isEqualTo("checkout");
            assertThat(JSON.readTree(first.get("data")).path("value").path("enabled").asBoolean()).isTrue();
            assertThat(JSON.readTree(second.get("data")).path("key").asText()).isEqualTo("later");
            assertThat(Long.parseLong(second.get("id"))).isGreaterThan(Long.parseLong(first.get("id")));
        }
    }
}
