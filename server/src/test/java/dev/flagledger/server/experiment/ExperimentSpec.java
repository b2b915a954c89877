package dev.flagledger.server.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flagledger.projections.experiment.ExperimentQueries;
import dev.flagledger.projections.snapshot.EvaluationSnapshots;
import dev.flagledger.sdk.events.SdkEvent;
import dev.flagledger.sdk.events.SdkEventStore;
import dev.flagledger.sdk.keys.SdkKeyGrant;
import dev.flagledger.sdk.keys.SdkKeyKind;
import dev.flagledger.server.support.Eventually;
import dev.flagledger.server.support.GraphQl;
import dev.flagledger.server.support.HeldTransaction;
import dev.flagledger.server.support.ServerSpec;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.flagledger.server.experiment.ExperimentFixture.arm;
import static dev.flagledger.server.experiment.ExperimentFixture.custom;
import static dev.flagledger.server.experiment.ExperimentFixture.exposure;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Experiments through the real server (issue 11): the lifecycle changes the flag's serving and shows in the
 * audit trail; the event pipeline is idempotent and counts rejections; SRM (acceptance 5); bad input
 * (acceptance 6).
 */
public abstract class ExperimentSpec extends ServerSpec {
    private ExperimentFixture fixture;
    @Autowired
    private SdkEventStore sdkEvents;
    @Autowired
    private PlatformTransactionManager transactions;
    @Autowired
    private EvaluationSnapshots snapshots;
    @Autowired
    private ExperimentQueries experiments;

    @BeforeEach
    void fixture() {
        fixture = new ExperimentFixture(graphql, port, project);
        fixture.flag("button", "grey", "blue");
        fixture.conversionMetric("signup", "signup");
    }

    private JsonNode startedFiftyFifty(String key) {
        JsonNode created = fixture.experiment(key, "button", List.of(arm("grey", 50_000), arm("blue", 50_000)), "signup",
                List.of(), null);
        return fixture.transition("startExperiment", key, created.path("version").asLong(), "test the blue button");
    }

    /** The rule ids of the flag's targeting in staging, as the API reads them. */
    private String targetingOfStaging() {
        return fixture.ok("query($p: String!) { flag(projectKey: $p, key: \"button\") { environment(key: \"staging\") {"
                + " targeting { rules { id } } } } }", Map.of("p", project)).path("flag").path("environment")
                .path("targeting").path("rules").toString();
    }

    private JsonNode audit(String eventType) {
        return fixture.ok("""
                query($filter: AuditFilter) { auditTrail(filter: $filter, first: 50) { edges { node {
                  eventType reason origin correlationId subjectKind subjectKey actor { subject name }
                  changes { field before after } } } } }""",
                Map.of("filter", Map.of("projectKey", project, "eventTypes", List.of(eventType)))).path("auditTrail").path("edges");
    }

    @Test
    void starting_and_stopping_change_the_flags_serving_and_both_streams_are_audited() {
        JsonNode started = startedFiftyFifty("blue-button");
        assertThat(started.path("status").asText()).isEqualTo("RUNNING");
        assertThat(started.path("serving").path("salt").asText()).startsWith("exp.").isNotEqualTo("button");
        Eventually.await(() -> String.valueOf(targetingOfStaging()).contains("exp-blue-button"),
                "the experiment's rule is on the flag");
        Eventually.await(() -> audit("FlagTargetingChanged").size() == 1 && audit("ExperimentStarted").size() == 1,
                "both entries are in the audit trail");
        JsonNode experimentEntry = audit("ExperimentStarted").get(0).path("node");
        JsonNode flagEntry = audit("FlagTargetingChanged").get(0).path("node");
        assertThat(experimentEntry.path("subjectKind").asText()).isEqualTo("EXPERIMENT");
        assertThat(experimentEntry.path("reason").asText()).isEqualTo("test the blue button");
        assertThat(flagEntry.path("reason").asText()).isEqualTo("test the blue button");
        assertThat(flagEntry.path("correlationId").asText()).isEqualTo(experimentEntry.path("correlationId").asText());
        assertThat(flagEntry.path("actor").path("subject").asText()).isEqualTo(experimentEntry.path("actor").path("subject").asText());

        fixture.transition("stopExperiment", "blue-button", started.path("version").asLong(), "enough data");
        Eventually.await(() -> !String.valueOf(targetingOfStaging()).contains("exp-blue-button"),
                "the stopped experiment's rule left the flag");
    }

    @Test
    void lifecycle_times_go_out_as_utc_date_times() {
        Instant before = Instant.now().minusSeconds(1);
        JsonNode started = startedFiftyFifty("timed");
        fixture.transition("stopExperiment", "timed", started.path("version").asLong(), "enough data");
        JsonNode read = fixture.ok("""
                query($p: String!) {
                  experiment(projectKey: $p, key: "timed") { startedAt stoppedAt createdAt updatedAt weightHistory { startsAt } }
                  metric(projectKey: $p, key: "signup") { updatedAt }
                  experimentResults(projectKey: $p, key: "timed") { computedAt } }""", Map.of("p", project));
        JsonNode experiment = read.path("experiment");
        assertThat(experiment.path("weightHistory")).isNotEmpty();
        List<JsonNode> times = new ArrayList<>(List.of(experiment.path("startedAt"), experiment.path("stoppedAt"),
                experiment.path("createdAt"), experiment.path("updatedAt"), experiment.path("weightHistory").get(0).path("startsAt"),
                read.path("metric").path("updatedAt"), read.path("experimentResults").path("computedAt")));
        for (JsonNode time : times) {
            assertThat(time.asText()).as(read.toString()).endsWith("Z");
            assertThat(java.time.OffsetDateTime.parse(time.asText()).toInstant()).isBetween(before, Instant.now().plusSeconds(1));
        }
    }

    @Test
    void a_retried_batch_counts_nothing_twice_and_late_out_of_order_events_land_in_their_unit() throws Exception {
        startedFiftyFifty("retry");
        String key = fixture.sdkKey();
        Instant now = Instant.now();
        // The conversion arrives before the exposure that preceded it (out of order, within the window).
        String batch = "{\"events\":[" + custom("signup", "u1", now.minusSeconds(30)) + "," + exposure("button", "blue",
                "exp-retry", "u1", now.minusSeconds(60)) + "," + exposure("button", "grey", "exp-retry", "u2", now) + "]}";
        HttpResponse<String> first = fixture.send(key, batch);
        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(ExperimentFixture.JSON.readTree(first.body()).path("stored").asInt()).isEqualTo(3);
        JsonNode before = fixture.results("retry");

        HttpResponse<String> again = fixture.send(key, batch);
        assertThat(again.statusCode()).isEqualTo(202);
        JsonNode retried = ExperimentFixture.JSON.readTree(again.body());
        assertThat(retried.path("stored").asInt()).isZero();
        assertThat(retried.path("duplicates").asInt()).isEqualTo(3);
        JsonNode after = fixture.results("retry");
        assertThat(after.path("exposures")).isEqualTo(before.path("exposures"));
        assertThat(after.path("metrics")).isEqualTo(before.path("metrics"));
        assertThat(jdbc.queryForObject("select count(*) from sdk_event where project_key = ? and kind = 'exposure'",
                Long.class, project)).isEqualTo(2L);
        assertThat(jdbc.queryForObject("select metric_value from experiment_unit_metric m join experiment_view e"
                + " on e.experiment_id = m.experiment_id where e.project_key = ? and m.unit_key = 'u1'", Double.class,
                project)).isEqualTo(1.0);
    }

    @Test
    void a_units_exposure_and_conversion_stored_by_concurrent_batches_count_the_conversion_in_the_units_arm()
            throws Exception {
        String rule = startedFiftyFifty("overlap").path("serving").path("ruleId").asText();
        Eventually.await(() -> snapshots.current(project, "staging").map(s -> s.config().flagKeys().contains("button"))
                .orElse(false) && experiments.collecting(project, "staging").stream().anyMatch(e -> e.serving() != null),
                "the environment serves the flag and the experiment collects");
        SdkKeyGrant source = new SdkKeyGrant("overlap-key", project, "staging", SdkKeyKind.SERVER, "overlap", "ovl", false);
        Instant now = Instant.now();
        // Each batch's transaction stays open until the other batch has been aggregated (or waits for it): the
        // exposure's batch first, then the conversion's.
        overlap(source, new SdkEvent.Exposure("button", "blue", "SPLIT", rule, "u1", now.minusSeconds(10), null),
                new SdkEvent.Custom("signup", null, null, "u1", now, null));
        overlap(source, new SdkEvent.Custom("signup", null, null, "u2", now, null),
                new SdkEvent.Exposure("button", "grey", "SPLIT", rule, "u2", now.minusSeconds(10), null));

        SoftAssertions units = new SoftAssertions();
        for (String[] unit : new String[][] {{"u1", "blue"}, {"u2", "grey"}})
            units.assertThat(jdbc.queryForList("select m.arm, m.metric_value from experiment_unit_metric m join experiment_view e"
                    + " on e.experiment_id = m.experiment_id where e.project_key = ? and m.unit_key = ?", project, unit[0]))
                    .as("%s's conversion in its arm", unit[0])
                    .containsExactly(Map.of("arm", unit[1], "metric_value", 1.0));
        units.assertAll();
    }

    /**
     * Stores {@code first} in a transaction held open until {@code second}'s batch is stored (before the fix of
     * concurrent batches) or waits for it at the per-unit lock (docs/experiments.md "Concurrent batches").
     */
    private void overlap(SdkKeyGrant source, SdkEvent first, SdkEvent second) throws Exception {
        HeldTransaction held = HeldTransaction.open(jdbc, transactions,
                () -> assertThat(sdkEvents.append(source, Instant.now(), List.of(first)).stored()).isEqualTo(1));
        CompletableFuture<SdkEventStore.Outcome> other = CompletableFuture.supplyAsync(
                () -> sdkEvents.append(source, Instant.now(), List.of(second)), runnable -> new Thread(runnable).start());
        Eventually.await(() -> other.isDone() || held.blocksAStatementOn("experiment_unit_lock"),
                "the second batch is stored, or waits for the first at its unit's lock");
        held.commit();
        assertThat(other.get(60, TimeUnit.SECONDS).stored()).isEqualTo(1);
    }

    @Test
    void an_assignment_served_55_45_against_a_configured_50_50_raises_the_srm_warning() throws Exception {
        startedFiftyFifty("srm");
        String key = fixture.sdkKey();
        Instant now = Instant.now();
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 10_000; i++)
            events.add(exposure("button", i < 5_500 ? "grey" : "blue", "exp-srm", "unit-" + i, now));
        fixture.sendAll(key, events);

        JsonNode results = fixture.results("srm");
        assertThat(results.path("exposures").get(0).path("units").asLong()).isEqualTo(5_500);
        assertThat(results.path("srm").path("untrustworthy").asBoolean()).isTrue();
        assertThat(results.path("srm").path("pValue").asDouble()).isLessThan(1e-20);
        assertThat(results.path("verdict").asText()).startsWith("Sample ratio mismatch");
    }

    @Test
    void an_even_assignment_raises_no_srm_warning() throws Exception {
        startedFiftyFifty("even");
        String key = fixture.sdkKey();
        Instant now = Instant.now();
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) events.add(exposure("button", i % 2 == 0 ? "grey" : "blue", "exp-even", "u" + i, now));
        fixture.sendAll(key, events);
        JsonNode results = fixture.results("even");
        assertThat(results.path("srm").path("untrustworthy").asBoolean()).isFalse();
        assertThat(results.path("verdict").asText()).doesNotContain("mismatch");
    }

    @Test
    void bad_input_is_a_typed_error_or_a_counted_rejection_never_a_crash_or_a_double_count() throws Exception {
        startedFiftyFifty("bad");
        fixture.ok("mutation($input: DefineMetricInput!) { defineMetric(input: $input) { metric { key } } }", Map.of(
                "input", Map.of("projectKey", project, "key", "never-sent", "name", "Never sent", "kind", "COUNT",
                        "eventName", "no.such.event", "direction", "HIGHER_IS_BETTER")));
        String key = fixture.sdkKey();
        Instant now = Instant.now();
        // Unknown flag, a timestamp far in the future, one too old: counted, the rest of the batch stored.
        HttpResponse<String> mixed = fixture.send(key, "{\"events\":[" + exposure("no-such-flag", "on", null, "u1", now)
                + "," + exposure("button", "blue", "exp-bad", "u1", now.plus(Duration.ofDays(400))) + ","
                + exposure("button", "blue", "exp-bad", "u1", now.minus(Duration.ofDays(400))) + ","
                + exposure("button", "blue", "exp-bad", "u1", now) + "]}");
        assertThat(mixed.statusCode()).isEqualTo(202);
        JsonNode outcome = ExperimentFixture.JSON.readTree(mixed.body());
        assertThat(outcome.path("stored").asInt()).isEqualTo(1);
        assertThat(outcome.path("rejected").path("unknown-flag").asInt()).isEqualTo(1);
        assertThat(outcome.path("rejected").path("future-timestamp").asInt()).isEqualTo(1);
        assertThat(outcome.path("rejected").path("too-old").asInt()).isEqualTo(1);
        // Malformed and oversized batches: refused whole, nothing stored.
        assertThat(fixture.send(key, "{\"events\": [{\"kind\":\"exposure\"").statusCode()).isEqualTo(400);
        assertThat(fixture.send(key, "{\"events\":[" + exposure("button", "blue", "x".repeat(100), "u9", now) + "]}")
                .statusCode()).isEqualTo(400);
        assertThat(fixture.send(key, "{\"events\":[{\"kind\":\"custom\",\"name\":\"x\",\"pad\":\"" + "x".repeat(300 * 1024)
                + "\",\"timestamp\":\"" + now + "\"}]}").statusCode()).isEqualTo(413);

        JsonNode results = fixture.results("bad");
        assertThat(results.path("rejectedEvents").path("unknown-flag").asLong()).isEqualTo(1);
        assertThat(results.path("exposures").get(1).path("units").asLong()).isEqualTo(1);

        // An unknown experiment, a metric that does not exist, an arm that is not a variation: typed errors.
        GraphQl.Response missing = fixture.call("query($p: String!) { experimentResults(projectKey: $p, key: \"nope\") { verdict } }",
                Map.of("p", project));
        assertThat(missing.errorCode()).isEqualTo("NOT_FOUND");
        GraphQl.Response noMetric = fixture.call("mutation($input: CreateExperimentInput!) { createExperiment(input: $input) { experiment { key } } }",
                Map.of("input", Map.of("projectKey", project, "key", "no-metric", "definition", Map.of("name", "x",
                        "hypothesis", "y", "flagKey", "button", "environment", "staging", "arms",
                        List.of(arm("grey", 50_000), arm("blue", 50_000)), "primaryMetric", "revenue"))));
        assertThat(noMetric.errorCode()).isEqualTo("NOT_FOUND");
        GraphQl.Response badArm = fixture.call("mutation($input: CreateExperimentInput!) { createExperiment(input: $input) { experiment { key } } }",
                Map.of("input", Map.of("projectKey", project, "key", "bad-arm", "definition", Map.of("name", "x",
                        "hypothesis", "y", "flagKey", "button", "environment", "staging", "arms",
                        List.of(arm("grey", 50_000), arm("purple", 50_000)), "primaryMetric", "signup"))));
        assertThat(badArm.errorCode()).isEqualTo("VALIDATION");

        // A metric over an event nobody sends: an answer saying why, not an error.
        fixture.ok("mutation($input: CreateExperimentInput!) { createExperiment(input: $input) { experiment { key } } }",
                Map.of("input", Map.of("projectKey", project, "key", "silent", "definition", Map.of("name", "x",
                        "hypothesis", "y", "flagKey", "button", "environment", "staging", "arms",
                        List.of(arm("grey", 50_000), arm("blue", 50_000)), "primaryMetric", "never-sent"))));
        fixture.transition("startExperiment", "silent", 0, "go");
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 200; i++) events.add(exposure("button", i % 2 == 0 ? "grey" : "blue", "exp-silent", "s" + i, now));
        fixture.sendAll(key, events);
        JsonNode silent = fixture.results("silent");
        JsonNode treatment = silent.path("metrics").get(0).path("arms").get(1);
        assertThat(treatment.path("status").asText()).isEqualTo("INSUFFICIENT");
        assertThat(treatment.path("reason").asText()).isNotBlank();
        assertThat(silent.path("verdict").asText()).contains("Not enough data");

        // A CSV import into an event-based metric is refused; the experiment's counts did not move.
        GraphQl.Response refused = fixture.call("mutation($input: ImportMetricValuesInput!) { importMetricValues(input: $input) { imported } }",
                Map.of("input", Map.of("projectKey", project, "experimentKey", "silent", "environment", "staging",
                        "metricKey", "never-sent", "csv", "unit_key,value\ns1,5")));
        assertThat(refused.errorCode()).isEqualTo("VALIDATION");
        assertThat(fixture.results("silent").path("exposures")).isEqualTo(silent.path("exposures"));
    }

    @Test
    void warehouse_values_imported_from_csv_are_analysed_like_native_metrics() throws Exception {
        fixture.ok("mutation($input: DefineMetricInput!) { defineMetric(input: $input) { metric { key } } }", Map.of(
                "input", Map.of("projectKey", project, "key", "ltv", "name", "Lifetime value", "kind", "MEAN",
                        "source", "IMPORTED", "direction", "HIGHER_IS_BETTER")));
        fixture.ok("mutation($input: CreateExperimentInput!) { createExperiment(input: $input) { experiment { key } } }",
                Map.of("input", Map.of("projectKey", project, "key", "ltv-test", "definition", Map.of("name", "x",
                        "hypothesis", "y", "flagKey", "button", "environment", "staging", "arms",
                        List.of(arm("grey", 50_000), arm("blue", 50_000)), "primaryMetric", "ltv"))));
        fixture.transition("startExperiment", "ltv-test", 0, "go");
        String key = fixture.sdkKey();
        Instant now = Instant.now();
        List<String> events = new ArrayList<>();
        StringBuilder csv = new StringBuilder("unit_key,value\n");
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 400; i++) {
            boolean blue = i % 2 == 1;
            events.add(exposure("button", blue ? "blue" : "grey", "exp-ltv-test", "w" + i, now));
            csv.append("w").append(i).append(',').append(100 + (blue ? 30 : 0) + random.nextGaussian() * 20).append('\n');
        }
        csv.append("stranger,1\n");
        fixture.sendAll(key, events);
        JsonNode imported = fixture.ok("mutation($input: ImportMetricValuesInput!) { importMetricValues(input: $input) { imported unknownUnits problems } }",
                Map.of("input", Map.of("projectKey", project, "experimentKey", "ltv-test", "environment", "staging",
                        "metricKey", "ltv", "csv", csv.toString()))).path("importMetricValues");
        assertThat(imported.path("imported").asInt()).isEqualTo(400);
        assertThat(imported.path("unknownUnits").asInt()).isEqualTo(1);
        JsonNode blue = fixture.results("ltv-test").path("metrics").get(0).path("arms").get(1);
        assertThat(blue.path("verdict").asText()).isEqualTo("BETTER");
        assertThat(blue.path("relative").path("estimate").asDouble()).isBetween(0.2, 0.4);
    }
}
