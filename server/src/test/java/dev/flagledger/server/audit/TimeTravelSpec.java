package dev.flagledger.server.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flagledger.server.support.GraphQl;
import dev.flagledger.server.support.ServerSpec;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Time travel: the configuration and the evaluation of each instant, replayed from the store. */
public abstract class TimeTravelSpec extends ServerSpec {
    private static final String FLAG_FIELDS = """
            key name tags archived version variations { key value }
            environments { key enabled defaultVariation offVariation targeting { targets { variation keys } } }""";

    @Test
    void flag_as_of_and_evaluation_at_each_instant_replay_the_changes_made_until_then() {
        Instant beforeCreation = instant();
        createBooleanFlag("travel");
        Instant created = instant();
        assertThat(toggle("travel", "production", true, 0, "launch").ok()).isTrue();
        Instant launched = instant();
        GraphQl.Response targeted = graphql.execute("""
                mutation($p: String!) { setFlagTargeting(input: {projectKey: $p, key: "travel", environment: "production",
                  targeting: {targets: [{variation: "off", keys: ["bob"]}]}, expectedVersion: 1, reason: "not bob"})
                  { flag { version } } }""", Map.of("p", project));
        assertThat(targeted.ok()).as(targeted.body().toString()).isTrue();
        Instant excludedBob = instant();
        GraphQl.Response renamed = graphql.execute("""
                mutation($p: String!) { updateFlagDetails(input: {projectKey: $p, key: "travel", name: "Time travel",
                  tags: ["t"], expectedVersion: 2}) { flag { version } } }""", Map.of("p", project));
        assertThat(renamed.ok()).as(renamed.body().toString()).isTrue();
        Instant now = instant();

        assertThat(flagAsOf(beforeCreation).errorCode()).isEqualTo("NOT_FOUND");
        assertThat(evaluate("bob", beforeCreation).path("errorCode").asText()).isEqualTo("FLAG_NOT_FOUND");

        JsonNode atCreation = flagAsOf(created).data("flagAsOf");
        assertThat(atCreation.path("version").asLong()).isZero();
        assertThat(production(atCreation).path("enabled").asBoolean()).isFalse();
        assertThat(evaluate("bob", created).path("reason").asText()).isEqualTo("DISABLED");
        assertThat(evaluate("bob", created).path("variant").asText()).isEqualTo("off");

        assertThat(production(flagAsOf(launched).data("flagAsOf")).path("enabled").asBoolean()).isTrue();
        assertThat(evaluate("bob", launched).path("variant").asText()).isEqualTo("on");
        assertThat(evaluate("bob", launched).path("reason").asText()).isEqualTo("DEFAULT");

        JsonNode whenExcluded = flagAsOf(excludedBob).data("flagAsOf");
        assertThat(production(whenExcluded).path("targeting").path("targets").get(0).path("keys").get(0).asText())
                .isEqualTo("bob");
        assertThat(whenExcluded.path("name").asText()).isEqualTo("A flag");
        assertThat(evaluate("bob", excludedBob).path("variant").asText()).isEqualTo("off");
        assertThat(evaluate("bob", excludedBob).path("reason").asText()).isEqualTo("TARGETING_MATCH");
        assertThat(evaluate("alice", excludedBob).path("variant").asText()).isEqualTo("on");

        // The present, replayed, is exactly what the read model shows.
        JsonNode current = graphql.execute("query($p: String!) { flag(projectKey: $p, key: \"travel\") { %s } }"
                .formatted(FLAG_FIELDS), Map.of("p", project)).data("flag");
        assertThat(flagAsOf(now).data("flagAsOf")).isEqualTo(current);
    }

    @Test
    void environment_as_of_shows_the_environment_and_its_flags_and_is_not_found_before_it_existed() {
        createBooleanFlag("env-travel");
        Instant beforeQa = instant();
        GraphQl.Response added = graphql.execute("mutation($p: String!) { addEnvironment(input: {projectKey: $p,"
                + " key: \"qa\", name: \"QA\", expectedVersion: 0}) { project { version } } }", Map.of("p", project));
        assertThat(added.ok()).as(added.body().toString()).isTrue();
        assertThat(toggle("env-travel", "qa", true, 0, null).ok()).isTrue();
        Instant afterToggle = instant();

        assertThat(environmentAsOf("qa", beforeQa).errorCode()).isEqualTo("NOT_FOUND");
        JsonNode qa = environmentAsOf("qa", afterToggle).data("environmentAsOf");
        assertThat(qa.path("name").asText()).isEqualTo("QA");
        assertThat(qa.path("flags")).hasSize(1);
        assertThat(qa.path("flags").get(0).path("environment").path("enabled").asBoolean()).isTrue();
        JsonNode staging = environmentAsOf("staging", beforeQa).data("environmentAsOf");
        assertThat(staging.path("flags").get(0).path("environment").path("enabled").asBoolean()).isFalse();
    }

    private GraphQl.Response flagAsOf(Instant at) {
        return graphql.execute("query($p: String!, $at: DateTime!) { flagAsOf(projectKey: $p, key: \"travel\", at: $at) { %s } }"
                .formatted(FLAG_FIELDS), Map.of("p", project, "at", at.toString()));
    }

    private GraphQl.Response environmentAsOf(String environment, Instant at) {
        return graphql.execute("""
                query($p: String!, $e: String!, $at: DateTime!) { environmentAsOf(projectKey: $p, environment: $e, at: $at) {
                  key name requireReason flags { key environment(key: $e) { enabled } } } }""",
                Map.of("p", project, "e", environment, "at", at.toString()));
    }

    private JsonNode evaluate(String targetingKey, Instant at) {
        Map<String, Object> variables = new HashMap<>(Map.of("p", project, "at", at.toString(),
                "context", Map.of("targetingKey", targetingKey)));
        GraphQl.Response response = graphql.execute("""
                query($p: String!, $at: DateTime, $context: JSON) {
                  evaluateFlag(projectKey: $p, environment: "production", key: "travel", context: $context, at: $at) {
                    variant reason errorCode snapshotPosition } }""", variables);
        assertThat(response.ok()).as(response.body().toString()).isTrue();
        return response.data("evaluateFlag");
    }

    private static JsonNode production(JsonNode flag) {
        for (JsonNode environment : flag.path("environments"))
            if (environment.path("key").asText().equals("production")) return environment;
        throw new AssertionError("no production in " + flag);
    }

    /** An instant strictly between the changes before and after it. */
    private static Instant instant() {
        try {
            Thread.sleep(5);
            Instant at = Instant.now();
            Thread.sleep(5);
            return at;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
