package dev.flagledger.server.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flagledger.server.support.Eventually;
import dev.flagledger.server.support.OnH2;
import dev.flagledger.server.support.ServerSpec;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.flagledger.server.experiment.ExperimentFixture.arm;
import static dev.flagledger.server.experiment.ExperimentFixture.custom;
import static dev.flagledger.server.experiment.ExperimentFixture.exposure;
import static org.assertj.core.api.Assertions.assertThat;

/** Behavioural cohorts: defined from events or from an experiment's arm, refreshed, usable in targeting. */
@OnH2
class CohortOnH2Test extends ServerSpec {
    @Autowired
    CohortRefresher refresher;

    private JsonNode segment(ExperimentFixture fixture, String key) {
        return fixture.ok("query($p: String!, $k: String!) { segment(projectKey: $p, key: $k) { included version"
                + " behaviour { eventName minCount days experimentKey arm } } }", Map.of("p", project, "k", key)).path("segment");
    }

    private void cohort(ExperimentFixture fixture, String key, Map<String, Object> behaviour) {
        fixture.ok("mutation($input: CreateSegmentInput!) { createSegment(input: $input) { segment { key } } }",
                Map.of("input", Map.of("projectKey", project, "key", key, "name", key, "behaviour", behaviour,
                        "reason", "cohort for the test")));
    }

    private String evaluate(ExperimentFixture fixture, String unit) {
        return fixture.ok("query($p: String!, $c: JSON) { evaluateFlag(projectKey: $p, environment: \"staging\", key: \"button\","
                + " context: $c) { variant } }", Map.of("p", project, "c", Map.of("targetingKey", unit)))
                .path("evaluateFlag").path("variant").asText();
    }

    @Test
    void units_that_sent_an_event_often_enough_form_a_segment_that_targeting_uses() throws Exception {
        ExperimentFixture fixture = new ExperimentFixture(graphql, port, project);
        fixture.flag("button", "grey", "blue");
        cohort(fixture, "repeat-buyers", Map.of("environment", "staging", "eventName", "buy", "minCount", 2, "days", 7));
        String key = fixture.sdkKey();
        Instant now = Instant.now();
        fixture.sendAll(key, List.of(custom("buy", "u1", now), custom("buy", "u1", now.minusSeconds(60)),
                custom("buy", "u1", now.minusSeconds(120)), custom("buy", "u2", now), custom("buy", "u3", now),
                custom("buy", "u3", now.minusSeconds(3600)), custom("browse", "u4", now), custom("browse", "u4", now)));

        refresher.refreshAll();
        Eventually.await(() -> segment(fixture, "repeat-buyers").path("included").size() == 2, "the cohort refreshed");
        assertThat(segment(fixture, "repeat-buyers").path("included").toString()).isEqualTo("[\"u1\",\"u3\"]");
        assertThat(segment(fixture, "repeat-buyers").path("behaviour").path("minCount").asInt()).isEqualTo(2);

        fixture.ok("mutation($input: SetFlagTargetingInput!) { setFlagTargeting(input: $input) { flag { version } } }",
                Map.of("input", Map.of("projectKey", project, "key", "button", "environment", "staging", "expectedVersion", 1,
                        "targeting", Map.of("rules", List.of(Map.of("id", "buyers", "clauses", List.of(Map.of(
                                "operator", "inSegment", "values", List.of("repeat-buyers"))), "serve", Map.of("variation", "blue")))))));
        Eventually.await(() -> evaluate(fixture, "u1").equals("blue"), "targeting sees the cohort");
        assertThat(evaluate(fixture, "u2")).isEqualTo("grey");

        long version = segment(fixture, "repeat-buyers").path("version").asLong();
        assertThat(refresher.refreshAll()).as("nothing changed, nothing recorded").isZero();
        assertThat(segment(fixture, "repeat-buyers").path("version").asLong()).isEqualTo(version);
    }

    @Test
    void units_that_saw_an_arm_of_an_experiment_form_a_cohort() throws Exception {
        ExperimentFixture fixture = new ExperimentFixture(graphql, port, project);
        fixture.flag("button", "grey", "blue");
        fixture.conversionMetric("signup", "signup");
        fixture.experiment("arms", "button", List.of(arm("grey", 50_000), arm("blue", 50_000)), "signup", List.of(), null);
        fixture.transition("startExperiment", "arms", 0, "go");
        String key = fixture.sdkKey();
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 6; i++) events.add(exposure("button", i < 2 ? "blue" : "grey", "exp-arms", "a" + i, Instant.now()));
        fixture.sendAll(key, events);
        cohort(fixture, "saw-blue", Map.of("experimentKey", "arms", "arm", "blue"));

        refresher.refreshAll();
        Eventually.await(() -> segment(fixture, "saw-blue").path("included").size() == 2, "the arm cohort refreshed");
        assertThat(segment(fixture, "saw-blue").path("included").toString()).isEqualTo("[\"a0\",\"a1\"]");
        refusesACohortThatIsBoth(fixture);
    }

    private void refusesACohortThatIsBoth(ExperimentFixture fixture) {
        var refused = fixture.call("mutation($input: CreateSegmentInput!) { createSegment(input: $input) { segment { key } } }",
                Map.of("input", Map.of("projectKey", project, "key", "both", "name", "both", "reason", "test", "behaviour",
                        Map.of("eventName", "buy", "environment", "staging", "experimentKey", "arms", "arm", "blue"))));
        assertThat(refused.errorCode()).isEqualTo("VALIDATION");
        assertThat(refused.body().toString()).contains("either an event");
    }
}
