package dev.flagledger.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.flagledger.cli.Main;
import graphql.language.Document;
import graphql.parser.Parser;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.validation.ValidationError;
import graphql.validation.Validator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code flagledger stale} against an HTTP endpoint answering what the server's {@code staleFlags}
 * answers (its behaviour is StaleFlagsSpec's, on the real server); here: the query is valid against the
 * served schema files, pages are followed, and the table and JSON say what the report says.
 */
class StaleCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FIRST_PAGE = """
            {"data": {"staleFlags": {"asOf": "2026-03-12T12:00:00Z", "unevaluatedDays": 30, "totalCount": 2,
              "pageInfo": {"hasNextPage": true, "endCursor": "c1"},
              "edges": [{"node": {"key": "new-checkout", "name": "New checkout", "kind": "RELEASE", "expectedLifetimeDays": 40,
                "reasons": ["SERVES_ONE_VARIATION"], "servedVariation": "on", "servingOneVariationSince": "2026-01-30T12:00:00Z",
                "environments": [{"key": "production", "enabled": true, "servedVariation": "on"}],
                "lastEvaluatedAt": "2026-03-11T09:00:00Z",
                "recentExposures": [{"environment": "production", "variation": "on", "exposures": 12, "lastSeenAt": "2026-03-11T09:00:00Z"}],
                "lastChangedAt": "2026-01-30T12:00:00Z", "createdAt": "2026-01-02T12:00:00Z"}}]}}}""";
    private static final String SECOND_PAGE = """
            {"data": {"staleFlags": {"asOf": "2026-03-12T12:00:00Z", "unevaluatedDays": 30, "totalCount": 2,
              "pageInfo": {"hasNextPage": false, "endCursor": "c2"},
              "edges": [{"node": {"key": "old-banner", "name": "Old banner", "kind": "KILL_SWITCH", "expectedLifetimeDays": null,
                "reasons": ["NOT_EVALUATED"], "servedVariation": null, "servingOneVariationSince": null,
                "environments": [{"key": "production", "enabled": true, "servedVariation": null}],
                "lastEvaluatedAt": null, "recentExposures": [],
                "lastChangedAt": "2026-02-01T12:00:00Z", "createdAt": "2026-01-02T12:00:00Z"}}]}}}""";

    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) server.stop(0);
    }

    private String serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
        server.createContext("/graphql", exchange -> {
            JsonNode request = JSON.readTree(exchange.getRequestBody());
            requests.add(request);
            byte[] body = (request.path("variables").path("after").isNull() ? FIRST_PAGE : SECOND_PAGE)
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new String[] {String.valueOf(code), out.toString(), err.toString()};
    }

    @Test
    void the_query_is_valid_against_the_servers_schema() throws IOException {
        TypeDefinitionRegistry types = new TypeDefinitionRegistry();
        try (Stream<Path> files = Stream.concat(Files.list(Path.of("..", "graphql-api", "src", "main", "resources", "graphql")),
                Files.list(Path.of("..", "sdk-api", "src", "main", "resources", "graphql-sdk")))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".graphqls")).toList())
                types.merge(new SchemaParser().parse(Files.readString(file)));
        }
        GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(types, RuntimeWiring.MOCKED_WIRING);
        Document query = Parser.parse(StaleCommand.STALE_PAGE);
        List<ValidationError> errors = new Validator().validateDocument(schema, query, Locale.ROOT);
        assertThat(errors).isEmpty();
    }

    @Test
    void lists_every_page_as_a_table_that_says_why_in_short_words() throws IOException {
        String[] result = run("stale", "--server", serve(), "--password", "secret", "--project", "shop",
                "--unevaluated-days", "30");
        assertThat(result[0]).as(result[2]).isEqualTo("0");
        assertThat(result[1].lines().toList()).hasSize(3);
        assertThat(result[1]).contains("new-checkout").contains("release")
                .contains("serves on everywhere for 41 d (lifetime 40 d)").contains("1 d ago");
        assertThat(result[1]).contains("old-banner").contains("kill-switch")
                .contains("not evaluated for 69 d (never) (limit 30 d)").contains("never");
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0).path("variables").path("p").asText()).isEqualTo("shop");
        assertThat(requests.get(0).path("variables").path("days").asInt()).isEqualTo(30);
        assertThat(requests.get(1).path("variables").path("after").asText()).isEqualTo("c1");
    }

    @Test
    void json_output_is_the_report_with_all_its_evidence() throws IOException {
        String[] result = run("stale", "--server", serve(), "--password", "secret", "--project", "shop", "-o", "json");
        assertThat(result[0]).as(result[2]).isEqualTo("0");
        JsonNode report = JSON.readTree(result[1]);
        assertThat(report.path("asOf").asText()).isEqualTo("2026-03-12T12:00:00Z");
        assertThat(report.path("flags")).hasSize(2);
        assertThat(report.path("flags").get(0).path("recentExposures").get(0).path("exposures").asInt()).isEqualTo(12);
        assertThat(requests.get(0).path("variables").path("days").isNull()).as("the server's window").isTrue();
    }

    @Test
    void a_window_outside_one_to_3650_days_is_bad_input() {
        String[] result = run("stale", "--server", "http://127.0.0.1:1", "--password", "secret", "--project", "shop",
                "--unevaluated-days", "0");
        assertThat(result[0]).isEqualTo("2");
        assertThat(result[2]).contains("--unevaluated-days must be 1..3650");
    }
}
