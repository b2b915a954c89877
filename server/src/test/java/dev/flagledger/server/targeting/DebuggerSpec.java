package dev.flagledger.server.targeting;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flagledger.server.support.GraphQl;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** The evaluation snapshot follows the store, and the debugger explains evaluations against it. */
public abstract class DebuggerSpec extends TargetingServerSpec {
    private static final String EVALUATE = """
            query($project: String!, $environment: String!, $key: String!, $context: JSON) {
              evaluateFlag(projectKey: $project, environment: $environment, key: $key, context: $context) {
                value variant reason errorCode matchedRuleId matchedTarget metadata trace snapshotPosition
              }
            }""";

    JsonNode evaluate(String environment, String key, Map<String, Object> context) {
        GraphQl.Response response = graphql.execute(EVALUATE, Map.of("project", project, "environment", environment,
                "key", key, "context", context));
        assertThat(response.ok()).as(response.body().toString()).isTrue();
        return response.data("evaluateFlag");
    }

    /** The snapshot is fed asynchronously: wait until it answers as expected, or fail with the last answer. */
    JsonNode evaluateUntil(String environment, String key, Map<String, Object> context, Predicate<JsonNode> expected)
            throws InterruptedException {
        JsonNode last = null;
        for (int attempt = 0; attempt < 100; attempt++) {
            last = evaluate(environment, key, context);
            if (expected.test(last)) return last;
            Thread.sleep(50);
        }
        throw new AssertionError("snapshot never reached the expected answer; last: " + last);
    }

    @Test
    void a_rule_set_through_graphql_is_evaluated_from_the_snapshot_and_explained() throws InterruptedException {
        createBooleanFlag("checkout");
        assertThat(toggle("checkout", "staging", true, 0, null).ok()).isTrue();
        assertThat(setTargeting("checkout", "staging", Map.of("rules", List.of(Map.of("id", "dutch",
                "clauses", List.of(clause("country", "in", List.of("NL"))), "serve", Map.of("variation", "off")))), 1)
                .ok()).isTrue();

        JsonNode dutch = evaluateUntil("staging", "checkout", Map.of("targetingKey", "u1", "country", "NL"),
                answer -> "dutch".equals(answer.path("matchedRuleId").asText()));
        assertThat(dutch.path("variant").asText()).isEqualTo("off");
        assertThat(dutch.path("value").asBoolean()).isFalse();
        assertThat(dutch.path("reason").asText()).isEqualTo("TARGETING_MATCH");
        assertThat(dutch.path("trace").get(0).path("step").asText()).isEqualTo("RuleEvaluated");
        assertThat(dutch.path("trace").get(0).path("clauses").get(0).path("actualValue").asText()).isEqualTo("NL");
        assertThat(Long.parseLong(dutch.path("snapshotPosition").asText())).isPositive();

        JsonNode german = evaluate("staging", "checkout", Map.of("targetingKey", "u1", "country", "DE"));
        assertThat(german.path("reason").asText()).isEqualTo("DEFAULT");
        assertThat(german.path("variant").asText()).isEqualTo("on");
        assertThat(german.path("trace").get(0).path("matched").asBoolean()).isFalse();

        assertThat(evaluate("production", "checkout", Map.of("targetingKey", "u1")).path("reason").asText())
                .isEqualTo("DISABLED");
        assertThat(evaluate("staging", "missing", Map.of()).path("errorCode").asText()).isEqualTo("FLAG_NOT_FOUND");
    }

    @Test
    void a_rollout_without_a_targeting_key_is_targeting_key_missing() throws InterruptedException {
        createBooleanFlag("split");
        assertThat(toggle("split", "staging", true, 0, null).ok()).isTrue();
        assertThat(setTargeting("split", "staging", Map.of("fallthroughRollout", rollout(50_000, 50_000)), 1).ok()).isTrue();
        JsonNode answer = evaluateUntil("staging", "split", Map.of("country", "NL"),
                result -> "TARGETING_KEY_MISSING".equals(result.path("errorCode").asText()));
        assertThat(answer.path("reason").asText()).isEqualTo("ERROR");
    }

    @Test
    void segment_membership_reaches_the_snapshot_and_archiving_empties_it() throws InterruptedException {
        createBooleanFlag("beta-feature");
        assertThat(createSegment("beta", List.of("alice"), List.of()).ok()).isTrue();
        assertThat(toggle("beta-feature", "staging", true, 0, null).ok()).isTrue();
        assertThat(setTargeting("beta-feature", "staging", Map.of("rules", List.of(Map.of("id", "beta",
                "clauses", List.of(clause(null, "inSegment", List.of("beta"))), "serve", Map.of("variation", "off")))), 1)
                .ok()).isTrue();
        evaluateUntil("staging", "beta-feature", Map.of("targetingKey", "alice"),
                answer -> "beta".equals(answer.path("matchedRuleId").asText()));
        assertThat(graphql.execute("""
                mutation($input: ArchiveSegmentInput!) { archiveSegment(input: $input) { segment { archived } } }""",
                Map.of("input", Map.of("projectKey", project, "key", "beta", "expectedVersion", 0, "reason", "x"))).ok())
                .isTrue();
        evaluateUntil("staging", "beta-feature", Map.of("targetingKey", "alice"),
                answer -> "DEFAULT".equals(answer.path("reason").asText()));
    }
}
