package dev.flagledger.server.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flagledger.server.support.Eventually;
import dev.flagledger.server.support.GraphQl;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Set-up for experiment tests through the public API only: GraphQL for definitions, /sdk/v1/events for data. */
final class ExperimentFixture {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final GraphQl graphql;
    private final int port;
    private final String project;

    ExperimentFixture(GraphQl graphql, int port, String project) {
        this.graphql = graphql;
        this.port = port;
        this.project = project;
    }

    JsonNode ok(String document, Map<String, Object> variables) {
        GraphQl.Response response = graphql.execute(document, variables);
        assertThat(response.ok()).as(response.body().toString()).isTrue();
        return response.body().path("data");
    }

    GraphQl.Response call(String document, Map<String, Object> variables) {
        return graphql.execute(document, variables);
    }

    /** A string flag with the given variations, on in staging. */
    void flag(String key, String... variations) {
        List<Map<String, Object>> values = new ArrayList<>();
        for (String variation : variations) values.add(Map.of("key", variation, "value", variation));
        ok("mutation($input: CreateFlagInput!) { createFlag(input: $input) { flag { key } } }", Map.of("input", Map.of(
                "projectKey", project, "key", key, "name", key, "valueType", "STRING", "variations", values)));
        ok("mutation($input: ToggleFlagInput!) { toggleFlag(input: $input) { flag { version } } }", Map.of("input",
                Map.of("projectKey", project, "key", key, "environment", "staging", "enabled", true, "expectedVersion", 0)));
    }

    void conversionMetric(String key, String event) {
        ok("mutation($input: DefineMetricInput!) { defineMetric(input: $input) { metric { key } } }", Map.of("input",
                Map.of("projectKey", project, "key", key, "name", key, "kind", "CONVERSION", "eventName", event,
                        "windowHours", 72, "direction", "HIGHER_IS_BETTER")));
    }

    JsonNode experiment(String key, String flag, List<Map<String, Object>> arms, String primary, List<String> guardrails,
                        Map<String, Object> bandit) {
        Map<String, Object> definition = new HashMap<>(Map.of("name", key, "hypothesis", "the treatment converts better",
                "flagKey", flag, "environment", "staging", "arms", arms, "primaryMetric", primary,
                "guardrailMetrics", guardrails));
        if (bandit != null) definition.put("bandit", bandit);
        return ok("mutation($input: CreateExperimentInput!) { createExperiment(input: $input) { experiment { id key version status } } }",
                Map.of("input", Map.of("projectKey", project, "key", key, "definition", definition)))
                .path("createExperiment").path("experiment");
    }

    JsonNode transition(String mutation, String key, long version, String reason) {
        return ok("mutation($input: ExperimentTransitionInput!) { " + mutation + "(input: $input) { experiment { version status serving { ruleId salt weights { variation weight } } } } }",
                Map.of("input", Map.of("projectKey", project, "key", key, "environment", "staging",
                        "expectedVersion", version, "reason", reason))).path(mutation).path("experiment");
    }

    static Map<String, Object> arm(String variation, int weight) {
        return Map.of("variation", variation, "weight", weight);
    }

    String sdkKey() {
        String secret = ok("mutation($input: CreateSdkKeyInput!) { createSdkKey(input: $input) { secret } }",
                Map.of("input", Map.of("projectKey", project, "environment", "staging", "kind", "SERVER",
                        "name", "events", "reason", "test"))).path("createSdkKey").path("secret").asText();
        Eventually.await(() -> {
            try {
                return send(secret, "{\"events\":[{\"kind\":\"custom\",\"name\":\"warm-up\",\"timestamp\":\""
                        + Instant.now() + "\"}]}").statusCode() == 202;
            } catch (Exception e) {
                return false;
            }
        }, "the new SDK key is accepted");
        return secret;
    }

    HttpResponse<String> send(String key, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/sdk/v1/events"))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + key).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Sends events in batches of 500; every batch must be accepted. */
    void sendAll(String key, List<String> events) throws Exception {
        for (int from = 0; from < events.size(); from += 500) {
            HttpResponse<String> response = send(key, "{\"events\":[" + String.join(",",
                    events.subList(from, Math.min(events.size(), from + 500))) + "]}");
            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        }
    }

    static String exposure(String flag, String variant, String ruleId, String unit, Instant at) {
        return "{\"kind\":\"exposure\",\"flagKey\":\"" + flag + "\",\"variant\":\"" + variant + "\",\"reason\":\"SPLIT\""
                + (ruleId == null ? "" : ",\"ruleId\":\"" + ruleId + "\"") + ",\"contextKey\":\"" + unit
                + "\",\"timestamp\":\"" + at + "\"}";
    }

    static String custom(String name, String unit, Instant at) {
        return "{\"kind\":\"custom\",\"name\":\"" + name + "\",\"contextKey\":\"" + unit + "\",\"timestamp\":\"" + at + "\"}";
    }

    JsonNode results(String key) {
        return ok("""
                query($project: String!, $key: String!) { experimentResults(projectKey: $project, key: $key) {
                  status verdict switchedUnits rejectedEvents
                  exposures { arm units observedShare expectedShare }
                  srm { chiSquare pValue untrustworthy }
                  metrics { key role analysis arms { arm status reason units mean adjustedPValue verdict
                    relative { estimate lower upper pValue } sequentialRelative { lower upper }
                    bayesian { chanceToBeatControl } } }
                } }""", Map.of("project", project, "key", key)).path("experimentResults");
    }
}
