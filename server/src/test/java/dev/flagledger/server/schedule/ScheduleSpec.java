package dev.flagledger.server.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flagledger.server.support.GraphQl;
import dev.flagledger.server.support.ServerSpec;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Scheduled flag changes through the API, applied by the server's dispatcher in real time. */
public abstract class ScheduleSpec extends ServerSpec {
    static final String SCHEDULE_FIELDS = """
            id flagKey environment dueAt kind summary status reason scheduledAt resolvedAt delayMillis failure
            scheduledBy { subject name } cancelledBy { subject }
            change { enabled defaultServe { variation rollout { weights { variation weight } } } targeting { targets { variation keys } } }""";

    @Test
    void a_scheduled_toggle_fires_within_one_second_of_its_time() {
        long version = createBooleanFlag("launch").path("version").asLong();
        Instant due = Instant.now().plusMillis(1500);
        JsonNode schedule = schedule("launch", "staging", due, Map.of("toggle", Map.of("enabled", true)), version,
                "launch at noon").path("schedule");
        assertThat(schedule.path("status").asText()).isEqualTo("PENDING");
        assertThat(schedule.path("kind").asText()).isEqualTo("TOGGLE");
        assertThat(schedule.path("summary").asText()).isEqualTo("turn on");
        assertThat(enabled("launch", "staging")).isFalse();

        JsonNode applied = awaitStatus(schedule.path("id").asText(), "APPLIED", Duration.ofSeconds(6));
        Instant toggledAt = Instant.parse(auditEntries("launch", "FlagToggled").get(0).path("occurredAt").asText());
        long lateMillis = Duration.between(due, toggledAt).toMillis();
        System.out.println("SCHEDULE_LATENCY_MS=" + lateMillis + " (recorded delayMillis="
                + applied.path("delayMillis").asLong() + ")");
        assertThat(lateMillis).as("the toggle's event is stored at or after its due time").isGreaterThanOrEqualTo(0);
        assertThat(lateMillis).as("the toggle's event is stored within one second of its due time").isLessThan(1000);
        assertThat(applied.path("delayMillis").asLong()).isBetween(0L, 999L);
        assertThat(enabled("launch", "staging")).isTrue();
        assertThat(enabled("launch", "production")).isFalse();
    }

    @Test
    void the_applied_change_names_the_scheduler_as_origin_and_the_user_who_scheduled_it() {
        long version = createBooleanFlag("audited").path("version").asLong();
        String id = schedule("audited", "staging", Instant.now().plusMillis(800),
                Map.of("toggle", Map.of("enabled", true)), version, "launch at noon").path("schedule").path("id").asText();
        awaitStatus(id, "APPLIED", Duration.ofSeconds(6));

        JsonNode applied = awaitAudit("audited", "ScheduledFlagChangeApplied");
        assertThat(applied.path("origin").asText()).isEqualTo("scheduler");
        assertThat(applied.path("actor").path("subject").asText()).isEqualTo("system:scheduler");
        assertThat(applied.path("scheduledBy").path("subject").asText()).isEqualTo("local:admin");
        assertThat(applied.path("reason").asText()).isEqualTo("launch at noon");
        assertThat(applied.path("correlationId").asText()).isEqualTo("schedule:" + id);
        assertThat(applied.path("environment").asText()).isEqualTo("staging");
        Map<String, JsonNode> changes = changes(applied);
        assertThat(changes).containsOnlyKeys("schedules." + id + ".status", "schedules." + id + ".appliedAt",
                "schedules." + id + ".delayMillis");
        assertThat(changes.get("schedules." + id + ".status").path("before").asText()).isEqualTo("PENDING");
        assertThat(changes.get("schedules." + id + ".status").path("after").asText()).isEqualTo("APPLIED");
        assertThat(changes.get("schedules." + id + ".delayMillis").path("after").asLong()).isGreaterThanOrEqualTo(0);

        JsonNode toggled = awaitAudit("audited", "FlagToggled");
        assertThat(toggled.path("origin").asText()).isEqualTo("scheduler");
        assertThat(toggled.path("scheduledBy").path("name").asText()).isNotBlank();
        assertThat(toggled.path("reason").asText()).isEqualTo("launch at noon");
        assertThat(changes(toggled)).containsOnlyKeys("environments.staging.enabled");

        JsonNode scheduled = awaitAudit("audited", "FlagChangeScheduled");
        assertThat(scheduled.path("origin").asText()).isNotEqualTo("scheduler");
        assertThat(scheduled.path("actor").path("subject").asText()).isEqualTo("local:admin");
        assertThat(scheduled.path("scheduledBy").isNull()).isTrue();
    }

    @Test
    void time_travel_shows_the_flag_before_and_after_a_scheduled_change_was_applied() {
        long version = createBooleanFlag("travelled").path("version").asLong();
        Instant due = Instant.now().plusMillis(800);
        String id = schedule("travelled", "staging", due, Map.of("toggle", Map.of("enabled", true)), version, null)
                .path("schedule").path("id").asText();
        Instant appliedAt = Instant.parse(awaitStatus(id, "APPLIED", Duration.ofSeconds(6)).path("resolvedAt").asText());
        assertThat(enabledAsOf("travelled", due.minusMillis(100))).isFalse();
        assertThat(enabledAsOf("travelled", appliedAt.plusSeconds(1))).isTrue();
    }

    @Test
    void a_cancelled_change_never_fires() throws InterruptedException {
        long version = createBooleanFlag("cancelled").path("version").asLong();
        String id = schedule("cancelled", "staging", Instant.now().plusSeconds(3),
                Map.of("toggle", Map.of("enabled", true)), version, null).path("schedule").path("id").asText();
        JsonNode cancelled = cancel("cancelled", "staging", id, version + 1);
        assertThat(cancelled.path("schedule").path("status").asText()).isEqualTo("CANCELLED");
        assertThat(cancelled.path("schedule").path("cancelledBy").path("subject").asText()).isEqualTo("local:admin");
        Thread.sleep(4000);
        assertThat(enabled("cancelled", "staging")).isFalse();
        assertThat(list(Map.of("flagKey", "cancelled")).get(0).path("status").asText()).isEqualTo("CANCELLED");
        assertThat(auditEntries("cancelled", "ScheduledFlagChangeApplied")).isEmpty();
    }

    @Test
    void the_list_shows_pending_applied_and_cancelled_changes_by_due_time() {
        long version = createBooleanFlag("listed").path("version").asLong();
        String cancelled = schedule("listed", "production", Instant.now().plus(Duration.ofHours(1)),
                Map.of("toggle", Map.of("enabled", true)), version++, null).path("schedule").path("id").asText();
        String pending = schedule("listed", "development", Instant.now().plus(Duration.ofHours(2)),
                Map.of("defaultServe", Map.of("variation", "off")), version++, null).path("schedule").path("id").asText();
        cancel("listed", "production", cancelled, version++);
        // Scheduled last: once it fires, the flag's version moves on.
        String applied = schedule("listed", "staging", Instant.now().plusMillis(700),
                Map.of("toggle", Map.of("enabled", true)), version, null).path("schedule").path("id").asText();
        awaitStatus(applied, "APPLIED", Duration.ofSeconds(6));

        assertThat(list(Map.of("flagKey", "listed"))).extracting(node -> node.path("id").asText())
                .containsExactly(applied, cancelled, pending);
        assertThat(list(Map.of("flagKey", "listed", "status", "PENDING"))).extracting(node -> node.path("id").asText())
                .containsExactly(pending);
        assertThat(list(Map.of("flagKey", "listed", "environment", "production")))
                .extracting(node -> node.path("status").asText()).containsExactly("CANCELLED");
        JsonNode pendingNode = list(Map.of("status", "PENDING", "flagKey", "listed")).get(0);
        assertThat(pendingNode.path("kind").asText()).isEqualTo("DEFAULT_SERVE");
        assertThat(pendingNode.path("change").path("defaultServe").path("variation").asText()).isEqualTo("off");

        JsonNode firstPage = graphql.execute("""
                query($project: String!) { scheduledFlagChanges(projectKey: $project, flagKey: "listed", first: 2) {
                  edges { node { id } } pageInfo { hasNextPage endCursor } } }""", Map.of("project", project))
                .data("scheduledFlagChanges");
        assertThat(firstPage.path("pageInfo").path("hasNextPage").asBoolean()).isTrue();
        JsonNode secondPage = graphql.execute("""
                query($project: String!, $after: String) { scheduledFlagChanges(projectKey: $project, flagKey: "listed",
                  first: 2, after: $after) { edges { node { id } } pageInfo { hasNextPage } } }""",
                Map.of("project", project, "after", firstPage.path("pageInfo").path("endCursor").asText()))
                .data("scheduledFlagChanges");
        assertThat(secondPage.path("edges").get(0).path("node").path("id").asText()).isEqualTo(pending);
        assertThat(secondPage.path("pageInfo").path("hasNextPage").asBoolean()).isFalse();
    }

    @Test
    void a_default_rollout_and_a_whole_targeting_are_applied_when_due() {
        long version = createBooleanFlag("serving").path("version").asLong();
        Map<String, Object> rollout = Map.of("rollout", Map.of("weights", List.of(
                Map.of("variation", "on", "weight", 25_000), Map.of("variation", "off", "weight", 75_000))));
        // Both are scheduled before either is due (due moves the version), with room for a slow machine.
        Instant due = Instant.now().plusSeconds(3);
        String first = schedule("serving", "staging", due, Map.of("defaultServe", rollout),
                version, null).path("schedule").path("id").asText();
        String second = schedule("serving", "production", due.plusMillis(200), Map.of("targeting",
                        Map.of("targets", List.of(Map.of("variation", "on", "keys", List.of("alice"))))), version + 1,
                null).path("schedule").path("id").asText();
        awaitStatus(first, "APPLIED", Duration.ofSeconds(10));
        awaitStatus(second, "APPLIED", Duration.ofSeconds(10));
        JsonNode flag = graphql.execute("""
                query($project: String!) { flag(projectKey: $project, key: "serving") {
                  staging: environment(key: "staging") { targeting { fallthroughRollout { weights { variation weight } } } }
                  production: environment(key: "production") { targeting { targets { variation keys } } } } }""",
                Map.of("project", project)).data("flag");
        assertThat(flag.path("staging").path("targeting").path("fallthroughRollout").path("weights").get(0)
                .path("weight").asInt()).isEqualTo(25_000);
        assertThat(flag.path("production").path("targeting").path("targets").get(0).path("keys").get(0).asText())
                .isEqualTo("alice");
    }

    @Test
    void a_change_that_became_invalid_is_recorded_as_failed_with_its_reason() {
        long version = createBooleanFlag("doomed").path("version").asLong();
        String id = schedule("doomed", "staging", Instant.now().plusSeconds(3),
                Map.of("toggle", Map.of("enabled", true)), version, null).path("schedule").path("id").asText();
        assertThat(graphql.execute("""
                mutation($input: FlagLifecycleInput!) { archiveFlag(input: $input) { flag { archived } } }""",
                Map.of("input", Map.of("projectKey", project, "key", "doomed", "expectedVersion", version + 1,
                        "reason", "retired"))).ok()).isTrue();
        JsonNode failed = awaitStatus(id, "FAILED", Duration.ofSeconds(10));
        assertThat(failed.path("failure").asText()).contains("archived");
        assertThat(enabled("doomed", "staging")).isFalse();
    }

    @Test
    void invalid_schedules_are_validation_errors_and_write_nothing() {
        long version = createBooleanFlag("invalid").path("version").asLong();
        long before = eventCount();
        Instant later = Instant.now().plus(Duration.ofHours(1));
        assertThat(scheduleResponse("invalid", "staging", Instant.now().minusSeconds(5),
                Map.of("toggle", Map.of("enabled", true)), version).errorCode()).isEqualTo("VALIDATION");
        assertThat(scheduleResponse("invalid", "staging", Instant.now().plus(Duration.ofDays(400)),
                Map.of("toggle", Map.of("enabled", true)), version).errorCode()).isEqualTo("VALIDATION");
        assertThat(scheduleResponse("invalid", "staging", later,
                Map.of("defaultServe", Map.of("variation", "blue")), version).errorCode()).isEqualTo("VALIDATION");
        assertThat(scheduleResponse("invalid", "staging", later, Map.of("toggle", Map.of("enabled", true),
                "defaultServe", Map.of("variation", "on")), version).errorCode()).isEqualTo("VALIDATION");
        assertThat(scheduleResponse("invalid", "staging", later, Map.of(), version).errorCode())
                .isEqualTo("VALIDATION");
        assertThat(scheduleResponse("invalid", "staging", later, Map.of("defaultServe", Map.of("rollout", Map.of(
                "weights", List.of(Map.of("variation", "on", "weight", 10))))), version).errorCode())
                .isEqualTo("VALIDATION");
        assertThat(scheduleResponse("invalid", "nowhere", later, Map.of("toggle", Map.of("enabled", true)), version)
                .errorCode()).isEqualTo("NOT_FOUND");
        assertThat(graphql.execute("""
                mutation($input: CancelScheduledFlagChangeInput!) { cancelScheduledFlagChange(input: $input) {
                  schedule { id } } }""", Map.of("input", Map.of("projectKey", project, "key", "invalid",
                "environment", "staging", "scheduleId", "no-such-schedule", "expectedVersion", version))).errorCode()).isEqualTo("NOT_FOUND");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void a_stale_expected_version_is_a_conflict_and_writes_nothing() {
        long version = createBooleanFlag("stale").path("version").asLong();
        assertThat(toggle("stale", "development", true, version, null).ok()).isTrue();
        long before = eventCount();
        GraphQl.Response stale = scheduleResponse("stale", "staging", Instant.now().plus(Duration.ofHours(1)),
                Map.of("toggle", Map.of("enabled", true)), version);
        assertThat(stale.errorCode()).isEqualTo("CONFLICT");
        assertThat(eventCount()).isEqualTo(before);
        assertThat(list(Map.of("flagKey", "stale"))).isEmpty();
    }

    // --- helpers ---------------------------------------------------------------------------------------

    JsonNode schedule(String flag, String environment, Instant at, Map<String, Object> change, long expectedVersion,
                      String reason) {
        GraphQl.Response response = scheduleResponse(flag, environment, at, change, expectedVersion, reason);
        assertThat(response.ok()).as(response.body().toString()).isTrue();
        return response.data("scheduleFlagChange");
    }

    private GraphQl.Response scheduleResponse(String flag, String environment, Instant at, Map<String, Object> change,
                                              long expectedVersion) {
        return scheduleResponse(flag, environment, at, change, expectedVersion, null);
    }

    private GraphQl.Response scheduleResponse(String flag, String environment, Instant at, Map<String, Object> change,
                                              long expectedVersion, String reason) {
        Map<String, Object> input = new HashMap<>(Map.of("projectKey", project, "key", flag, "environment", environment,
                "at", at.toString(), "change", change, "expectedVersion", expectedVersion));
        // Production requires a reason (the default project's policy); every schedule here gives one.
        input.put("reason", reason == null ? "scheduled by a spec" : reason);
        return graphql.execute("""
                mutation($input: ScheduleFlagChangeInput!) { scheduleFlagChange(input: $input) {
                  schedule { %s } flag { version } } }""".formatted(SCHEDULE_FIELDS), Map.of("input", input));
    }

    private JsonNode cancel(String flag, String environment, String scheduleId, long expectedVersion) {
        GraphQl.Response response = graphql.execute("""
                mutation($input: CancelScheduledFlagChangeInput!) { cancelScheduledFlagChange(input: $input) {
                  schedule { %s } flag { version } } }""".formatted(SCHEDULE_FIELDS), Map.of("input", Map.of(
                "projectKey", project, "key", flag, "environment", environment, "scheduleId", scheduleId,
                "expectedVersion", expectedVersion, "reason", "not needed after all")));
        assertThat(response.ok()).as(response.body().toString()).isTrue();
        return response.data("cancelScheduledFlagChange");
    }

    List<JsonNode> list(Map<String, Object> arguments) {
        Map<String, Object> variables = new HashMap<>(arguments);
        variables.put("project", project);
        GraphQl.Response response = graphql.execute("""
                query($project: String!, $flagKey: String, $environment: String, $status: ScheduleStatus) {
                  scheduledFlagChanges(projectKey: $project, flagKey: $flagKey, environment: $environment,
                                       status: $status) { edges { node { %s } } } }""".formatted(SCHEDULE_FIELDS),
                variables);
        assertThat(response.ok()).as(response.body().toString()).isTrue();
        List<JsonNode> nodes = new ArrayList<>();
        response.data("scheduledFlagChanges.edges").forEach(edge -> nodes.add(edge.path("node")));
        return nodes;
    }

    JsonNode awaitStatus(String scheduleId, String status, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode found = null;
        while (System.nanoTime() < deadline) {
            for (JsonNode node : list(Map.of()))
                if (node.path("id").asText().equals(scheduleId)) found = node;
            if (found != null && found.path("status").asText().equals(status)) return found;
            pause(20);
        }
        throw new AssertionError("schedule " + scheduleId + " did not become " + status + ": " + found);
    }

    boolean enabled(String flag, String environment) {
        return graphql.execute("""
                query($project: String!, $key: String!, $environment: String!) { flag(projectKey: $project, key: $key) {
                  environment(key: $environment) { enabled } } }""",
                Map.of("project", project, "key", flag, "environment", environment))
                .data("flag.environment.enabled").asBoolean();
    }

    private boolean enabledAsOf(String flag, Instant at) {
        GraphQl.Response response = graphql.execute("""
                query($project: String!, $key: String!, $at: DateTime!) { flagAsOf(projectKey: $project, key: $key,
                  at: $at) { environment(key: "staging") { enabled } } }""",
                Map.of("project", project, "key", flag, "at", at.toString()));
        assertThat(response.ok()).as(response.body().toString()).isTrue();
        return response.data("flagAsOf.environment.enabled").asBoolean();
    }

    List<JsonNode> auditEntries(String flag, String eventType) {
        GraphQl.Response response = graphql.execute("""
                query($filter: AuditFilter) { auditTrail(filter: $filter, first: 100) { edges { node {
                  eventType occurredAt origin reason correlationId environment
                  actor { subject name } scheduledBy { subject name } changes { field before after } } } } }""",
                Map.of("filter", Map.of("projectKey", project, "flagKey", flag, "eventTypes", List.of(eventType))));
        assertThat(response.ok()).as(response.body().toString()).isTrue();
        List<JsonNode> nodes = new ArrayList<>();
        response.data("auditTrail.edges").forEach(edge -> nodes.add(edge.path("node")));
        return nodes;
    }

    private JsonNode awaitAudit(String flag, String eventType) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            List<JsonNode> entries = auditEntries(flag, eventType);
            if (!entries.isEmpty()) return entries.get(0);
            pause(50);
        }
        throw new AssertionError("no " + eventType + " audit entry for " + flag);
    }

    private static Map<String, JsonNode> changes(JsonNode entry) {
        Map<String, JsonNode> changes = new HashMap<>();
        entry.path("changes").forEach(change -> changes.put(change.path("field").asText(), change));
        return changes;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
