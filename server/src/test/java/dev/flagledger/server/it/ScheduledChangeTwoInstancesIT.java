package dev.flagledger.server.it;

import dev.flagledger.server.support.EmbeddedPostgresServer;
import dev.flagledger.server.support.GraphQl;
import dev.flagledger.server.support.ServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two server instances on one PostgreSQL, both dispatching: every change due at the same instant is
 * applied exactly once, counted in the event store itself.
 */
class ScheduledChangeTwoInstancesIT {
    private static final String PASSWORD = "two-instances-password";
    private static final int FLAGS = 4;

    @Test
    void changes_due_at_the_same_instant_are_applied_once_each_with_two_instances_dispatching(@TempDir Path home)
            throws Exception {
        String jdbcUrl = EmbeddedPostgresServer.newDatabase("schedule_two");
        Map<String, String> env = Map.of("FLAGLEDGER_ADMIN_PASSWORD", PASSWORD, "SPRING_PROFILES_ACTIVE", "postgres",
                "FLAGLEDGER_JDBC_URL", jdbcUrl, "FLAGLEDGER_JDBC_USER", "postgres",
                "FLAGLEDGER_JDBC_PASSWORD", "postgres");
        // One after the other, so only one of them runs the migrations.
        try (ServerProcess first = ServerProcess.start(home.resolve("a"), ServerProcess.freePort(), env);
             ServerProcess second = ServerProcess.start(home.resolve("b"), ServerProcess.freePort(), env)) {
            GraphQl a = GraphQl.at(first.baseUrl(), "admin", PASSWORD);
            GraphQl b = GraphQl.at(second.baseUrl(), "admin", PASSWORD);
            assertThat(a.execute("mutation { createProject(input: {key: \"shop\", name: \"Shop\"}) { project { key } } }")
                    .ok()).isTrue();
            for (int i = 0; i < FLAGS; i++) {
                GraphQl.Response created = (i % 2 == 0 ? a : b).execute("mutation($key: String!) { createFlag(input:"
                        + " {projectKey: \"shop\", key: $key, name: \"Flag\", valueType: BOOLEAN}) { flag { version } } }",
                        Map.of("key", "f" + i));
                assertThat(created.ok()).as(created.body().toString()).isTrue();
            }
            // Well beyond the dispatchers' 5 s safety poll, so both have armed a timer for the same instant.
            Instant due = Instant.now().plusSeconds(20);
            List<String> schedules = new ArrayList<>();
            for (int i = 0; i < FLAGS; i++) {
                GraphQl.Response scheduled = (i % 2 == 0 ? a : b).execute("""
                        mutation($key: String!, $at: DateTime!) { scheduleFlagChange(input: {projectKey: "shop",
                          key: $key, environment: "staging", at: $at, change: {toggle: {enabled: true}},
                          expectedVersion: 0}) { schedule { id } } }""", Map.of("key", "f" + i, "at", due.toString()));
                assertThat(scheduled.ok()).as(scheduled.body().toString()).isTrue();
                schedules.add(scheduled.data("scheduleFlagChange.schedule.id").asText());
            }
            assertThat(Instant.now()).as("all scheduled well before they are due").isBefore(due.minusSeconds(5));
            while (Instant.now().isBefore(due.plusSeconds(10))) Thread.sleep(200);

            Map<String, Integer> applied = countPerSchedule(jdbcUrl, "ScheduledFlagChangeApplied");
            Map<String, Integer> toggles = countPerAggregate(jdbcUrl, "FlagToggled");
            String logA = first.log();
            String logB = second.log();
            long sentByA = schedules.stream().filter(id -> logA.contains("sent scheduled change " + id)).count();
            long sentByB = schedules.stream().filter(id -> logB.contains("sent scheduled change " + id)).count();
            System.out.println("TWO_INSTANCES applied=" + applied + " toggles=" + toggles.values()
                    + " sentByA=" + sentByA + " sentByB=" + sentByB);
            for (String schedule : schedules)
                assertThat(applied.getOrDefault(schedule, 0)).as("applications of " + schedule).isEqualTo(1);
            assertThat(applied).hasSize(FLAGS);
            assertThat(toggles).hasSize(FLAGS).allSatisfy((flag, count) -> assertThat(count).isEqualTo(1));
            // Both instances really did send them: exactly-once came from the store, not from one idle node.
            assertThat(sentByA).as("instance A dispatched").isPositive();
            assertThat(sentByB).as("instance B dispatched").isPositive();
            for (int i = 0; i < FLAGS; i++)
                assertThat(b.execute("query($key: String!) { flag(projectKey: \"shop\", key: $key) {"
                        + " environment(key: \"staging\") { enabled } } }", Map.of("key", "f" + i))
                        .data("flag.environment.enabled").asBoolean()).isTrue();
        }
    }

    private static Map<String, Integer> countPerSchedule(String jdbcUrl, String type) throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        for (String payload : payloads(jdbcUrl, type)) {
            var matcher = java.util.regex.Pattern.compile("\"scheduleId\"\\s*:\\s*\"([^\"]+)\"").matcher(payload);
            assertThat(matcher.find()).as(payload).isTrue();
            counts.merge(matcher.group(1), 1, Integer::sum);
        }
        return counts;
    }

    private static Map<String, Integer> countPerAggregate(String jdbcUrl, String type) throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        try (Connection store = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
             var query = store.prepareStatement("select aggregateidentifier from domainevententry where payloadtype = ?")) {
            query.setString(1, "dev.flagledger.domain.flag." + type);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) counts.merge(rows.getString(1), 1, Integer::sum);
            }
        }
        return counts;
    }

    private static List<String> payloads(String jdbcUrl, String type) throws Exception {
        List<String> payloads = new ArrayList<>();
        try (Connection store = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
             var query = store.prepareStatement("select payload from domainevententry where payloadtype = ?")) {
            query.setString(1, "dev.flagledger.domain.flag." + type);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) payloads.add(new String(rows.getBytes(1), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return payloads;
    }
}
