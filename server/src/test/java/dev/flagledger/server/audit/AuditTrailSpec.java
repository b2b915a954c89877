package dev.flagledger.server.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flagledger.domain.segment.SegmentCreated;
import dev.flagledger.server.support.GraphQl;
import dev.flagledger.server.support.ServerSpec;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The audit trail: one entry per event, the exact fields each change touched, filters and paging. */
public abstract class AuditTrailSpec extends ServerSpec {
    static final String ENTRY_FIELDS = """
            position eventId eventType occurredAt reason origin correlationId vcsCommit ticket projectKey environment
            subjectKind subjectKey flagKey segmentKey aggregateId version hash previousHash
            actor { subject name authentication } changes { field before after }""";
    private static final ObjectMapper JSON = new ObjectMapper();
    private long lastSeen = -1;

    @Test
    void every_mutation_records_one_entry_whose_diff_names_exactly_the_fields_it_changed() {
        // The project itself was created by the base spec: its entry is the first of this project.
        JsonNode projectCreated = latest("ProjectCreated");
        assertThat(fields(projectCreated)).containsExactly("name", "description",
                "environments.development.name", "environments.development.requireReason",
                "environments.staging.name", "environments.staging.requireReason",
                "environments.production.name", "environments.production.requireReason");
        assertThat(projectCreated.path("actor").path("subject").asText()).isEqualTo("local:admin");

        mutate("addEnvironment", "AddEnvironmentInput", Map.of("projectKey", project, "key", "qa", "name", "QA",
                "expectedVersion", 0), "project { version }");
        assertThat(fields(latest("EnvironmentAdded"))).containsExactly("environments.qa.name",
                "environments.qa.requireReason");
        mutate("renameEnvironment", "RenameEnvironmentInput", Map.of("projectKey", project, "key", "qa",
                "name", "Quality", "expectedVersion", 1), "project { version }");
        assertChange(latest("EnvironmentRenamed"), "environments.qa.name", "\"QA\"", "\"Quality\"");
        mutate("setEnvironmentReasonPolicy", "SetEnvironmentReasonPolicyInput", Map.of("projectKey", project,
                "key", "qa", "requireReason", true, "expectedVersion", 2, "reason", "compliance"), "project { version }");
        JsonNode policy = latest("EnvironmentReasonPolicyChanged");
        assertChange(policy, "environments.qa.requireReason", "false", "true");
        assertThat(policy.path("reason").asText()).isEqualTo("compliance");
        assertThat(policy.path("environment").asText()).isEqualTo("qa");

        createBooleanFlag("checkout");
        JsonNode created = latest("FlagCreated");
        assertThat(fields(created)).containsExactlyInAnyOrder("name", "description", "tags", "valueType",
                "variations", "defaultVariation", "offVariation", "archived",
                "environments.development.enabled", "environments.development.defaultVariation",
                "environments.development.offVariation", "environments.staging.enabled",
                "environments.staging.defaultVariation", "environments.staging.offVariation",
                "environments.production.enabled", "environments.production.defaultVariation",
                "environments.production.offVariation", "environments.qa.enabled",
                "environments.qa.defaultVariation", "environments.qa.offVariation");
        assertThat(created.path("flagKey").asText()).isEqualTo("checkout");

        flagMutation("updateFlagDetails", "UpdateFlagDetailsInput", Map.of("name", "Checkout"), 0);
        assertChange(latest("FlagDetailsUpdated"), "name", "\"A flag\"", "\"Checkout\"");
        flagMutation("updateFlagDetails", "UpdateFlagDetailsInput", Map.of("name", "Checkout", "tags", List.of("web")), 1);
        assertChange(latest("FlagDetailsUpdated"), "tags", "[]", "[\"web\"]");

        flagMutation("setFlagVariations", "SetFlagVariationsInput", Map.of("variations", List.of(
                Map.of("key", "on", "value", true), Map.of("key", "off", "value", false, "name", "Off")), "reason", "clearer names"), 2);
        assertThat(fields(latest("FlagVariationsChanged"))).containsExactly("variations");

        flagMutation("toggleFlag", "ToggleFlagInput", Map.of("environment", "production", "enabled", true,
                "reason", "launch"), 3);
        JsonNode toggled = latest("FlagToggled");
        assertChange(toggled, "environments.production.enabled", "false", "true");
        assertThat(toggled.path("environment").asText()).isEqualTo("production");
        assertThat(toggled.path("reason").asText()).isEqualTo("launch");
        assertThat(toggled.path("version").asLong()).isEqualTo(4);

        flagMutation("setDefaultVariation", "SetEnvironmentVariationInput", Map.of("environment", "development",
                "variation", "off"), 4);
        assertChange(latest("FlagDefaultVariationChanged"), "environments.development.defaultVariation",
                "\"on\"", "\"off\"");
        flagMutation("setOffVariation", "SetEnvironmentVariationInput", Map.of("environment", "development",
                "variation", "on"), 5);
        assertChange(latest("FlagOffVariationChanged"), "environments.development.offVariation", "\"off\"", "\"on\"");
        flagMutation("setFlagTargeting", "SetFlagTargetingInput", Map.of("environment", "staging", "targeting",
                Map.of("targets", List.of(Map.of("variation", "on", "keys", List.of("bob"))))), 6);
        JsonNode targeted = latest("FlagTargetingChanged");
        assertThat(fields(targeted)).containsExactly("environments.staging.targeting");
        assertThat(targeted.path("changes").get(0).path("after").path("targets").get(0).path("keys").get(0).asText())
                .isEqualTo("bob");
        assertThat(targeted.path("changes").get(0).path("before").path("targets").size()).isZero();

        flagMutation("archiveFlag", "FlagLifecycleInput", Map.of("reason", "done"), 7);
        assertChange(latest("FlagArchived"), "archived", "false", "true");
        flagMutation("restoreFlag", "FlagLifecycleInput", Map.of("reason", "not done"), 8);
        assertChange(latest("FlagRestored"), "archived", "true", "false");

        GraphQl.Response scheduled = mutate("scheduleFlagChange", "ScheduleFlagChangeInput", Map.of("projectKey",
                project, "key", "checkout", "environment", "staging", "at", java.time.Instant.now().plus(
                        Duration.ofDays(1)).toString(), "change", Map.of("toggle", Map.of("enabled", true)),
                "expectedVersion", 9, "reason", "launch day"), "schedule { id }");
        String schedule = "schedules." + scheduled.data("scheduleFlagChange.schedule.id").asText() + ".";
        JsonNode scheduling = latest("FlagChangeScheduled");
        assertThat(fields(scheduling)).containsExactly(schedule + "environment", schedule + "dueAt",
                schedule + "change", schedule + "scheduledBy", schedule + "status");
        assertThat(scheduling.path("environment").asText()).isEqualTo("staging");
        mutate("cancelScheduledFlagChange", "CancelScheduledFlagChangeInput", Map.of("projectKey", project,
                "key", "checkout", "environment", "staging", "scheduleId", scheduled.data("scheduleFlagChange.schedule.id").asText(),
                "expectedVersion", 10), "schedule { status }");
        assertChange(latest("ScheduledFlagChangeCancelled"), schedule + "status", "\"PENDING\"", "\"CANCELLED\"");

        mutate("createSegment", "CreateSegmentInput", Map.of("projectKey", project, "key", "staff",
                "name", "Staff", "included", List.of("alice"), "reason", "staff only"), "segment { version }");
        JsonNode segment = latest("SegmentCreated");
        assertThat(fields(segment)).containsExactlyInAnyOrder("name", "description", "included", "excluded", "rules",
                "archived");
        assertThat(segment.path("segmentKey").asText()).isEqualTo("staff");
        mutate("updateSegment", "UpdateSegmentInput", Map.of("projectKey", project, "key", "staff",
                "name", "Staff", "included", List.of("alice", "bob"), "expectedVersion", 0, "reason", "bob joined"),
                "segment { version }");
        assertChange(latest("SegmentUpdated"), "included", "[\"alice\"]", "[\"alice\",\"bob\"]");
        mutate("archiveSegment", "ArchiveSegmentInput", Map.of("projectKey", project, "key", "staff",
                "expectedVersion", 1, "reason", "unused"), "segment { version }");
        assertChange(latest("SegmentArchived"), "archived", "false", "true");

        GraphQl.Response key = mutate("createSdkKey", "CreateSdkKeyInput", Map.of("projectKey", project,
                "environment", "staging", "kind", "SERVER", "name", "backend", "reason", "new service"),
                "key { id } secret");
        JsonNode issued = latest("SdkKeyCreated");
        assertThat(fields(issued)).containsExactlyInAnyOrder("kind", "name", "displayPrefix", "revoked");
        assertThat(issued.path("subjectKind").asText()).isEqualTo("SDK_KEY");
        assertThat(issued.toString()).doesNotContain(key.data("createSdkKey.secret").asText());
        mutate("revokeSdkKey", "RevokeSdkKeyInput", Map.of("projectKey", project, "environment", "staging",
                "id", key.data("createSdkKey.key.id").asText(), "reason", "leaked"), "key { revoked }");
        assertChange(latest("SdkKeyRevoked"), "revoked", "false", "true");
    }

    @Test
    void an_environment_added_after_a_flag_shows_the_implied_previous_values() {
        createBooleanFlag("late");
        mutate("addEnvironment", "AddEnvironmentInput", Map.of("projectKey", project, "key", "qa", "name", "QA",
                "expectedVersion", 0), "project { version }");
        latest("EnvironmentAdded");
        flagMutationOn("late", "toggleFlag", "ToggleFlagInput", Map.of("environment", "qa", "enabled", true), 0);
        assertChange(latest("FlagToggled"), "environments.qa.enabled", "false", "true");
    }

    @Test
    void entries_are_newest_first_filterable_and_cursors_survive_new_events() {
        createBooleanFlag("paged");
        for (int version = 0; version < 4; version++)
            assertThat(toggle("paged", "staging", version % 2 == 0, version, null).ok()).isTrue();
        latestMatching("FlagToggled", 4);
        JsonNode firstPage = page(Map.of("projectKey", project, "flagKey", "paged"), 2, null);
        List<Long> positions = positions(firstPage);
        assertThat(positions).hasSize(2);
        assertThat(positions.get(0)).isGreaterThan(positions.get(1));
        assertThat(firstPage.path("pageInfo").path("hasNextPage").asBoolean()).isTrue();

        // A new event arrives; the next page continues exactly where the first one ended.
        assertThat(toggle("paged", "production", true, 4, "go").ok()).isTrue();
        latestMatching("FlagToggled", 5);
        JsonNode secondPage = page(Map.of("projectKey", project, "flagKey", "paged"), 10, firstPage.path("pageInfo")
                .path("endCursor").asText());
        assertThat(secondPage.path("edges")).extracting(edge -> edge.path("node").path("eventType").asText())
                .containsExactly("FlagToggled", "FlagToggled", "FlagCreated");
        assertThat(positions(secondPage).get(0)).isLessThan(positions.get(1));

        assertThat(positions(page(Map.of("projectKey", project, "environment", "production"), 10, null))).hasSize(1);
        assertThat(positions(page(Map.of("projectKey", project, "eventTypes", List.of("FlagCreated", "ProjectCreated")),
                10, null))).hasSize(2);
        assertThat(positions(page(Map.of("projectKey", project, "actor", "someone-else"), 10, null))).isEmpty();
        assertThat(positions(page(Map.of("projectKey", project, "actor", "local:admin"), 10, null))).hasSize(7);
        String newest = page(Map.of("projectKey", project), 1, null).path("edges").get(0).path("node")
                .path("occurredAt").asText();
        assertThat(positions(page(Map.of("projectKey", project, "from", newest), 10, null))).hasSize(1);
        assertThat(positions(page(Map.of("projectKey", project, "to", newest), 10, null))).hasSize(6);
    }

    @Test
    void a_property_older_events_lack_is_no_change_when_a_new_event_says_null() throws Exception {
        // A segment created before rules had `bucketing`: its stored event has no such key.
        String segmentId = UUID.randomUUID().toString();
        String rule = "{\"id\":\"half\",\"clauses\":[{\"attribute\":\"country\",\"operator\":\"in\","
                + "\"values\":[\"DE\"],\"negate\":false}],\"weight\":50000,\"bucketBy\":null}";
        String payload = "{\"segmentId\":\"" + segmentId + "\",\"projectKey\":\"" + project + "\",\"segmentKey\":\"legacy\","
                + "\"definition\":{\"name\":\"Legacy\",\"description\":\"\",\"included\":[\"alice\"],\"excluded\":[],"
                + "\"rules\":[" + rule + "]}}";
        jdbc.update("insert into domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier, metadata,"
                        + " payload, payloadrevision, payloadtype, timestamp) values (?, 0, 'Segment', ?, ?, ?, null, ?, ?)",
                segmentId, UUID.randomUUID().toString(),
                "{\"actorSubject\":\"local:admin\",\"origin\":\"api\"}".getBytes(StandardCharsets.UTF_8),
                payload.getBytes(StandardCharsets.UTF_8), SegmentCreated.class.getName(), Instant.now().toString());
        latest("SegmentCreated");
        // The audit state the release before `bucketing` kept for it: its records had no such component, so
        // the rules it wrote lack the key (this release reads the old event with bucketing: null).
        String kept = jdbc.queryForObject("select state from audit_aggregate_state where aggregate_id = ?", String.class,
                segmentId);
        ObjectNode state = (ObjectNode) JSON.readTree(kept);
        state.path("rules").forEach(keptRule -> ((ObjectNode) keptRule).remove("bucketing"));
        assertThat(state.toString()).doesNotContain("bucketing");
        jdbc.update("update audit_aggregate_state set state = ? where aggregate_id = ?", state.toString(), segmentId);
        awaitSegment("legacy");

        // Renamed, rules as they were: the new event carries every rule with bucketing: null.
        mutate("updateSegment", "UpdateSegmentInput", Map.of("projectKey", project, "key", "legacy",
                "name", "Legacy cohort", "included", List.of("alice"), "rules", List.of(Map.of("id", "half",
                        "clauses", List.of(Map.of("attribute", "country", "operator", "in", "values", List.of("DE"))),
                        "weight", 50000)), "expectedVersion", 0, "reason", "clearer name"), "segment { version }");
        assertChange(latest("SegmentUpdated"), "name", "\"Legacy\"", "\"Legacy cohort\"");
    }

    @Test
    void the_commit_and_ticket_a_change_came_with_are_on_its_entry_and_the_trail_filters_by_ticket() {
        createBooleanFlag("from-git");
        JsonNode created = latest("FlagCreated");
        assertThat(created.path("vcsCommit").isNull()).isTrue();
        assertThat(created.path("ticket").isNull()).isTrue();
        String ticket = "OPS-" + project; // this spec's own, so the filter finds nothing else
        assertThat(fromCli(ticket).execute(TOGGLE, Map.of("input", Map.of("projectKey", project, "key", "from-git",
                "environment", "staging", "enabled", true, "expectedVersion", 0))).ok()).isTrue();
        JsonNode toggled = latest("FlagToggled");
        assertThat(toggled.path("vcsCommit").asText()).isEqualTo(COMMIT);
        assertThat(toggled.path("ticket").asText()).isEqualTo(ticket);
        assertThat(toggled.path("origin").asText()).isEqualTo("cli");

        // Every project's changes under one ticket, whoever made them.
        assertThat(positions(page(Map.of("ticket", ticket), 10, null)))
                .containsExactly(toggled.path("position").asLong());
        assertThat(positions(page(Map.of("projectKey", project, "ticket", "OPS-none"), 10, null))).isEmpty();
    }

    @Test
    void a_cursor_of_another_kind_is_refused() {
        GraphQl.Response response = graphql.execute("{ auditTrail(first: 1, after: \"ZmxhZzp4\") { edges { cursor } } }");
        assertThat(response.errorCode()).isEqualTo("VALIDATION");
    }

    @Test
    void the_trail_rebuilt_from_zero_equals_the_live_one_entry_for_entry() throws Exception {
        createBooleanFlag("rebuilt");
        assertThat(fromCli("OPS-" + project).execute(TOGGLE, Map.of("input", Map.of("projectKey", project,
                "key", "rebuilt", "environment", "production", "enabled", true, "expectedVersion", 0,
                "reason", "launch"))).ok()).isTrue();
        latest("FlagToggled");
        AuditSupport.awaitCaughtUp(graphql);
        List<Map<String, String>> before = AuditSupport.dump(jdbc);
        assertThat(before).isNotEmpty();
        // The columns read from the metadata are rebuilt too, not only the diff and the chain.
        assertThat(before).anySatisfy(row -> {
            assertThat(row.get("ticket")).isEqualTo("OPS-" + project);
            assertThat(row.get("vcs_commit")).isEqualTo(COMMIT);
        });

        AuditSupport.rebuild(graphql);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!AuditSupport.dump(jdbc).equals(before) && System.nanoTime() < deadline) Thread.sleep(50);
        assertThat(AuditSupport.dump(jdbc)).isEqualTo(before);
    }

    // --- helpers ---------------------------------------------------------------------------------------

    private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";
    private static final String TOGGLE = "mutation($input: ToggleFlagInput!) { toggleFlag(input: $input) { flag { version } } }";

    /** The admin as the CLI's apply calls: with the files' commit and a ticket. */
    private GraphQl fromCli(String ticket) {
        return graphql.withHeaders(Map.of("X-Flagledger-Origin", "cli", "X-Flagledger-Vcs-Commit", COMMIT,
                "X-Flagledger-Ticket", ticket));
    }

    private GraphQl.Response mutate(String mutation, String inputType, Map<String, Object> input, String selection) {
        Map<String, Object> values = new HashMap<>(input);
        GraphQl.Response response = graphql.execute("mutation($input: %s!) { %s(input: $input) { %s } }"
                .formatted(inputType, mutation, selection), Map.of("input", values));
        assertThat(response.ok()).as(mutation + ": " + response.body()).isTrue();
        return response;
    }

    private void flagMutation(String mutation, String inputType, Map<String, Object> input, long expectedVersion) {
        flagMutationOn("checkout", mutation, inputType, input, expectedVersion);
    }

    private void flagMutationOn(String flag, String mutation, String inputType, Map<String, Object> input,
                                long expectedVersion) {
        Map<String, Object> values = new HashMap<>(input);
        values.put("projectKey", project);
        values.put("key", flag);
        values.put("expectedVersion", expectedVersion);
        mutate(mutation, inputType, values, "flag { version }");
    }

    /** Waits until the segments read model lists a segment stored behind the API's back. */
    private void awaitSegment(String key) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (graphql.execute("query($p: String!, $k: String!) { segment(projectKey: $p, key: $k) { version } }",
                Map.of("p", project, "k", key)).body().path("data").path("segment").isNull()) {
            if (System.nanoTime() > deadline) throw new AssertionError("segment " + key + " was never readable");
            sleep();
        }
    }

    /** The project's newest entry, once it is of the type expected and newer than the last one seen. */
    private JsonNode latest(String eventType) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        JsonNode newest = null;
        while (System.nanoTime() < deadline) {
            JsonNode edges = page(Map.of("projectKey", project), 1, null).path("edges");
            newest = edges.isEmpty() ? null : edges.get(0).path("node");
            if (newest != null && newest.path("eventType").asText().equals(eventType)
                    && newest.path("position").asLong() > lastSeen) {
                lastSeen = newest.path("position").asLong();
                return newest;
            }
            sleep();
        }
        throw new AssertionError("no new " + eventType + " entry; newest is " + newest);
    }

    private void latestMatching(String eventType, int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (positions(page(Map.of("projectKey", project, "eventTypes", List.of(eventType)), 100, null)).size() == count)
                return;
            sleep();
        }
        throw new AssertionError("expected " + count + " " + eventType + " entries");
    }

    JsonNode page(Map<String, Object> filter, int first, String after) {
        Map<String, Object> variables = new HashMap<>(Map.of("filter", filter, "first", first));
        if (after != null) variables.put("after", after);
        GraphQl.Response response = graphql.execute("""
                query($filter: AuditFilter, $first: Int, $after: String) {
                  auditTrail(filter: $filter, first: $first, after: $after) {
                    edges { cursor node { %s } }
                    pageInfo { hasNextPage endCursor }
                  }
                }""".formatted(ENTRY_FIELDS), variables);
        assertThat(response.ok()).as(response.body().toString()).isTrue();
        return response.data("auditTrail");
    }

    private static List<Long> positions(JsonNode connection) {
        List<Long> positions = new ArrayList<>();
        for (JsonNode edge : connection.path("edges")) positions.add(edge.path("node").path("position").asLong());
        return positions;
    }

    private static List<String> fields(JsonNode entry) {
        List<String> fields = new ArrayList<>();
        for (JsonNode change : entry.path("changes")) fields.add(change.path("field").asText());
        return fields;
    }

    private static void assertChange(JsonNode entry, String field, String before, String after) {
        assertThat(fields(entry)).as(entry.toString()).containsExactly(field);
        JsonNode change = entry.path("changes").get(0);
        assertThat(change.path("before").toString()).isEqualTo(before);
        assertThat(change.path("after").toString()).isEqualTo(after);
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
