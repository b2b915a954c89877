package dev.flagledger.server.token;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flagledger.server.support.GraphQl;
import dev.flagledger.server.support.ServerSpec;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * API tokens: issued once, hashed, scoped like grants, revocable, and the actor of what they change.
 * Run on both stores ({@code ApiTokenOnH2Test}, {@code ApiTokenOnPostgresTest}).
 */
public abstract class ApiTokenSpec extends ServerSpec {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CREATE = """
            mutation($input: CreateApiTokenInput!) {
              createApiToken(input: $input) { secret token { id name role projectKey environment displayPrefix revoked createdBy { subject name } } }
            }""";

    private JsonNode create(GraphQl as, String name, String role, String projectKey, String environment) {
        Map<String, Object> input = new HashMap<>(Map.of("name", name, "role", role, "reason", "test"));
        if (projectKey != null) input.put("projectKey", projectKey);
        if (environment != null) input.put("environment", environment);
        GraphQl.Response response = as.execute(CREATE, Map.of("input", input));
        assertThat(response.ok()).as(response.body().toString()).isTrue();
        return response.data("createApiToken");
    }

    private GraphQl bearer(String secret) {
        return GraphQl.withBearer("http://localhost:" + port, secret);
    }

    private GraphQl.Response createFlag(GraphQl as, String key) {
        return as.execute("mutation($p: String!, $k: String!) { createFlag(input: {projectKey: $p, key: $k, name: \"F\", valueType: BOOLEAN}) { flag { id key } } }",
                Map.of("p", project, "k", key));
    }

    /** The metadata of a flag's first event, as stored (read by the flag's id: no store-specific SQL). */
    private JsonNode creationMetadata(String flagId) throws Exception {
        byte[] metadata = jdbc.queryForObject("select metadata from domainevententry where aggregateidentifier = ?"
                + " and sequencenumber = 0", byte[].class, flagId);
        return JSON.readTree(metadata);
    }

    @Test
    void an_editor_token_changes_its_project_and_the_events_name_the_token_on_behalf_of_its_creator() throws Exception {
        JsonNode issued = create(graphql, "ci deploy", "EDITOR", project, null);
        String secret = issued.path("secret").asText();
        assertThat(secret).startsWith("fl_").hasSizeGreaterThan(40);
        assertThat(issued.path("token").path("displayPrefix").asText()).startsWith("fl_").endsWith("…");
        assertThat(issued.path("token").path("createdBy").path("subject").asText()).isEqualTo("local:admin");
        String tokenId = issued.path("token").path("id").asText();

        GraphQl.Response made = createFlag(bearer(secret), "made-by-token");
        assertThat(made.ok()).as(made.body().toString()).isTrue();

        JsonNode metadata = creationMetadata(made.data("createFlag.flag.id").asText());
        assertThat(metadata.path("actorSubject").asText()).isEqualTo("token:" + tokenId);
        assertThat(metadata.path("actorName").asText()).isEqualTo("ci deploy");
        assertThat(metadata.path("actorAuthentication").asText()).isEqualTo("api-token");
        assertThat(metadata.path("actorOnBehalfOfSubject").asText()).isEqualTo("local:admin");
        // Only the hash is stored: the secret appears in no event (payload or metadata; bytes compared in
        // Java, as PostgreSQL's bytea has no text LIKE).
        List<Long> withSecret = new ArrayList<>();
        jdbc.query("select globalindex, payload, metadata from domainevententry", rs -> {
            if (contains(rs.getBytes("payload"), secret) || contains(rs.getBytes("metadata"), secret))
                withSecret.add(rs.getLong("globalindex"));
        });
        assertThat(withSecret).isEmpty();
    }

    @Test
    void a_token_can_do_only_what_its_one_grant_allows() {
        String secret = create(graphql, "staging bot", "EDITOR", project, "staging").path("secret").asText();
        createBooleanFlag("gated");
        GraphQl bot = bearer(secret);
        GraphQl.Response staging = bot.execute("mutation($p: String!) { toggleFlag(input: {projectKey: $p, key: \"gated\", environment: \"staging\", enabled: true, expectedVersion: 0}) { flag { version } } }",
                Map.of("p", project));
        assertThat(staging.ok()).as(staging.body().toString()).isTrue();
        GraphQl.Response production = bot.execute("mutation($p: String!) { toggleFlag(input: {projectKey: $p, key: \"gated\", environment: \"production\", enabled: true, expectedVersion: 1, reason: \"x\"}) { flag { version } } }",
                Map.of("p", project));
        assertThat(production.errorCode()).isEqualTo("FORBIDDEN");
        assertThat(bot.execute("mutation { createProject(input: {key: \"nope-token\", name: \"N\"}) { project { key } } }").errorCode())
                .isEqualTo("FORBIDDEN");
        // Project admins issue tokens for their own project only; a token cannot mint a global one.
        assertThat(bot.execute(CREATE, Map.of("input", Map.of("name", "x", "role", "ADMIN"))).errorCode()).isEqualTo("FORBIDDEN");
    }

    @Test
    void a_revoked_an_expired_or_an_unknown_token_is_unauthenticated_and_writes_nothing() throws Exception {
        JsonNode issued = create(graphql, "short-lived", "ADMIN", project, null);
        String secret = issued.path("secret").asText();
        assertThat(createFlag(bearer(secret), "before-revoke").ok()).isTrue();
        GraphQl.Response revoked = graphql.execute("mutation($input: RevokeApiTokenInput!) { revokeApiToken(input: $input) { token { revoked } } }",
                Map.of("input", Map.of("id", issued.path("token").path("id").asText(), "projectKey", project, "reason", "done")));
        assertThat(revoked.data("revokeApiToken.token.revoked").asBoolean()).isTrue();

        long events = eventCount();
        GraphQl.Response refused = createFlag(bearer(secret), "after-revoke");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.errorCode()).isEqualTo("UNAUTHENTICATED");
        assertThat(createFlag(bearer("fl_not-a-token-we-issued"), "unknown").status()).isEqualTo(401);
        assertThat(eventCount()).isEqualTo(events);

        // A token may be given an expiry; past it, it is refused like a revoked one.
        GraphQl.Response soon = graphql.execute(CREATE, Map.of("input", Map.of("name", "expiring", "role", "VIEWER",
                "projectKey", project, "expiresAt", OffsetDateTime.now().plusSeconds(2).toString())));
        String expiring = soon.data("createApiToken.secret").asText();
        assertThat(bearer(expiring).execute("{ projects { key } }").ok()).isTrue();
        long deadline = System.nanoTime() + 20_000_000_000L;
        int status = 200;
        while (status != 401 && System.nanoTime() < deadline) {
            Thread.sleep(250);
            status = bearer(expiring).execute("{ projects { key } }").status();
        }
        assertThat(status).isEqualTo(401);
    }

    @Test
    void tokens_are_listed_without_secrets_and_their_issue_is_in_the_audit_trail() {
        String id = create(graphql, "listed", "VIEWER", project, null).path("token").path("id").asText();
        GraphQl.Response list = graphql.execute("query($p: String) { apiTokens(projectKey: $p) { id name role revoked } }",
                Map.of("p", project));
        assertThat(list.data("apiTokens").toString()).contains(id, "VIEWER").doesNotContain("fl_");
        GraphQl.Response audit = graphql.execute("query($p: String) { auditTrail(filter: {projectKey: $p, eventTypes: [\"ApiTokenCreated\"]}) { edges { node { subjectKind subjectKey actor { subject } } } } }",
                Map.of("p", project));
        JsonNode node = audit.data("auditTrail.edges").get(0).path("node");
        assertThat(node.path("subjectKind").asText()).isEqualTo("API_TOKEN");
        assertThat(node.path("subjectKey").asText()).isEqualTo(id);
    }

    @Test
    void the_vcs_commit_and_ticket_headers_land_in_the_event_metadata() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes()))
                .header("X-Flagledger-Origin", "cli")
                .header("X-Flagledger-Vcs-Commit", "0123456789abcdef0123456789abcdef01234567")
                .header("X-Flagledger-Ticket", "OPS-42")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("query",
                        "mutation($p: String!) { createFlag(input: {projectKey: $p, key: \"from-git\", name: \"G\", valueType: BOOLEAN}) { flag { id } } }",
                        "variables", Map.of("p", project))))).build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode metadata = creationMetadata(JSON.readTree(response.body()).path("data").path("createFlag").path("flag")
                .path("id").asText());
        assertThat(metadata.path("vcsCommit").asText()).isEqualTo("0123456789abcdef0123456789abcdef01234567");
        assertThat(metadata.path("ticket").asText()).isEqualTo("OPS-42");
        assertThat(metadata.path("origin").asText()).isEqualTo("cli");
    }

    private static boolean contains(byte[] stored, String text) {
        return stored != null && new String(stored, StandardCharsets.UTF_8).contains(text);
    }
}
