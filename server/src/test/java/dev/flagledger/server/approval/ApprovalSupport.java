package dev.flagledger.server.approval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flagledger.server.support.GraphQl;
import dev.flagledger.server.support.ServerSpec;
import dev.flagledger.server.support.TestTokens;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What the approval and promotion specs share: people with tokens, protection, and change request calls. */
abstract class ApprovalSupport extends ServerSpec {
    static final String REQUEST_FIELDS = """
            id environment kind title ticket status reason author { subject name } breakGlass failure
            requiredApprovals approvals { subject name comment } rejection { subject comment }
            appliedBy { subject } applyAt appliedAt version
            commands { commandType aggregateType subjectKey basedOnVersion summary }
            diff { subjectKind subjectKey field before after }""";

    GraphQl as(TestTokens user) {
        return GraphQl.withBearer("http://localhost:" + port, user.signed());
    }

    TestTokens editor(String name) {
        return TestTokens.user(name).realmRole("flagledger:editor:" + project);
    }

    TestTokens approver(String name) {
        return TestTokens.user(name).realmRole("flagledger:approver:" + project);
    }

    long projectVersion() {
        return graphql.execute("query($key: String!) { project(key: $key) { version } }", Map.of("key", project))
                .data("project.version").asLong();
    }

    void protect(String environment, int approvals, Map<String, Object> more) {
        Map<String, Object> protection = new HashMap<>(Map.of("requiredApprovals", approvals));
        protection.putAll(more);
        GraphQl.Response response = graphql.execute("""
                mutation($input: SetEnvironmentProtectionInput!) {
                  setEnvironmentProtection(input: $input) { project { protections { environment requiredApprovals } } }
                }""", Map.of("input", Map.of("projectKey", project, "environment", environment, "protection", protection,
                "expectedVersion", projectVersion(), "reason", "protect " + environment)));
        if (!response.ok()) throw new AssertionError("could not protect: " + response.body());
    }

    long flagVersion(String key) {
        return graphql.execute("query($p: String!, $k: String!) { flag(projectKey: $p, key: $k) { version } }",
                Map.of("p", project, "k", key)).data("flag.version").asLong();
    }

    boolean enabled(String key, String environment) {
        return graphql.execute("query($p: String!, $k: String!, $e: String!) { flag(projectKey: $p, key: $k) {"
                        + " environment(key: $e) { enabled } } }", Map.of("p", project, "k", key, "e", environment))
                .data("flag.environment.enabled").asBoolean();
    }

    GraphQl.Response toggleAs(GraphQl client, String key, String environment, boolean enabled, long version) {
        return client.execute("""
                mutation($input: ToggleFlagInput!) {
                  toggleFlag(input: $input) { flag { version } changeRequest { %s } }
                }""".formatted(REQUEST_FIELDS), Map.of("input", Map.of("projectKey", project, "key", key,
                "environment", environment, "enabled", enabled, "expectedVersion", version, "reason", "ship it (JIRA-7)")));
    }

    GraphQl.Response review(GraphQl client, String mutation, String environment, String id, String comment) {
        Map<String, Object> input = new HashMap<>(Map.of("projectKey", project, "environment", environment, "id", id));
        if (comment != null) input.put("comment", comment);
        return client.execute("mutation($input: ReviewChangeRequestInput!) { %s(input: $input) { changeRequest { %s } } }"
                .formatted(mutation, REQUEST_FIELDS), Map.of("input", input));
    }

    JsonNode request(String id) {
        return graphql.execute("query($p: String!, $id: ID!) { changeRequest(projectKey: $p, id: $id) { %s } }"
                .formatted(REQUEST_FIELDS), Map.of("p", project, "id", id)).data("changeRequest");
    }

    JsonNode awaitStatus(String id, String status, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode request = request(id);
        while (!request.path("status").asText().equals(status) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            request = request(id);
        }
        return request;
    }

    /** The metadata of the events of one type stored for an aggregate, as JSON text. */
    List<String> storedMetadata(String aggregateId, String payloadType) {
        return jdbc.query("select metadata from domainevententry where aggregateidentifier = ? and payloadtype like ?"
                        + " order by sequencenumber", (rs, row) -> new String(rs.getBytes(1), java.nio.charset.StandardCharsets.UTF_8),
                aggregateId, "%." + payloadType);
    }

    /** The audit trail is a tracking projection: waits (bounded) until it has recorded the event. */
    void awaitAudited(String aggregateId, String eventType) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            Long count = jdbc.queryForObject("select count(*) from audit_entry where aggregate_id = ? and event_type = ?",
                    Long.class, aggregateId, eventType);
            if (count != null && count > 0) return;
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("the audit trail did not record " + eventType + " of " + aggregateId);
    }
}
