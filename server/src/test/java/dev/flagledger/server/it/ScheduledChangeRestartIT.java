package dev.flagledger.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flagledger.server.support.GraphQl;
import dev.flagledger.server.support.ServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A change whose time passes while the server is down is applied when it starts, with the delay recorded. */
class ScheduledChangeRestartIT {
    private static final String PASSWORD = "schedule-admin-password";

    @Test
    void a_toggle_due_while_the_server_was_stopped_fires_at_start_and_records_the_delay(@TempDir Path home)
            throws Exception {
        int port = ServerProcess.freePort();
        Map<String, String> env = Map.of("FLAGLEDGER_ADMIN_PASSWORD", PASSWORD);
        Instant due;
        String scheduleId;
        try (ServerProcess server = ServerProcess.start(home, port, env)) {
            GraphQl graphql = GraphQl.at(server.baseUrl(), "admin", PASSWORD);
            assertThat(graphql.execute("mutation { createProject(input: {key: \"shop\", name: \"Shop\"}) { project { key } } }")
                    .ok()).isTrue();
            assertThat(graphql.execute("mutation { createFlag(input: {projectKey: \"shop\", key: \"sale\","
                    + " name: \"Sale\", valueType: BOOLEAN}) { flag { id } } }").ok()).isTrue();
            due = Instant.now().plusSeconds(8);
            GraphQl.Response scheduled = graphql.execute("""
                    mutation($at: DateTime!) { scheduleFlagChange(input: {projectKey: "shop", key: "sale",
                      environment: "staging", at: $at, change: {toggle: {enabled: true}}, expectedVersion: 0,
                      reason: "sale starts"}) { schedule { id status } } }""", Map.of("at", due.toString()));
            assertThat(scheduled.ok()).as(scheduled.body().toString()).isTrue();
            scheduleId = scheduled.data("scheduleFlagChange.schedule.id").asText();
        }
        Instant stopped = Instant.now();
        assertThat(stopped).as("the server must stop before the change is due").isBefore(due);
        while (Instant.now().isBefore(due.plusSeconds(3))) Thread.sleep(100);

        Instant restarting = Instant.now();
        try (ServerProcess restarted = ServerProcess.start(home, port, env)) {
            Instant healthy = Instant.now();
            GraphQl graphql = GraphQl.at(restarted.baseUrl(), "admin", PASSWORD);
            JsonNode schedule = awaitApplied(graphql, scheduleId);
            Instant observed = Instant.now();
            long delay = schedule.path("delayMillis").asLong();
            System.out.println("RESTART_DELAY_MS=" + delay + " downtime_past_due_ms="
                    + Duration.between(due, restarting).toMillis() + " applied_after_healthy_ms="
                    + Duration.between(healthy, observed).toMillis());
            assertThat(delay).as("the recorded delay covers the downtime past the due time")
                    .isGreaterThanOrEqualTo(Duration.between(due, restarting).toMillis());
            assertThat(Instant.parse(schedule.path("resolvedAt").asText()))
                    .as("applied by the startup sweep").isBefore(healthy.plusSeconds(10));
            assertThat(graphql.execute("{ flag(projectKey: \"shop\", key: \"sale\") { environment(key: \"staging\") {"
                    + " enabled } } }").data("flag.environment.enabled").asBoolean()).isTrue();

            JsonNode entry = awaitAuditEntry(graphql);
            assertThat(entry.path("origin").asText()).isEqualTo("scheduler");
            assertThat(entry.path("scheduledBy").path("subject").asText()).isEqualTo("local:admin");
            assertThat(entry.path("reason").asText()).isEqualTo("sale starts");
            for (JsonNode change : entry.path("changes"))
                if (change.path("field").asText().endsWith(".delayMillis"))
                    assertThat(change.path("after").asLong()).isEqualTo(delay);
        }
    }

    private static JsonNode awaitApplied(GraphQl graphql, String scheduleId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            for (JsonNode edge : graphql.execute("""
                    { scheduledFlagChanges(projectKey: "shop", flagKey: "sale") { edges { node {
                      id status delayMillis resolvedAt } } } }""").data("scheduledFlagChanges.edges"))
                if (edge.path("node").path("id").asText().equals(scheduleId)) last = edge.path("node");
            if (last != null && last.path("status").asText().equals("APPLIED")) return last;
            Thread.sleep(50);
        }
        throw new AssertionError("not applied after restart: " + last);
    }

    private static JsonNode awaitAuditEntry(GraphQl graphql) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode edges = graphql.execute("""
                    { auditTrail(filter: {projectKey: "shop", eventTypes: ["ScheduledFlagChangeApplied"]}) {
                      edges { node { origin reason scheduledBy { subject } changes { field after } } } } }""")
                    .data("auditTrail.edges");
            if (!edges.isEmpty()) return edges.get(0).path("node");
            Thread.sleep(100);
        }
        throw new AssertionError("no audit entry for the applied change");
    }
}
