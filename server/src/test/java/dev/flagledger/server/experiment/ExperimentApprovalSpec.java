package dev.flagledger.server.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flagledger.projections.experiment.ExperimentQueries;
import dev.flagledger.projections.experiment.ExperimentView;
import dev.flagledger.server.support.Eventually;
import dev.flagledger.server.support.GraphQl;
import dev.flagledger.server.support.ServerSpec;
import dev.flagledger.server.support.TestTokens;
import dev.flagledger.stats.bandit.BanditDecision;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.flagledger.server.experiment.ExperimentFixture.arm;
import static dev.flagledger.server.experiment.ExperimentFixture.custom;
import static dev.flagledger.server.experiment.ExperimentFixture.exposure;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Experiments in a protected environment (issue 12 applied to issue 11): starting, re-weighting by hand
 * and stopping go through change requests like every other change of that environment; the approval of
 * the start covers the bandit's automatic re-weighting within its bounds, and its events name that request.
 */
public abstract class ExperimentApprovalSpec extends ServerSpec {
    private static final String EXPERIMENT_FIELDS = "status version serving { ruleId weights { variation weight } }";
    private static final String REQUEST_FIELDS = """
            id status environment commands { commandType aggregateType subjectKey } diff { subjectKind field after }""";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    @Autowired
    BanditReweighter bandit;
    @Autowired
    ExperimentQueries queries;
    private ExperimentFixture fixture;
    private TestTokens bob;
    private TestTokens ann;

    @BeforeEach
    void protectedStaging() {
        fixture = new ExperimentFixture(graphql, port, project);
        fixture.flag("button", "grey", "blue");
        fixture.conversionMetric("signup", "signup");
        fixture.experiment("blue-button", "button", List.of(arm("grey", 50_000), arm("blue", 50_000)), "signup",
                List.of(), Map.of("burnInUnitsPerArm", 10, "minimumShare", 0.1, "intervalMinutes", 60));
        long projectVersion = fixture.ok("query($k: String!) { project(key: $k) { version } }", Map.of("k", project))
                .path("project").path("version").asLong();
        fixture.ok("""
                mutation($input: SetEnvironmentProtectionInput!) {
                  setEnvironmentProtection(input: $input) { project { key } } }""", Map.of("input", Map.of(
                "projectKey", project, "environment", "staging", "protection", Map.of("requiredApprovals", 1),
                "expectedVersion", projectVersion, "reason", "protect staging")));
        bob = TestTokens.user("Bob Editor").realmRole("flagledger:editor:" + project);
        ann = TestTokens.user("Ann Approver").realmRole("flagledger:approver:" + project);
    }

    @Test
    void a_start_opens_a_change_request_and_changes_nothing_until_approved_then_the_flag_serves_it_with_the_approver_on_record()
            throws Exception {
        String flagId = flagId();
        String experimentId = queries.experiment(project, "blue-button").orElseThrow().id();
        long flagEvents = eventsOf(flagId);
        long experimentEvents = eventsOf(experimentId);

        JsonNode proposed = transition(bob, "startExperiment", 0, "test the blue button (EXP-1)");
        JsonNode request = proposed.path("changeRequest");
        assertThat(request.path("status").asText()).isEqualTo("OPEN");
        assertThat(request.path("commands").get(0).path("commandType").asText()).endsWith("StartExperiment");
        assertThat(request.path("diff").toString()).contains("RUNNING", "exp-blue-button");
        assertThat(proposed.path("experiment").path("status").asText()).isEqualTo("DRAFT");
        assertThat(eventsOf(flagId)).as("the flag is untouched").isEqualTo(flagEvents);
        assertThat(eventsOf(experimentId)).as("the experiment is untouched").isEqualTo(experimentEvents);
        assertThat(rulesOfStaging()).doesNotContain("exp-blue-button");

        String id = request.path("id").asText();
        JsonNode approved = approve(ann, id);
        assertThat(approved.path("status").asText()).isEqualTo("APPLIED");
        Eventually.await(() -> rulesOfStaging().contains("exp-blue-button"), "the approved experiment's rule is on the flag");
        assertThat(queries.experiment(project, "blue-button").orElseThrow().status().name()).isEqualTo("RUNNING");
        String sdkKey = fixture.sdkKey();
        Eventually.await(() -> "SPLIT".equals(evaluate(sdkKey, "unit-1").path("reason").asText()),
                "the SDK endpoints serve the experiment's split");
        assertThat(evaluate(sdkKey, "unit-1").path("variant").asText()).isIn("grey", "blue");

        // Who approved is on record: the experiment's event, the flag's event, and the compliance report.
        Eventually.await(() -> storedMetadata(flagId, "FlagTargetingChanged").size() == 1, "the flag's change is stored");
        for (String metadata : List.of(storedMetadata(experimentId, "ExperimentStarted").get(0),
                storedMetadata(flagId, "FlagTargetingChanged").get(0)))
            assertThat(metadata).contains("\"changeRequestId\":\"" + id + "\"", ann.subject(),
                    "\"actorSubject\":\"" + bob.subject() + "\"", "EXP-1");
        Eventually.await(() -> complianceRows().toString().contains("FlagTargetingChanged"),
                "the audit trail recorded the flag's change");
        JsonNode row = null;
        for (JsonNode change : complianceRows())
            if (change.path("eventType").asText().equals("FlagTargetingChanged")) row = change;
        assertThat(row).isNotNull();
        assertThat(row.path("throughApproval").asBoolean()).isTrue();
        assertThat(row.path("changeRequestId").asText()).isEqualTo(id);
        assertThat(row.path("approvers").asText()).contains("Ann Approver", ann.subject());
        assertThat(row.path("authorSubject").asText()).isEqualTo(bob.subject());
    }

    @Test
    void the_approved_start_covers_the_bandits_reweighting_which_names_it_while_reweighting_and_stopping_by_hand_wait_for_approval()
            throws Exception {
        String flagId = flagId();
        String id = transition(bob, "startExperiment", 0, "bandit on the button").path("changeRequest").path("id").asText();
        assertThat(approve(ann, id).path("status").asText()).isEqualTo("APPLIED");
        Eventually.await(() -> rulesOfStaging().contains("exp-blue-button"), "the experiment serves");

        // Enough traffic for the burn-in (10 units per arm), then the server's bandit step.
        String sdkKey = fixture.sdkKey();
        List<String> events = new ArrayList<>();
        Instant now = Instant.now();
        for (int unit = 0; unit < 60; unit++) {
            String arm = unit % 2 == 0 ? "grey" : "blue";
            events.add(exposure("button", arm, "exp-blue-button", "u" + unit, now));
            if (arm.equals("blue") || unit % 8 == 0) events.add(custom("signup", "u" + unit, now.plusSeconds(1)));
        }
        fixture.sendAll(sdkKey, events);
        ExperimentView running = queries.experiment(project, "blue-button").orElseThrow();
        Eventually.await(() -> unitsOf(running.id()) == 60, "the exposures reached the experiment");
        BanditDecision decision = bandit.step(running).orElseThrow();
        assertThat(decision.phase()).isEqualTo(BanditDecision.Phase.THOMPSON_SAMPLING);
        Eventually.await(() -> queries.experiment(project, "blue-button").orElseThrow().currentPeriod() == 1,
                "the bandit's re-weighting applied without a change request of its own");
        assertThat(changeRequestCount()).isEqualTo(1);
        String reweighted = storedPayload(running.id(), "ExperimentReweighted").get(0);
        assertThat(reweighted).contains("\"authorisedBy\":\"" + id + "\"");
        assertThat(storedMetadata(running.id(), "ExperimentReweighted").get(0))
                .contains("\"changeRequestId\":\"" + id + "\"", ann.subject(), "system:bandit");
        Eventually.await(() -> storedMetadata(flagId, "FlagTargetingChanged").size() == 2,
                "the bandit's weights reached the flag");
        assertThat(storedMetadata(flagId, "FlagTargetingChanged").get(1))
                .contains("\"changeRequestId\":\"" + id + "\"", ann.subject(), "system:bandit");

        // By hand, re-weighting and stopping are changes of the protected environment like any other.
        long version = queries.experiment(project, "blue-button").orElseThrow().version();
        List<Map<String, Object>> arms = List.of(arm("grey", 30_000), arm("blue", 70_000));
        JsonNode byHand = as(bob).execute("""
                mutation($input: ReweightExperimentInput!) { reweightExperiment(input: $input) {
                  experiment { %s } changeRequest { %s } } }""".formatted(EXPERIMENT_FIELDS, REQUEST_FIELDS),
                Map.of("input", Map.of("projectKey", project, "key", "blue-button", "environment", "staging",
                        "arms", arms, "expectedVersion", version, "reason", "more blue"))).data("reweightExperiment");
        assertThat(byHand.path("changeRequest").path("status").asText()).isEqualTo("OPEN");
        assertThat(byHand.path("experiment").path("version").asLong()).isEqualTo(version);
        JsonNode stop = transition(bob, "stopExperiment", version, "stop it");
        assertThat(stop.path("changeRequest").path("status").asText()).isEqualTo("OPEN");
        assertThat(stop.path("experiment").path("status").asText()).isEqualTo("RUNNING");
        assertThat(rulesOfStaging()).contains("exp-blue-button");
        assertThat(changeRequestCount()).isEqualTo(3);
    }

    private GraphQl as(TestTokens user) {
        return GraphQl.withBearer("http://localhost:" + port, user.signed());
    }

    private JsonNode transition(TestTokens user, String mutation, long version, String reason) {
        GraphQl.Response response = as(user).execute("""
                mutation($input: ExperimentTransitionInput!) { %s(input: $input) {
                  experiment { %s } changeRequest { %s } } }""".formatted(mutation, EXPERIMENT_FIELDS, REQUEST_FIELDS),
                Map.of("input", Map.of("projectKey", project, "key", "blue-button", "environment", "staging",
                        "expectedVersion", version, "reason", reason)));
        assertThat(response.ok()).as(response.body().toString()).isTrue();
        return response.data(mutation);
    }

    private JsonNode approve(TestTokens user, String id) {
        GraphQl.Response response = as(user).execute("""
                mutation($input: ReviewChangeRequestInput!) { approveChangeRequest(input: $input) {
                  changeRequest { id status } } }""", Map.of("input", Map.of("projectKey", project,
                "environment", "staging", "id", id, "comment", "approved")));
        assertThat(response.ok()).as(response.body().toString()).isTrue();
        return response.data("approveChangeRequest.changeRequest");
    }

    private String flagId() {
        return fixture.ok("query($p: String!) { flag(projectKey: $p, key: \"button\") { id } }", Map.of("p", project))
                .path("flag").path("id").asText();
    }

    private String rulesOfStaging() {
        return fixture.ok("query($p: String!) { flag(projectKey: $p, key: \"button\") { environment(key: \"staging\") {"
                + " targeting { rules { id } } } } }", Map.of("p", project)).path("flag").path("environment")
                .path("targeting").path("rules").toString();
    }

    private JsonNode evaluate(String sdkKey, String unit) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                            + "/ofrep/v1/evaluate/flags/button")).header("Authorization", "Bearer " + sdkKey)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"context\":{\"targetingKey\":\"" + unit + "\"}}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            return ExperimentFixture.JSON.readTree(response.body());
        } catch (Exception failed) {
            throw new AssertionError(failed);
        }
    }

    private JsonNode complianceRows() {
        Map<String, Object> variables = new HashMap<>(Map.of("p", project,
                "from", Instant.now().minusSeconds(3600).toString(), "to", Instant.now().plusSeconds(3600).toString()));
        return fixture.ok("""
                query($p: String!, $from: DateTime!, $to: DateTime!) { complianceReport(projectKey: $p, from: $from, to: $to) {
                  changes { eventType subjectKey authorSubject approvers throughApproval changeRequestId } } }""", variables)
                .path("complianceReport").path("changes");
    }

    private long unitsOf(String experimentId) {
        Long units = jdbc.queryForObject("select count(*) from experiment_unit where experiment_id = ?", Long.class,
                experimentId);
        return units == null ? 0 : units;
    }

    private long changeRequestCount() {
        return fixture.ok("query($p: String!) { changeRequests(projectKey: $p, first: 100) { edges { node { id } } } }",
                Map.of("p", project)).path("changeRequests").path("edges").size();
    }

    private List<String> storedMetadata(String aggregateId, String payloadType) {
        return stored("metadata", aggregateId, payloadType);
    }

    private List<String> storedPayload(String aggregateId, String payloadType) {
        return stored("payload", aggregateId, payloadType);
    }

    private List<String> stored(String column, String aggregateId, String payloadType) {
        return jdbc.query("select " + column + " from domainevententry where aggregateidentifier = ? and payloadtype like ?"
                        + " order by sequencenumber", (rs, row) -> new String(rs.getBytes(1), StandardCharsets.UTF_8),
                aggregateId, "%." + payloadType);
    }
}
