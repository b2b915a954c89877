package dev.flagledger.server.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flagledger.server.support.GraphQl;
import dev.flagledger.server.support.ServerSpec;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code POST /sdk/v1/events} and the client-key change stream {@code /sdk/v1/changes}, over real HTTP. */
public abstract class SdkEventsSpec extends ServerSpec {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Recent: events older than the late window (90 days) are refused one by one. */
    private static final java.time.Instant AT = java.time.Instant.now().minusSeconds(60)
            .truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    private String serverKey;
    private String clientKey;

    @BeforeEach
    void keys() throws Exception {
        createBooleanFlag("checkout");
        serverKey = createKey("SERVER");
        clientKey = createKey("CLIENT");
        for (String key : List.of(serverKey, clientKey)) {
            for (int i = 0; i < 100 && get("/ofrep/v1/configuration", key).statusCode() == 401; i++) Thread.sleep(50);
        }
    }

    private String createKey(String kind) {
        GraphQl.Response response = graphql.execute("""
                mutation($input: CreateSdkKeyInput!) { createSdkKey(input: $input) { secret } }""",
                Map.of("input", Map.of("projectKey", project, "environment", "staging", "kind", kind,
                        "name", kind + " key", "reason", "test")));
        assertThat(response.ok()).as(response.body().toString()).isTrue();
        return response.data("createSdkKey.secret").asText();
    }

    private HttpResponse<String> get(String path, String key) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + key).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String key, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/sdk/v1/events"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) request.header("Authorization", "Bearer " + key);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private long storedEvents() {
        Long count = jdbc.queryForObject("select count(*) from sdk_event where project_key = ?", Long.class, project);
        return count == null ? 0 : count;
    }

    private static String exposure(String flagKey, String contextKey) {
        return "{\"kind\":\"exposure\",\"flagKey\":\"" + flagKey + "\",\"variant\":\"on\",\"reason\":\"SPLIT\","
                + "\"contextKey\":\"" + contextKey + "\",\"timestamp\":\"" + AT + "\"}";
    }

    @Test
    void a_valid_batch_is_stored_append_only_in_the_keys_environment() throws Exception {
        String custom = "{\"kind\":\"custom\",\"name\":\"checkout.completed\",\"value\":42.5,\"details\":{\"currency\":\"EUR\"},"
                + "\"contextKey\":\"user-1\",\"timestamp\":\"" + AT.plusSeconds(1) + "\"}";
        HttpResponse<String> response = send(serverKey, "{\"events\":[" + exposure("checkout", "user-1") + "," + custom + "]}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(JSON.readTree(response.body()).path("accepted").asInt()).isEqualTo(2);
        List<Map<String, Object>> rows = jdbc.queryForList("""
                select kind, environment, flag_key, variant, reason, event_name, numeric_value, details, context_key, occurred_at
                from sdk_event where project_key = ? order by id""", project);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).containsEntry("kind", "exposure").containsEntry("environment", "staging")
                .containsEntry("flag_key", "checkout").containsEntry("variant", "on").containsEntry("reason", "SPLIT")
                .containsEntry("context_key", "user-1");
        assertThat(rows.get(1)).containsEntry("kind", "custom").containsEntry("event_name", "checkout.completed")
                .containsEntry("numeric_value", 42.5).containsEntry("details", "{\"currency\":\"EUR\"}");
        assertThat(jdbc.queryForObject("select count(*) from sdk_event where project_key = ? and occurred_at = ?",
                Long.class, project, AT.atOffset(java.time.ZoneOffset.UTC))).isEqualTo(1L);
    }

    @Test
    void client_keys_may_send_events_but_still_not_read_the_configuration() throws Exception {
        assertThat(send(clientKey, "{\"events\":[" + exposure("checkout", "u") + "]}").statusCode()).isEqualTo(202);
        assertThat(get("/sdk/v1/config", clientKey).statusCode()).isEqualTo(403);
        assertThat(storedEvents()).isEqualTo(1);
    }

    @Test
    void one_invalid_event_refuses_the_whole_batch_with_problem_json() throws Exception {
        HttpResponse<String> response = send(serverKey, "{\"events\":[" + exposure("checkout", "u") + ","
                + exposure("Not A Key", "u") + "]}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("status").asInt()).isEqualTo(400);
        assertThat(problem.path("detail").asText()).startsWith("events[1].flagKey");
        assertThat(storedEvents()).isZero();
    }

    @Test
    void malformed_empty_oversized_and_unauthenticated_batches_are_refused() throws Exception {
        assertThat(send(serverKey, "{\"events\": [").statusCode()).isEqualTo(400);
        assertThat(send(serverKey, "{\"events\": []}").statusCode()).isEqualTo(400);
        assertThat(send(serverKey, "{\"events\": [{\"kind\":\"custom\",\"name\":\"x\"}]}").body()).contains("events[0].timestamp");
        assertThat(send(serverKey, "{\"events\": [{\"kind\":\"purchase\"}]}").body()).contains("events[0].kind");

        List<String> many = new ArrayList<>();
        for (int i = 0; i < 501; i++) many.add(exposure("checkout", "u" + i));
        HttpResponse<String> tooMany = send(serverKey, "{\"events\":[" + String.join(",", many) + "]}");
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(tooMany.body()).contains("at most 500");

        String huge = "{\"events\":[{\"kind\":\"custom\",\"name\":\"x\",\"pad\":\"" + "x".repeat(300 * 1024) + "\"}]}";
        assertThat(send(serverKey, huge).statusCode()).isEqualTo(413);
        assertThat(send(null, "{\"events\":[" + exposure("checkout", "u") + "]}").statusCode()).isEqualTo(401);
        assertThat(storedEvents()).isZero();
    }

    @Test
    void a_key_learns_its_own_environment_and_kind_and_nothing_else() throws Exception {
        HttpResponse<String> client = get("/sdk/v1/key", clientKey);
        HttpResponse<String> server = get("/sdk/v1/key", serverKey);

        assertThat(client.statusCode()).isEqualTo(200);
        JsonNode identity = JSON.readTree(client.body());
        assertThat(identity.path("projectKey").asText()).isEqualTo(project);
        assertThat(identity.path("environment").asText()).isEqualTo("staging");
        assertThat(identity.path("kind").asText()).isEqualTo("CLIENT");
        assertThat(identity.path("id").asText()).isNotBlank();
        assertThat(JSON.readTree(server.body()).path("kind").asText()).isEqualTo("SERVER");
        assertThat(JSON.readTree(server.body()).path("id").asText()).isNotEqualTo(identity.path("id").asText());
        assertThat(client.body()).doesNotContain(clientKey).doesNotContain("flsrv_");
        assertThat(get("/sdk/v1/key", "flsrv_never-issued").statusCode()).isEqualTo(401);
    }

    @Test
    void the_change_stream_tells_a_client_key_the_position_but_no_rules() throws Exception {
        HttpResponse<InputStream> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/sdk/v1/changes"))
                .header("Authorization", "Bearer " + clientKey).header("Accept", "text/event-stream").GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        try (SdkApiSpec.EventReader stream = new SdkApiSpec.EventReader(response.body())) {
            Map<String, String> first = stream.next();
            assertThat(first).containsEntry("event", "change");
            long position = Long.parseLong(first.get("id"));

            assertThat(toggle("checkout", "staging", true, 0, null).ok()).isTrue();
            Map<String, String> next = stream.next();
            assertThat(next).containsEntry("event", "change");
            assertThat(Long.parseLong(next.get("id"))).isGreaterThan(position);
            assertThat(next.get("data")).doesNotContain("checkout").contains("position");
        }
    }
}
