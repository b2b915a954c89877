package dev.flagledger.server.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flagledger.domain.flag.Weight;
import dev.flagledger.projections.experiment.ExperimentQueries;
import dev.flagledger.projections.experiment.ExperimentView;
import dev.flagledger.server.support.Eventually;
import dev.flagledger.server.support.OnH2;
import dev.flagledger.server.support.ServerSpec;
import dev.flagledger.stats.bandit.BanditDecision;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static dev.flagledger.server.experiment.ExperimentFixture.arm;
import static dev.flagledger.server.experiment.ExperimentFixture.custom;
import static dev.flagledger.server.experiment.ExperimentFixture.exposure;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Acceptance 3 through the real pipeline: a bandit over arms converting at 4 %, 5 % and 6 %, fed with
 * seeded simulated traffic through /sdk/v1/events and re-weighted by the server's bandit step, sends most
 * traffic to the best arm after burn-in, and every re-weighting is an audit entry with its reason and the
 * statistics behind it (the statistics-only simulation is experiments-stats' BanditSimulationTest).
 */
@OnH2
class BanditOnH2Test extends ServerSpec {
    private static final List<String> ARMS = List.of("four", "five", "six");
    private static final double[] RATES = {0.04, 0.05, 0.06};
    private static final int UNITS_PER_ROUND = 3_000;
    private static final int ROUNDS = 8;
    @Autowired
    BanditReweighter bandit;
    @Autowired
    ExperimentQueries queries;

    @Test
    void a_4_5_6_percent_bandit_sends_most_traffic_to_the_best_arm_and_every_reweighting_is_audited() throws Exception {
        ExperimentFixture fixture = new ExperimentFixture(graphql, port, project);
        fixture.flag("offer", ARMS.toArray(String[]::new));
        fixture.conversionMetric("buy", "buy");
        fixture.experiment("offer-bandit", "offer", List.of(arm("four", 33_334), arm("five", 33_333), arm("six", 33_333)),
                "buy", List.of(), Map.of("burnInUnitsPerArm", 900, "minimumShare", 0.05, "intervalMinutes", 60));
        fixture.transition("startExperiment", "offer-bandit", 0, "bandit over three offers");
        String key = fixture.sdkKey();
        Random random = new Random(20261207);
        long[] afterBurnIn = new long[ARMS.size()];
        int reweightings = 0;
        int unit = 0;
        for (int round = 0; round < ROUNDS; round++) {
            ExperimentView experiment = queries.experiment(project, "offer-bandit").orElseThrow();
            List<Weight> weights = experiment.serving().weights();
            List<String> events = new ArrayList<>();
            Instant now = Instant.now();
            for (int i = 0; i < UNITS_PER_ROUND; i++, unit++) {
                int arm = pick(weights, random);
                if (reweightings > 0) afterBurnIn[arm]++;
                events.add(exposure("offer", ARMS.get(arm), "exp-offer-bandit", "u" + unit, now));
                if (random.nextDouble() < RATES[arm]) events.add(custom("buy", "u" + unit, now.plusSeconds(1)));
            }
            fixture.sendAll(key, events);
            BanditDecision decision = bandit.step(experiment).orElseThrow();
            if (decision.phase() == BanditDecision.Phase.THOMPSON_SAMPLING) {
                int period = ++reweightings;
                Eventually.await(() -> queries.experiment(project, "offer-bandit").orElseThrow().currentPeriod() == period,
                        "re-weighting " + period + " reached the read model");
            }
        }
        long total = afterBurnIn[0] + afterBurnIn[1] + afterBurnIn[2];
        double bestShare = (double) afterBurnIn[2] / total;
        System.out.printf("bandit 4/5/6 %%: %d re-weightings; post-burn-in traffic %d/%d/%d, best arm %.1f %%%n",
                reweightings, afterBurnIn[0], afterBurnIn[1], afterBurnIn[2], bestShare * 100);
        assertThat(reweightings).as("a step after every round; the first round completes the burn-in").isEqualTo(ROUNDS);
        assertThat(bestShare).isGreaterThan(0.5);
        List<Weight> last = queries.experiment(project, "offer-bandit").orElseThrow().serving().weights();
        assertThat(last.get(2).weight()).isGreaterThan(last.get(0).weight()).isGreaterThan(0);

        int expected = reweightings;
        Eventually.await(() -> reweightEntries(fixture).size() == expected, "every re-weighting is in the audit trail");
        for (JsonNode edge : reweightEntries(fixture)) {
            JsonNode entry = edge.path("node");
            assertThat(entry.path("actor").path("subject").asText()).isEqualTo("system:bandit");
            assertThat(entry.path("reason").asText()).startsWith("bandit: ");
            assertThat(entry.path("subjectKind").asText()).isEqualTo("EXPERIMENT");
            JsonNode statistics = null;
            JsonNode serving = null;
            for (JsonNode change : entry.path("changes")) {
                if (change.path("field").asText().equals("statistics")) statistics = change.path("after");
                if (change.path("field").asText().equals("serving")) serving = change;
            }
            assertThat(statistics).as("the statistics behind the re-weighting").isNotNull();
            assertThat(statistics.path("arms")).hasSize(3);
            assertThat(statistics.path("arms").get(2).has("probabilityBest")).isTrue();
            assertThat(serving.path("before")).as("the old weights").isNotEqualTo(serving.path("after"));
        }
        Eventually.await(() -> flagTargetingChanges(fixture) == expected + 1,
                "the flag's serving changed once at the start and once per re-weighting");
    }

    private JsonNode reweightEntries(ExperimentFixture fixture) {
        return fixture.ok("""
                query($filter: AuditFilter) { auditTrail(filter: $filter, first: 50) { edges { node {
                  reason subjectKind actor { subject } changes { field before after } } } } }""",
                Map.of("filter", Map.of("projectKey", project, "eventTypes", List.of("ExperimentReweighted"))))
                .path("auditTrail").path("edges");
    }

    private int flagTargetingChanges(ExperimentFixture fixture) {
        return fixture.ok("query($filter: AuditFilter) { auditTrail(filter: $filter, first: 50) { edges { cursor } } }",
                Map.of("filter", Map.of("projectKey", project, "eventTypes", List.of("FlagTargetingChanged"))))
                .path("auditTrail").path("edges").size();
    }

    private static int pick(List<Weight> weights, Random random) {
        int bucket = random.nextInt(100_000);
        int cumulative = 0;
        for (int i = 0; i < weights.size(); i++) {
            cumulative += weights.get(i).weight();
            if (bucket < cumulative) return i;
        }
        return weights.size() - 1;
    }
}
