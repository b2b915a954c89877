package dev.flagledger.server.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flagledger.server.support.GraphQl;
import dev.flagledger.server.support.ServerSpec;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Tamper evidence: the chain recomputed from the event store's rows, and the first row that differs. */
public abstract class AuditChainSpec extends ServerSpec {

    @Test
    void the_chain_verifies_after_normal_operation() throws Exception {
        createBooleanFlag("chained");
        assertThat(toggle("chained", "staging", true, 0, null).ok()).isTrue();
        AuditSupport.awaitCaughtUp(graphql);
        JsonNode report = verify(null, null);
        assertThat(report.path("valid").asBoolean()).as(report.toString()).isTrue();
        assertThat(report.path("checked").asLong()).isEqualTo(eventCount());
        assertThat(report.path("firstMismatch").isNull()).isTrue();
    }

    @Test
    void the_chain_verifies_after_a_rebuild_and_every_hash_is_recomputed_identically() throws Exception {
        createBooleanFlag("rechained");
        AuditSupport.awaitCaughtUp(graphql);
        var hashes = jdbc.queryForList("select position, hash, previous_hash from audit_entry order by position");

        AuditSupport.rebuild(graphql);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!jdbc.queryForList("select position, hash, previous_hash from audit_entry order by position").equals(hashes)
                && System.nanoTime() < deadline) Thread.sleep(50);
        assertThat(jdbc.queryForList("select position, hash, previous_hash from audit_entry order by position"))
                .isEqualTo(hashes);
        assertThat(verify(null, null).path("valid").asBoolean()).isTrue();
    }

    @Test
    void an_event_row_altered_in_the_database_is_named_by_verification() throws Exception {
        String flagId = createBooleanFlag("tampered").path("id").asText();
        assertThat(toggle("tampered", "staging", true, 0, null).ok()).isTrue();
        assertThat(toggle("tampered", "staging", false, 1, null).ok()).isTrue();
        AuditSupport.awaitCaughtUp(graphql);
        Map<String, Object> toggled = jdbc.queryForMap("select globalindex, eventidentifier, payload from domainevententry"
                + " where aggregateidentifier = ? and sequencenumber = 1", flagId);
        long position = ((Number) toggled.get("globalindex")).longValue();
        byte[] original = (byte[]) toggled.get("payload");
        String payload = new String(original, StandardCharsets.UTF_8);
        assertThat(payload).contains("\"enabled\":true");

        jdbc.update("update domainevententry set payload = ? where globalindex = ?",
                payload.replace("\"enabled\":true", "\"enabled\":false").getBytes(StandardCharsets.UTF_8), position);
        try {
            JsonNode report = verify(null, null);
            assertThat(report.path("valid").asBoolean()).isFalse();
            JsonNode mismatch = report.path("firstMismatch");
            assertThat(mismatch.path("position").asLong()).isEqualTo(position);
            assertThat(mismatch.path("eventId").asText()).isEqualTo(toggled.get("eventidentifier"));
            assertThat(mismatch.path("problem").asText()).contains("differs");
            assertThat(mismatch.path("expectedHash").asText()).isNotEqualTo(mismatch.path("recordedHash").asText());
            // A range that ends before the altered row is still intact.
            assertThat(verify(null, Long.toString(position - 1)).path("valid").asBoolean()).isTrue();
        } finally {
            jdbc.update("update domainevententry set payload = ? where globalindex = ?", original, position);
        }
        assertThat(verify(null, null).path("valid").asBoolean()).isTrue();
    }

    @Test
    void a_deleted_audit_entry_is_reported_as_an_event_without_entry() throws Exception {
        createBooleanFlag("unrecorded");
        assertThat(toggle("unrecorded", "staging", true, 0, null).ok()).isTrue();
        AuditSupport.awaitCaughtUp(graphql);
        // An entry in the middle of the trail: the toggle after it still links to it.
        Map<String, Object> entry = jdbc.queryForMap("select * from audit_entry where project_key = ?"
                + " and event_type = 'FlagCreated'", project);
        long position = ((Number) entry.get("position")).longValue();
        long before = position - 1;
        jdbc.update("delete from audit_entry where position = ?", position);
        try {
            JsonNode mismatch = verify(null, null).path("firstMismatch");
            assertThat(mismatch.path("position").asLong()).isEqualTo(position);
            assertThat(mismatch.path("problem").asText()).contains("no entry");
        } finally {
            StringBuilder columns = new StringBuilder();
            StringBuilder marks = new StringBuilder();
            for (String column : entry.keySet()) {
                columns.append(columns.isEmpty() ? "" : ", ").append(column);
                marks.append(marks.isEmpty() ? "?" : ", ?");
            }
            jdbc.update("insert into audit_entry (" + columns + ") values (" + marks + ")", entry.values().toArray());
        }
        assertThat(verify(Long.toString(before), null).path("valid").asBoolean()).isTrue();
    }

    private JsonNode verify(String from, String to) {
        java.util.Map<String, Object> variables = new java.util.HashMap<>();
        if (from != null) variables.put("from", from);
        if (to != null) variables.put("to", to);
        GraphQl.Response response = graphql.execute("""
                query($from: String, $to: String) {
                  verifyAuditChain(from: $from, to: $to) {
                    valid checked firstMismatch { position eventId problem expectedHash recordedHash }
                  }
                }""", variables);
        assertThat(response.ok()).as(response.body().toString()).isTrue();
        return response.data("verifyAuditChain");
    }
}
