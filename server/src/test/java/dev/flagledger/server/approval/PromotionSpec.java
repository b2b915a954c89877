package dev.flagledger.server.approval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flagledger.server.support.GraphQl;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 12, acceptance 3 and 7 (promotion): flags and a segment from staging to production, as a change request. */
public abstract class PromotionSpec extends ApprovalSupport {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> FLAGS = List.of("beta-feature", "pro-feature", "dark-mode");
    private static final String PROMOTE = """
            mutation($input: PromoteFlagsInput!) { promoteFlags(input: $input) { changeRequest { %s } } }""";

    @Test
    void promoting_three_flags_and_a_segment_gives_the_expected_diff_and_once_approved_evaluates_identically() throws IOException {
        stageFlagsAndSegment();
        protect("production", 1, Map.of());
        String pendingSchedule = graphql.execute("""
                mutation($input: ScheduleFlagChangeInput!) { scheduleFlagChange(input: $input) { schedule { id } } }""",
                Map.of("input", Map.of("projectKey", project, "key", "beta-feature", "environment", "staging",
                        "at", Instant.now().plusSeconds(86_400).toString(), "change", Map.of("toggle", Map.of("enabled", false)),
                        "expectedVersion", flagVersion("beta-feature")))).data("scheduleFlagChange.schedule.id").asText();
        long productionVersion = flagVersion("pro-feature");

        GraphQl.Response response = as(editor("Pat Promoter")).execute(PROMOTE.formatted(REQUEST_FIELDS), Map.of("input",
                Map.of("projectKey", project, "from", "staging", "to", "production", "flagKeys", FLAGS,
                        "segments", List.of(Map.of("source", "testers-staging", "target", "testers-production", "promote", true)),
                        "ticket", "REL-42", "reason", "release 42")));

        assertThat(response.ok()).as(response.body().toString()).isTrue();
        JsonNode request = response.data("promoteFlags.changeRequest");
        assertThat(request.path("kind").asText()).isEqualTo("PROMOTION");
        assertThat(request.path("environment").asText()).isEqualTo("production");
        assertThat(request.path("ticket").asText()).isEqualTo("REL-42");
        assertThat(request.path("status").asText()).isEqualTo("OPEN");
        Set<String> lines = new LinkedHashSet<>();
        Map<String, JsonNode> byLine = new HashMap<>();
        request.path("diff").forEach(line -> {
            String key = line.path("subjectKind").asText() + " " + line.path("subjectKey").asText() + " " + line.path("field").asText();
            lines.add(key);
            byLine.put(key, line);
        });
        assertThat(lines).containsExactlyInAnyOrder(
                "SEGMENT testers-production name", "SEGMENT testers-production description",
                "SEGMENT testers-production included", "SEGMENT testers-production excluded",
                "SEGMENT testers-production rules", "SEGMENT testers-production archived",
                "FLAG beta-feature environments.production.enabled", "FLAG beta-feature environments.production.targeting",
                "FLAG pro-feature environments.production.enabled", "FLAG pro-feature environments.production.targeting",
                "FLAG dark-mode environments.production.enabled", "FLAG dark-mode environments.production.defaultVariation");
        JsonNode betaTargeting = byLine.get("FLAG beta-feature environments.production.targeting");
        assertThat(betaTargeting.path("after").asText()).contains("testers-production").doesNotContain("testers-staging");
        assertThat(byLine.get("FLAG dark-mode environments.production.defaultVariation").path("after").asText())
                .isEqualTo("\"off\"");
        assertThat(byLine.get("SEGMENT testers-production included").path("after").asText()).isEqualTo("[\"alice\",\"bob\"]");
        assertThat(request.path("commands")).hasSize(4);
        // Nothing changes before approval.
        assertThat(flagVersion("pro-feature")).isEqualTo(productionVersion);
        assertThat(enabled("beta-feature", "production")).isFalse();

        JsonNode applied = review(as(approver("Ann")), "approveChangeRequest", "production", request.path("id").asText(), null)
                .data("approveChangeRequest.changeRequest");
        assertThat(applied.path("status").asText()).isEqualTo("APPLIED");

        List<JsonNode> contexts = vectorContexts();
        assertThat(contexts).hasSizeGreaterThan(50);
        for (String flag : FLAGS) {
            List<JsonNode> staging = evaluate(flag, "staging", contexts);
            List<JsonNode> production = evaluate(flag, "production", contexts);
            for (int i = 0; i < contexts.size(); i++)
                assertThat(production.get(i)).as(flag + " on " + contexts.get(i)).isEqualTo(staging.get(i));
        }
        // Schedules stay where they were made.
        JsonNode productionSchedules = graphql.execute("""
                query($p: String!) { scheduledFlagChanges(projectKey: $p, environment: "production") { edges { node { id } } } }""",
                Map.of("p", project)).data("scheduledFlagChanges.edges");
        assertThat(productionSchedules).isEmpty();
        assertThat(pendingSchedule).isNotBlank();
    }

    @Test
    void promoting_to_the_same_environment_is_refused_and_opens_nothing() {
        stageFlagsAndSegment();
        long events = eventCount();
        Long requests = jdbc.queryForObject("select count(*) from change_request where project_key = ?", Long.class, project);

        GraphQl.Response response = as(editor("Pat")).execute(PROMOTE.formatted("id"), Map.of("input",
                Map.of("projectKey", project, "from", "staging", "to", "staging", "flagKeys", FLAGS)));

        assertThat(response.errorCode()).isEqualTo("VALIDATION");
        assertThat(eventCount()).isEqualTo(events);
        assertThat(jdbc.queryForObject("select count(*) from change_request where project_key = ?", Long.class, project))
                .isEqualTo(requests);
        assertThat(as(editor("Pat")).execute(PROMOTE.formatted("id"), Map.of("input", Map.of("projectKey", project,
                "from", "staging", "to", "production", "flagKeys", List.of("no-such-flag")))).errorCode()).isEqualTo("NOT_FOUND");
        assertThat(eventCount()).isEqualTo(events);
    }

    private void stageFlagsAndSegment() {
        GraphQl.Response segment = graphql.execute("""
                mutation($input: CreateSegmentInput!) { createSegment(input: $input) { segment { id } } }""",
                Map.of("input", Map.of("projectKey", project, "key", "testers-staging", "name", "Testers",
                        "included", List.of("alice", "bob"), "rules", List.of(Map.of("id", "staff", "clauses", List.of(
                                Map.of("attribute", "email", "operator", "endsWith", "values", List.of("@flagledger.dev"))))),
                        "reason", "testers")));
        assertThat(segment.ok()).as(segment.body().toString()).isTrue();
        for (String flag : FLAGS) createBooleanFlag(flag);
        setTargeting("beta-feature", Map.of("rules", List.of(Map.of("id", "testers", "clauses", List.of(
                Map.of("operator", "inSegment", "values", List.of("testers-staging"))), "serve", Map.of("variation", "on")))));
        setTargeting("pro-feature", Map.of("targets", List.of(Map.of("variation", "off", "keys", List.of("mallory"))),
                "rules", List.of(Map.of("id", "plans", "clauses", List.of(Map.of("attribute", "plan", "operator", "in",
                        "values", List.of("pro", "enterprise"))), "serve", Map.of("variation", "on"))),
                "fallthroughRollout", Map.of("weights", List.of(Map.of("variation", "on", "weight", 50_000),
                        Map.of("variation", "off", "weight", 50_000)))));
        GraphQl.Response darkDefault = graphql.execute("""
                mutation($input: SetEnvironmentVariationInput!) { setDefaultVariation(input: $input) { flag { version } } }""",
                Map.of("input", Map.of("projectKey", project, "key", "dark-mode", "environment", "staging",
                        "variation", "off", "expectedVersion", flagVersion("dark-mode"))));
        assertThat(darkDefault.ok()).as(darkDefault.body().toString()).isTrue();
        for (String flag : FLAGS) assertThat(toggle(flag, "staging", true, flagVersion(flag), null).ok()).isTrue();
    }

    private void setTargeting(String flag, Map<String, Object> targeting) {
        GraphQl.Response response = graphql.execute("""
                mutation($input: SetFlagTargetingInput!) { setFlagTargeting(input: $input) { flag { version } } }""",
                Map.of("input", Map.of("projectKey", project, "key", flag, "environment", "staging",
                        "targeting", targeting, "expectedVersion", flagVersion(flag))));
        assertThat(response.ok()).as(response.body().toString()).isTrue();
    }

    /** Every distinct context of the shared vectors (spec/vectors), which every SDK evaluates. */
    static List<JsonNode> vectorContexts() throws IOException {
        Map<String, JsonNode> contexts = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(Path.of("..", "spec", "vectors"))) {
            for (Path file : files.sorted().toList()) {
                if (file.getFileName().toString().equals("index.json")) continue;
                JsonNode cases = JSON.readTree(file.toFile()).path("cases");
                cases.forEach(vector -> {
                    JsonNode context = vector.path("context");
                    if (context.isObject()) contexts.putIfAbsent(context.toString(), context);
                });
            }
        }
        return new ArrayList<>(contexts.values());
    }

    private List<JsonNode> evaluate(String flag, String environment, List<JsonNode> contexts) {
        List<JsonNode> results = new ArrayList<>();
        for (int from = 0; from < contexts.size(); from += 25) {
            List<JsonNode> batch = contexts.subList(from, Math.min(contexts.size(), from + 25));
            StringBuilder document = new StringBuilder("query($p: String!, $e: String!, $k: String!");
            Map<String, Object> variables = new HashMap<>(Map.of("p", project, "e", environment, "k", flag));
            for (int i = 0; i < batch.size(); i++) {
                document.append(", $c").append(i).append(": JSON");
                variables.put("c" + i, JSON.convertValue(batch.get(i), Map.class));
            }
            document.append(") {");
            for (int i = 0; i < batch.size(); i++)
                document.append(" r").append(i).append(": evaluateFlag(projectKey: $p, environment: $e, key: $k, context: $c")
                        .append(i).append(") { value variant reason errorCode }");
            document.append(" }");
            GraphQl.Response response = graphql.execute(document.toString(), variables);
            assertThat(response.ok()).as(response.body().toString()).isTrue();
            for (int i = 0; i < batch.size(); i++) results.add(response.data("r" + i));
        }
        return results;
    }
}
