package dev.flagledger.server.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flagledger.projections.audit.export.ExportVerifier;
import dev.flagledger.server.support.ServerSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The auditors' export, streamed over HTTP, and the offline verifier that checks an exported file. */
public abstract class AuditExportSpec extends ServerSpec {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    @TempDir
    Path directory;

    @Test
    void a_json_lines_export_verifies_offline_and_an_altered_payload_is_named() throws Exception {
        Instant from = Instant.now();
        String flagId = createBooleanFlag("exported").path("id").asText();
        // As the CLI's apply sends it: with the files' commit and a ticket, which the export shows.
        assertThat(graphql.withHeaders(Map.of("X-Flagledger-Vcs-Commit", "abc1234", "X-Flagledger-Ticket", "OPS-7"))
                .execute("mutation($input: ToggleFlagInput!) { toggleFlag(input: $input) { flag { version } } }",
                        Map.of("input", Map.of("projectKey", project, "key", "exported", "environment", "production",
                                "enabled", true, "expectedVersion", 0, "reason", "launch"))).ok()).isTrue();
        AuditSupport.awaitCaughtUp(graphql);
        Instant to = Instant.now();

        HttpResponse<String> response = export("jsonl", from, to, true);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/x-ndjson");
        List<String> lines = response.body().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(JSON.readTree(lines.get(1)).path("reason").asText()).isEqualTo("launch");
        assertThat(JSON.readTree(lines.get(1)).path("vcsCommit").asText()).isEqualTo("abc1234");
        assertThat(JSON.readTree(lines.get(1)).path("ticket").asText()).isEqualTo("OPS-7");
        assertThat(JSON.readTree(lines.get(0)).path("ticket").isNull()).isTrue();
        assertThat(verify("audit.jsonl", String.join("\n", lines))).startsWith("OK: 2 entries");
        // The ticket is a reading of the hashed metadata: edited alone, it is refused.
        assertThat(verify("ticket.jsonl", lines.get(0) + "\n" + lines.get(1).replace("\"OPS-7\"", "\"OPS-8\"")))
                .startsWith("BROKEN:").contains("ticket");

        ObjectNode toggled = (ObjectNode) JSON.readTree(lines.get(1));
        assertThat(toggled.path("aggregateId").asText()).isEqualTo(flagId);
        String payload = new String(Base64.getDecoder().decode(toggled.path("payload").asText()), StandardCharsets.UTF_8);
        toggled.put("payload", Base64.getEncoder().encodeToString(payload.replace("\"enabled\":true", "\"enabled\":false")
                .getBytes(StandardCharsets.UTF_8)));
        assertThat(verify("altered.jsonl", lines.get(0) + "\n" + JSON.writeValueAsString(toggled)))
                .startsWith("BROKEN: entry at position " + toggled.path("position").asText());
    }

    @Test
    void a_csv_export_verifies_offline_and_a_reason_edited_without_its_metadata_is_refused() throws Exception {
        Instant from = Instant.now();
        createBooleanFlag("csv");
        assertThat(toggle("csv", "production", true, 0, "needs, quoting \"here\"").ok()).isTrue();
        AuditSupport.awaitCaughtUp(graphql);

        HttpResponse<String> response = export("csv", from, null, true);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("position,eventId,");
        assertThat(response.body()).contains("\"needs, quoting \"\"here\"\"\"");
        assertThat(verify("audit.csv", response.body())).startsWith("OK: 2 entries");
        assertThat(verify("edited.csv", response.body().replace("\"needs, quoting \"\"here\"\"\"", "approved")))
                .startsWith("BROKEN:").contains("reason");
    }

    @Test
    void only_admins_may_export_and_a_bad_format_is_a_problem() throws Exception {
        assertThat(export("jsonl", null, null, false).statusCode()).isEqualTo(401);
        HttpResponse<String> bad = export("xml", null, null, true);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
    }

    private HttpResponse<String> export(String format, Instant from, Instant to, boolean admin) throws Exception {
        StringBuilder query = new StringBuilder("?format=" + format);
        if (from != null) query.append("&from=").append(from);
        if (to != null) query.append("&to=").append(to);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/audit/export" + query));
        if (admin) request.header("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        return HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Runs the offline verifier on a file with this content; answers what it printed. */
    private String verify(String name, String content) throws IOException {
        Path file = directory.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = ExportVerifier.run(file, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        assertThat(status).as(printed).isEqualTo(printed.startsWith("OK") ? 0 : 1);
        return printed;
    }
}
