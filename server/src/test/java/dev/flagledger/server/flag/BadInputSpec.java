package dev.flagledger.server.flag;

import dev.flagledger.server.support.GraphQl;
import dev.flagledger.server.support.ServerSpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every refusal is typed and writes nothing. */
public abstract class BadInputSpec extends ServerSpec {
    private static final String CREATE = """
            mutation($input: CreateFlagInput!) { createFlag(input: $input) { flag { id } } }""";
    private long eventsBefore;

    @BeforeEach
    void countEvents() {
        createBooleanFlag("existing");
        eventsBefore = eventCount();
    }

    private Map<String, Object> flagInput(Map<String, Object> overrides) {
        Map<String, Object> input = new HashMap<>(Map.of("projectKey", project, "key", "fresh", "name", "Fresh",
                "valueType", "BOOLEAN"));
        input.putAll(overrides);
        return input;
    }

    private void refusedWith(String code, GraphQl.Response response) {
        assertThat(response.errorCode()).as(response.body().toString()).isEqualTo(code);
        assertThat(eventCount()).as("events written").isEqualTo(eventsBefore);
    }

    @Test
    void an_invalid_flag_key_is_a_validation_error() {
        refusedWith("VALIDATION", graphql.execute(CREATE, Map.of("input", flagInput(Map.of("key", "Not A Key!")))));
    }

    @Test
    void an_unknown_project_is_not_found() {
        refusedWith("NOT_FOUND", graphql.execute(CREATE, Map.of("input", flagInput(Map.of("projectKey", "nowhere")))));
    }

    @Test
    void an_unknown_environment_is_not_found() {
        refusedWith("NOT_FOUND", toggle("existing", "moon", true, 0, "why not"));
    }

    @Test
    void an_unknown_flag_is_not_found() {
        refusedWith("NOT_FOUND", toggle("missing", "staging", true, 0, null));
    }

    @Test
    void a_variation_value_of_the_wrong_type_is_a_validation_error() {
        refusedWith("VALIDATION", graphql.execute(CREATE, Map.of("input", flagInput(Map.of("valueType", "NUMBER",
                "variations", List.of(Map.of("key", "ten", "value", "ten")))))));
    }

    @Test
    void a_default_variation_that_does_not_exist_is_a_validation_error() {
        refusedWith("VALIDATION", graphql.execute(CREATE, Map.of("input", flagInput(Map.of("defaultVariation", "maybe")))));
        refusedWith("VALIDATION", graphql.execute("""
                mutation($p: String!) { setDefaultVariation(input: {projectKey: $p, key: "existing",
                  environment: "staging", variation: "maybe", expectedVersion: 0}) { flag { id } } }""",
                Map.of("p", project)));
    }

    @Test
    void a_missing_reason_where_the_environment_requires_one_is_a_validation_error() {
        refusedWith("VALIDATION", toggle("existing", "production", true, 0, null));
        refusedWith("VALIDATION", toggle("existing", "production", true, 0, "   "));
    }

    @Test
    void strings_over_their_size_limits_are_validation_errors() {
        refusedWith("VALIDATION", graphql.execute(CREATE, Map.of("input", flagInput(Map.of("name", "n".repeat(201))))));
        refusedWith("VALIDATION", graphql.execute(CREATE, Map.of("input",
                flagInput(Map.of("description", "d".repeat(2001))))));
        refusedWith("VALIDATION", graphql.execute(CREATE, Map.of("input", flagInput(Map.of("key", "k".repeat(129))))));
        refusedWith("VALIDATION", toggle("existing", "production", true, 0, "r".repeat(1001)));
        refusedWith("VALIDATION", graphql.execute(CREATE, Map.of("input", flagInput(Map.of("tags",
                java.util.stream.IntStream.range(0, 51).mapToObj(i -> "t" + i).toList())))));
    }

    @Test
    void a_stale_expected_version_is_a_conflict() {
        assertThat(toggle("existing", "staging", true, 0, null).ok()).isTrue();
        eventsBefore = eventCount();
        refusedWith("CONFLICT", toggle("existing", "staging", false, 0, null));
    }

    @Test
    void malformed_graphql_is_a_validation_error() {
        GraphQl.Response syntax = graphql.raw("{\"query\":\"{ flags(projectKey: \\\"x\\\" \"}");
        refusedWith("VALIDATION", syntax);
        refusedWith("VALIDATION", graphql.execute("{ noSuchField }"));
        refusedWith("VALIDATION", graphql.execute(CREATE, Map.of("input", Map.of("key", "x"))));
    }

    @Test
    void a_query_deeper_than_the_limit_is_refused() {
        String deep = "{ __schema { types { fields { type" + " { ofType".repeat(12) + " { name }"
                + " }".repeat(12) + " } } } }";
        refusedWith("VALIDATION", graphql.execute(deep));
    }

    @Test
    void an_unauthenticated_request_is_refused_with_401_and_unauthenticated() {
        GraphQl.Response anonymous = graphql.anonymous().execute("{ projects { key } }");
        assertThat(anonymous.status()).isEqualTo(401);
        refusedWith("UNAUTHENTICATED", anonymous);
        GraphQl.Response wrongPassword = GraphQl.at("http://localhost:" + port, "admin", "wrong")
                .execute("mutation { createProject(input: {key: \"intruder\", name: \"x\"}) { project { key } } }");
        assertThat(wrongPassword.status()).isEqualTo(401);
        refusedWith("UNAUTHENTICATED", wrongPassword);
    }

    @Test
    void a_request_body_over_the_limit_is_refused_before_parsing() throws Exception {
        String huge = "{\"query\":\"{ projects { key } }\",\"variables\":{\"x\":\"" + "a".repeat(300_000) + "\"}}";
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/graphql"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(huge)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(eventCount()).isEqualTo(eventsBefore);
    }

    @Test
    void everything_but_health_is_closed_to_anonymous_callers() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String path : List.of("/actuator/prometheus", "/actuator/metrics", "/anything"))
            assertThat(http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).as(path).isEqualTo(401);
        assertThat(http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }

    @Test
    void an_admin_reads_prometheus_metrics_and_the_graphiql_page_is_served_in_the_local_profile() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes());
        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/actuator/prometheus")).header("Authorization", basic).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes");
        HttpResponse<String> graphiql = http.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/graphiql")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(graphiql.statusCode()).as("GraphiQL page or its redirect").isIn(200, 302, 307);
    }
}
