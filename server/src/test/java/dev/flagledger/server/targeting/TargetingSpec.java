package dev.flagledger.server.targeting;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flagledger.server.support.GraphQl;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Targeting and segments through GraphQL, down to the store and back through the read models. */
public abstract class TargetingSpec extends TargetingServerSpec {
    @Test
    void targeting_set_through_graphql_is_read_back_whole_from_the_flag_state() {
        createBooleanFlag("checkout");
        assertThat(createSegment("beta", List.of("alice"), List.of()).ok()).isTrue();
        Map<String, Object> targeting = Map.of(
                "targets", List.of(Map.of("variation", "on", "keys", List.of("bob"))),
                "rules", List.of(
                        Map.of("id", "dutch", "clauses", List.of(clause("country", "in", List.of("NL", "BE"))),
                                "serve", Map.of("variation", "on")),
                        Map.of("id", "beta", "clauses", List.of(clause(null, "inSegment", List.of("beta"))),
                                "serve", Map.of("rollout", rollout(25_000, 75_000)))),
                "fallthroughRollout", rollout(10_000, 90_000));
        GraphQl.Response response = setTargeting("checkout", "staging", targeting, 0);
        assertThat(response.ok()).as(response.body().toString()).isTrue();
        JsonNode flag = response.data("setFlagTargeting.flag");
        assertThat(flag.path("version").asLong()).isEqualTo(1);
        JsonNode read = flag.path("environment").path("targeting");
        assertThat(read.path("targets").get(0).path("keys").get(0).asText()).isEqualTo("bob");
        assertThat(read.path("rules").get(0).path("clauses").get(0).path("values").toString()).isEqualTo("[\"NL\",\"BE\"]");
        assertThat(read.path("rules").get(1).path("serve").path("rollout").path("weights").get(0).path("weight").asInt())
                .isEqualTo(25_000);
        assertThat(read.path("fallthroughRollout").path("weights").get(1).path("weight").asInt()).isEqualTo(90_000);
    }

    @Test
    void a_rule_naming_an_unknown_segment_is_a_validation_error_and_writes_nothing() {
        createBooleanFlag("checkout");
        long before = eventCount();
        GraphQl.Response response = setTargeting("checkout", "staging", Map.of("rules", List.of(Map.of("id", "r",
                "clauses", List.of(clause(null, "inSegment", List.of("nobody"))), "serve", Map.of("variation", "on")))), 0);
        assertThat(response.errorCode()).as(response.body().toString()).isEqualTo("VALIDATION");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void a_prerequisite_cycle_across_two_flags_is_refused() {
        createBooleanFlag("a");
        createBooleanFlag("b");
        assertThat(setTargeting("a", "staging", Map.of("prerequisites",
                List.of(Map.of("flagKey", "b", "variation", "on"))), 0).ok()).isTrue();
        GraphQl.Response cycle = setTargeting("b", "staging", Map.of("prerequisites",
                List.of(Map.of("flagKey", "a", "variation", "on"))), 0);
        assertThat(cycle.errorCode()).as(cycle.body().toString()).isEqualTo("VALIDATION");
        assertThat(cycle.body().path("errors").get(0).path("message").asText()).contains("cycle");
    }

    @Test
    void a_stale_expected_version_is_a_conflict() {
        createBooleanFlag("checkout");
        assertThat(setTargeting("checkout", "staging", Map.of("fallthroughRollout", rollout(50_000, 50_000)), 0).ok()).isTrue();
        GraphQl.Response stale = setTargeting("checkout", "staging", Map.of("fallthroughRollout", rollout(40_000, 60_000)), 0);
        assertThat(stale.errorCode()).isEqualTo("CONFLICT");
    }

    @Test
    void segments_are_created_listed_updated_and_archived() {
        GraphQl.Response created = createSegment("staff", List.of("alice"), List.of(Map.of("id", "mail",
                "clauses", List.of(clause("email", "endsWith", List.of("@flagledger.dev"))))));
        assertThat(created.ok()).as(created.body().toString()).isTrue();
        assertThat(createSegment("staff", List.of(), List.of()).errorCode()).isEqualTo("CONFLICT");

        GraphQl.Response updated = graphql.execute("""
                mutation($input: UpdateSegmentInput!) { updateSegment(input: $input) { segment { version included rules { id weight } } } }""",
                Map.of("input", Map.of("projectKey", project, "key", "staff", "name", "Staff", "included",
                        List.of("alice", "bob"), "rules", List.of(Map.of("id", "tenth", "weight", 10_000)),
                        "expectedVersion", 0, "reason", "wider")));
        assertThat(updated.ok()).as(updated.body().toString()).isTrue();
        assertThat(updated.data("updateSegment.segment.included").size()).isEqualTo(2);
        assertThat(updated.data("updateSegment.segment.rules").get(0).path("weight").asInt()).isEqualTo(10_000);

        GraphQl.Response listed = graphql.execute("""
                query($project: String!) { segments(projectKey: $project) { edges { node { key version } } } }""",
                Map.of("project", project));
        assertThat(listed.data("segments.edges").get(0).path("node").path("version").asLong()).isEqualTo(1);

        GraphQl.Response archived = graphql.execute("""
                mutation($input: ArchiveSegmentInput!) { archiveSegment(input: $input) { segment { archived } } }""",
                Map.of("input", Map.of("projectKey", project, "key", "staff", "expectedVersion", 1, "reason", "done")));
        assertThat(archived.data("archiveSegment.segment.archived").asBoolean()).isTrue();
    }
}
