package dev.flagledger.server.approval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flagledger.server.support.GraphQl;
import dev.flagledger.server.support.ServerSpec;
import dev.flagledger.server.support.TestTokens;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 12, acceptance 4: the compliance report over a seeded period, its signature, PDF and chain head. */
public abstract class ComplianceSpec extends ApprovalSupport {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void a_report_over_a_seeded_period_lists_exactly_the_expected_changes_signed_and_tied_to_the_chain_head()
            throws Exception {
        createBooleanFlag("audited");
        createBooleanFlag("unprotected");
        // Before the protection: a production change that is not reported.
        assertThat(toggle("audited", "production", true, 0, "before protection").ok()).isTrue();
        protect("production", 1, Map.of("breakGlassRole", "sre-oncall"));
        Instant from = Instant.now().minusSeconds(60);
        TestTokens bob = editor("Bob Editor");
        TestTokens ann = approver("Ann Approver");
        // 1. Through approval, with a ticket.
        String approved = toggleAs(as(bob), "audited", "production", false, 1).data("toggleFlag.changeRequest.id").asText();
        GraphQl.Response described = as(bob).execute("""
                mutation($input: DescribeChangeRequestInput!) { describeChangeRequest(input: $input) { changeRequest { ticket } } }""",
                Map.of("input", Map.of("projectKey", project, "environment", "production", "id", approved,
                        "title", "Turn audited off", "ticket", "JIRA-77")));
        assertThat(described.ok()).as(described.body().toString()).isTrue();
        assertThat(review(as(ann), "approveChangeRequest", "production", approved, "fine")
                .data("approveChangeRequest.changeRequest.status").asText()).isEqualTo("APPLIED");
        // 2. Break glass.
        TestTokens olga = editor("Olga Oncall").realmRole("sre-oncall");
        String glass = toggleAs(as(olga), "audited", "production", true, flagVersion("audited"))
                .data("toggleFlag.changeRequest.id").asText();
        assertThat(as(olga).execute("""
                mutation($input: ApplyChangeRequestInput!) { applyChangeRequest(input: $input) { changeRequest { status } } }""",
                Map.of("input", Map.of("projectKey", project, "environment", "production", "id", glass, "breakGlass", true)))
                .data("applyChangeRequest.changeRequest.status").asText()).isEqualTo("APPLIED");
        // 3. An unprotected environment: not reported.
        assertThat(toggle("unprotected", "staging", true, 0, null).ok()).isTrue();
        Instant to = Instant.now().plusSeconds(60);
        awaitAuditHead();

        JsonNode report = graphql.execute("""
                query($p: String!, $from: DateTime!, $to: DateTime!) { complianceReport(projectKey: $p, from: $from, to: $to) {
                  changes { environment subjectKey eventType fields authorSubject approvers reason ticket throughApproval breakGlass changeRequestId }
                  breakGlass { environment subjectKey eventType authorSubject approvers throughApproval breakGlass changeRequestId }
                  chainHeadPosition chainHeadHash signature keyId publicKey bodySha256 } }""",
                Map.of("p", project, "from", from.toString(), "to", to.toString())).data("complianceReport");

        assertThat(report.path("changes")).hasSize(1);
        JsonNode change = report.path("changes").get(0);
        assertThat(change.path("environment").asText()).isEqualTo("production");
        assertThat(change.path("subjectKey").asText()).isEqualTo("audited");
        assertThat(change.path("eventType").asText()).isEqualTo("FlagToggled");
        assertThat(change.path("fields").asText()).isEqualTo("environments.production.enabled");
        assertThat(change.path("authorSubject").asText()).isEqualTo(bob.subject());
        assertThat(change.path("approvers").asText()).contains("Ann Approver", ann.subject());
        assertThat(change.path("reason").asText()).isEqualTo("ship it (JIRA-7)");
        assertThat(change.path("ticket").asText()).isEqualTo("JIRA-77");
        assertThat(change.path("throughApproval").asBoolean()).isTrue();
        assertThat(change.path("changeRequestId").asText()).isEqualTo(approved);
        // The report's ticket is the audit trail's: the applied change carries the request's ticket, which its
        // author set after opening it, in its own metadata.
        JsonNode underTicket = graphql.execute("""
                query($p: String!) { auditTrail(filter: {projectKey: $p, ticket: "JIRA-77"}) {
                  edges { node { eventType subjectKey ticket } } } }""", Map.of("p", project)).data("auditTrail.edges");
        assertThat(underTicket).hasSize(1);
        assertThat(underTicket.get(0).path("node").path("eventType").asText()).isEqualTo("FlagToggled");
        assertThat(underTicket.get(0).path("node").path("subjectKey").asText()).isEqualTo("audited");
        assertThat(report.path("breakGlass")).hasSize(1);
        JsonNode broken = report.path("breakGlass").get(0);
        assertThat(broken.path("authorSubject").asText()).isEqualTo(olga.subject());
        assertThat(broken.path("throughApproval").asBoolean()).isFalse();
        assertThat(broken.path("breakGlass").asBoolean()).isTrue();
        assertThat(broken.path("changeRequestId").asText()).isEqualTo(glass);

        String head = auditHeadHash();
        assertThat(report.path("chainHeadHash").asText()).isEqualTo(head);
        assertThat(graphql.execute("{ verifyAuditChain { valid } }").data("verifyAuditChain.valid").asBoolean()).isTrue();

        // The CSV: the signature verifies with the published key over every byte before its last line.
        byte[] csv = download("csv", from, to);
        String text = new String(csv, StandardCharsets.UTF_8);
        int lastLine = text.lastIndexOf("\r\n", text.length() - 3) + 2;
        String[] signatureRow = text.substring(lastLine).trim().split(",");
        assertThat(signatureRow[0]).isEqualTo("signature");
        assertThat(signatureRow[1]).isEqualTo("Ed25519");
        byte[] body = Arrays.copyOf(csv, text.substring(0, lastLine).getBytes(StandardCharsets.UTF_8).length);
        assertThat(verifies(publicKey(), body, Base64.getDecoder().decode(signatureRow[3]))).isTrue();
        byte[] tampered = text.substring(0, lastLine).replace("JIRA-77", "JIRA-78").getBytes(StandardCharsets.UTF_8);
        assertThat(verifies(publicKey(), tampered, Base64.getDecoder().decode(signatureRow[3]))).isFalse();
        assertThat(text).contains("chain-head,").contains(head).contains("break-glass,").contains("JIRA-77");
        assertThat(text.lines().filter(line -> line.startsWith("change,") || line.startsWith("break-glass,")).count())
                .isEqualTo(2);

        // The PDF renders (pdftoppm) and carries the chain head's hash (pdftotext).
        Path dir = Files.createTempDirectory("compliance");
        Path pdf = dir.resolve("report.pdf");
        Files.write(pdf, download("pdf", from, to));
        run(dir, "pdftoppm", "-png", "-r", "60", pdf.toString(), dir.resolve("page").toString());
        try (var pages = Files.list(dir)) {
            List<Path> png = pages.filter(path -> path.toString().endsWith(".png")).toList();
            assertThat(png).isNotEmpty();
            assertThat(Files.size(png.get(0))).isGreaterThan(2_000);
        }
        run(dir, "pdftotext", "-layout", pdf.toString(), dir.resolve("report.txt").toString());
        String pdfText = Files.readString(dir.resolve("report.txt"));
        assertThat(pdfText).contains(head).contains("JIRA-77").contains("Break-glass changes");
    }

    private void awaitAuditHead() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            Long head = jdbc.queryForObject("select max(globalindex) from domainevententry", Long.class);
            Long audited = jdbc.queryForObject("select max(position) from audit_entry", Long.class);
            if (head != null && head.equals(audited)) return;
            Thread.sleep(100);
        }
        throw new AssertionError("the audit trail did not catch up");
    }

    private String auditHeadHash() {
        return jdbc.queryForObject("select hash from audit_entry order by position desc limit 1", String.class);
    }

    private byte[] download(String format, Instant from, Instant to) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/compliance/report?projectKey=" + project + "&from=" + from + "&to=" + to + "&format=" + format))
                .header("Authorization", basic()).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        return response.body();
    }

    private PublicKey publicKey() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/api/compliance/signing-key")).header("Authorization", basic()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        byte[] der = Base64.getMimeDecoder().decode(response.body().replaceAll("-----[A-Z ]+-----", "").trim());
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
    }

    private static boolean verifies(PublicKey key, byte[] body, byte[] signature) throws Exception {
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(key);
        verifier.update(body);
        return verifier.verify(signature);
    }

    private static String basic() {
        return "Basic " + Base64.getEncoder().encodeToString(("admin:" + ServerSpec.PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    private static void run(Path dir, String... command) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException missing) {
            throw new AssertionError(command[0] + " is missing: run scripts/ensure-poppler.sh (Debian's poppler-utils)", missing);
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(command[0] + " finished").isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(command[0] + ": " + output).isZero();
    }
}
