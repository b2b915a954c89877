package dev.flagledger.server.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flagledger.privacy.keys.Keyring;
import dev.flagledger.projections.audit.export.ExportVerifier;
import dev.flagledger.server.support.ServerSpec;
import dev.flagledger.server.support.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.TestPropertySource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server with encryption at rest on (a keyring from configuration): every stored event row is
 * sealed, and everything built on the store still works: the API, time travel, the audit chain, and
 * the export, which verifies offline without the key and checks its readings with the key file.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = {
        "spring.datasource.url=jdbc:h2:mem:flagledger-encrypted;DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000",
        "flagledger.encryption.keys=" + EncryptedServerOnH2Test.KEYS,
        "FLAGLEDGER_ADMIN_PASSWORD=" + ServerSpec.PASSWORD, TestTokens.ISSUER_PROPERTY, TestTokens.AUDIENCE_PROPERTY,
        TestTokens.KEY_PROPERTY})
class EncryptedServerOnH2Test extends ServerSpec {
    static final String KEYS = "2026a=AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE=,2026b=AgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgI=";
    @TempDir
    Path directory;

    @Test
    void with_encryption_on_rows_are_sealed_and_the_api_time_travel_chain_and_export_all_work() throws Exception {
        Instant from = Instant.now();
        String flagId = createBooleanFlag("sealed-flag").path("id").asText();
        assertThat(toggle("sealed-flag", "production", true, 0, "launch-at-rest").ok()).isTrue();
        Instant launched = Instant.now();

        for (Map<String, Object> row : jdbc.queryForList("select payload, metadata from domainevententry where"
                + " aggregateidentifier = ?", flagId))
            for (Object column : row.values()) {
                assertThat(Keyring.keyIdOf((byte[]) column)).contains("2026b");
                assertThat(new String((byte[]) column, StandardCharsets.ISO_8859_1)).doesNotContain("sealed-flag")
                        .doesNotContain("launch-at-rest");
            }
        JsonNode asOf = graphql.execute("query($p: String!, $at: DateTime!) { flagAsOf(projectKey: $p, key: \"sealed-flag\","
                + " at: $at) { environment(key: \"production\") { enabled } } }", Map.of("p", project, "at", launched.toString()))
                .data("flagAsOf");
        assertThat(asOf.path("environment").path("enabled").asBoolean()).isTrue();
        awaitAuditCaughtUp();
        assertThat(graphql.execute("{ verifyAuditChain { valid } }").data("verifyAuditChain.valid").asBoolean()).isTrue();

        String export = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                                + "/api/audit/export?format=jsonl&from=" + from))
                        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD)
                                .getBytes(StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(export.lines().count()).isEqualTo(2);
        Path keys = directory.resolve("keys");
        Files.writeString(keys, String.join("\n", KEYS.split(",")));

        assertThat(verify(export, null)).startsWith("OK: 2 entries").contains("encrypted at rest; their readings were not checked");
        assertThat(verify(export, keys)).startsWith("OK: 2 entries").doesNotContain("encrypted at rest");
        String edited = export.replace("\"reason\":\"launch-at-rest\"", "\"reason\":\"approved\"");
        assertThat(edited).isNotEqualTo(export);
        assertThat(verify(edited, keys)).as("with the keys an edited reading is caught").startsWith("BROKEN:").contains("reason");
    }

    private String verify(String content, Path keys) throws Exception {
        Path file = directory.resolve("audit-" + System.nanoTime() + ".jsonl");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExportVerifier.run(file, keys, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    private void awaitAuditCaughtUp() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode model : graphql.execute("{ readModels { name position headPosition } }").data("readModels"))
                if (model.path("name").asText().equals("audit-trail")
                        && model.path("position").asLong() == model.path("headPosition").asLong()) return;
            Thread.sleep(50);
        }
        throw new AssertionError("the audit trail did not catch up");
    }
}
