package dev.flagledger.server.stale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flagledger.server.support.GraphQl;
import dev.flagledger.server.support.TestClock;
import dev.flagledger.server.targeting.TargetingServerSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Issue 13, acceptance 5: stale flags through the API. Time is moved with the server's clock
 * ({@link TestClock}) instead of waited for; exposures are reported through {@code POST /sdk/v1/events}
 * with the instants an SDK would have stamped them with.
 */
public abstract class StaleFlagsSpec extends TargetingServerSpec {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String STALE_FLAGS = """
            query($project: String!, $days: Int) {
              staleFlags(projectKey: $project, unevaluatedDays: $days, first: 100) {
                totalCount asOf unevaluatedDays
                edges { cursor node {
                  key name kind expectedLifetimeDays reasons servedVariation servingOneVariationSince
                  environments { key enabled servedVariation }
                  lastEvaluatedAt recentExposures { environment variation exposures lastSeenAt }
                  lastChangedAt createdAt
                } }
              }
            }""";

    @AfterEach
    void clockBackToNow() {
        TestClock.reset();
    }

    @Test
    void a_flag_serving_true_everywhere_beyond_its_lifetime_is_stale_with_the_evidence_and_one_evaluated_yesterday_is_not_unevaluated()
            throws Exception {
        Instant created = Instant.now();
        String key = productionKey();
        createFlag("kill-switch", "KILL_SWITCH");
        serveOnEverywhere("kill-switch", 1);
        createBooleanFlag("half-rollout");
        serveOnEverywhere("half-rollout");
        assertThat(setTargeting("half-rollout", "production", Map.of("fallthroughRollout", rollout(50_000, 50_000)),
                3).ok()).isTrue();
        createBooleanFlag("never-evaluated");
        createBooleanFlag("rolled-out");
        serveOnEverywhere("rolled-out");
        // The last step of a release: production at 100 % on (a rollout, not yet a plain default).
        assertThat(setTargeting("rolled-out", "production", Map.of("fallthroughRollout", rollout(100_000, 0)), 3).ok())
                .isTrue();

        TestClock.advance(Duration.ofDays(41));
        Instant now = TestClock.now();
        Instant yesterday = now.minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.MILLIS);
        sendExposures(key, List.of(exposure("rolled-out", "on", "user-1", yesterday),
                exposure("rolled-out", "on", "user-2", yesterday.plusSeconds(1)),
                exposure("kill-switch", "on", "user-1", yesterday),
                exposure("half-rollout", "off", "user-1", yesterday)));

        JsonNode report = awaitListed("rolled-out", "servedVariation", "on");
        assertThat(Instant.parse(report.path("asOf").asText())).isAfter(created.plus(Duration.ofDays(40)));
        assertThat(report.path("unevaluatedDays").asInt()).isEqualTo(30);
        Map<String, JsonNode> stale = byKey(report);

        JsonNode rolledOut = stale.get("rolled-out");
        assertThat(rolledOut.path("kind").asText()).isEqualTo("RELEASE");
        assertThat(rolledOut.path("expectedLifetimeDays").asInt()).isEqualTo(40);
        assertThat(texts(rolledOut.path("reasons"))).as("evaluated yesterday: not unevaluated")
                .containsExactly("SERVES_ONE_VARIATION");
        Instant since = Instant.parse(rolledOut.path("servingOneVariationSince").asText());
        assertThat(since).isBetween(created.minusSeconds(1), now.minus(Duration.ofDays(40)));
        assertThat(rolledOut.path("environments")).hasSize(3);
        for (JsonNode environment : rolledOut.path("environments")) {
            assertThat(environment.path("enabled").asBoolean()).as(environment.toString()).isTrue();
            assertThat(environment.path("servedVariation").asText()).as(environment.toString()).isEqualTo("on");
        }
        assertThat(Instant.parse(rolledOut.path("lastEvaluatedAt").asText())).isEqualTo(yesterday.plusSeconds(1));
        assertThat(rolledOut.path("recentExposures")).hasSize(1);
        assertThat(rolledOut.path("recentExposures").get(0).path("environment").asText()).isEqualTo("production");
        assertThat(rolledOut.path("recentExposures").get(0).path("variation").asText()).isEqualTo("on");
        assertThat(rolledOut.path("recentExposures").get(0).path("exposures").asInt()).isEqualTo(2);
        assertThat(Instant.parse(rolledOut.path("lastChangedAt").asText())).isBefore(now.minus(Duration.ofDays(40)));

        JsonNode neverEvaluated = stale.get("never-evaluated");
        assertThat(neverEvaluated).as("a 41-day-old flag nobody evaluated").isNotNull();
        assertThat(texts(neverEvaluated.path("reasons"))).contains("NOT_EVALUATED");
        assertThat(neverEvaluated.path("lastEvaluatedAt").isNull()).isTrue();
        assertThat(neverEvaluated.path("servedVariation").asText()).as("off everywhere").isEqualTo("off");

        assertThat(stale).as("a kill switch is meant to stay; a 50/50 rollout serves two variations")
                .doesNotContainKeys("kill-switch", "half-rollout");
        assertThat(report.path("totalCount").asInt()).isEqualTo(2);
    }

    @Test
    void a_flag_last_evaluated_before_the_window_is_stale_as_not_evaluated_and_a_wider_window_keeps_it_off_the_list()
            throws Exception {
        String key = productionKey();
        createBooleanFlag("split");
        serveOnEverywhere("split");
        assertThat(setTargeting("split", "production", Map.of("fallthroughRollout", rollout(50_000, 50_000)), 3).ok())
                .isTrue();
        TestClock.advance(Duration.ofDays(41));
        Instant longAgo = TestClock.now().minus(Duration.ofDays(35)).truncatedTo(ChronoUnit.MILLIS);
        sendExposures(key, List.of(exposure("split", "on", "user-1", longAgo)));

        JsonNode split = byKey(awaitListed("split", "lastEvaluatedAt", longAgo.toString())).get("split");
        assertThat(texts(split.path("reasons"))).containsExactly("NOT_EVALUATED");
        assertThat(split.path("servedVariation").isNull()).isTrue();
        assertThat(split.path("recentExposures")).as("nothing within the 30-day window").isEmpty();
        assertThat(byKey(staleFlags(40))).as("with a 40-day window it was evaluated recently enough")
                .doesNotContainKey("split");
    }

    @Test
    void serving_another_variation_restarts_its_age_and_keeping_the_same_one_does_not() throws Exception {
        String key = productionKey();
        createBooleanFlag("checkout");
        serveOnEverywhere("checkout");
        // Still `on` for everyone: a 100 % rollout instead of the default keeps the age.
        assertThat(setTargeting("checkout", "production", Map.of("fallthroughRollout", rollout(100_000, 0)), 3).ok())
                .isTrue();
        long version = 4;
        for (String environment : List.of("production", "staging", "development"))
            assertThat(toggle("checkout", environment, false, version++, "roll back").ok()).isTrue();
        TestClock.advance(Duration.ofDays(41));
        sendExposures(key, List.of(exposure("checkout", "off", "user-1", TestClock.now().minus(Duration.ofDays(1)))));

        JsonNode checkout = byKey(awaitListed("checkout", "servedVariation", "off")).get("checkout");
        assertThat(texts(checkout.path("reasons"))).containsExactly("SERVES_ONE_VARIATION");
        List<Instant> toggles = occurredAt("checkout", "FlagToggled", 6);
        assertThat(toggles).hasSize(6);
        assertThat(Instant.parse(checkout.path("servingOneVariationSince").asText()))
                .as("off everywhere since the last environment was switched off, not since it was first on everywhere")
                .isCloseTo(toggles.get(0), within(1, ChronoUnit.MILLIS));

        for (String environment : List.of("development", "staging", "production"))
            assertThat(toggle("checkout", environment, true, version++, "again").ok()).isTrue();
        assertThat(setTargeting("checkout", "production", Map.of(), version).ok()).isTrue();
        Instant targetingChanged = occurredAt("checkout", "FlagTargetingChanged", 2).get(0);
        JsonNode again = awaitChangedAt("checkout", targetingChanged);
        assertThat(again.path("servedVariation").asText()).isEqualTo("on");
        assertThat(Instant.parse(again.path("servingOneVariationSince").asText()))
                .as("on everywhere since production was switched on again; the targeting change after it kept that")
                .isCloseTo(occurredAt("checkout", "FlagToggled", 9).get(0), within(1, ChronoUnit.MILLIS));
    }

    @Test
    void a_permission_is_meant_to_stay_and_its_kind_change_is_audited() throws Exception {
        String key = productionKey();
        createBooleanFlag("checkout");
        serveOnEverywhere("checkout");
        TestClock.advance(Duration.ofDays(41));
        sendExposures(key, List.of(exposure("checkout", "on", "user-1", TestClock.now().minus(Duration.ofDays(1)))));
        awaitListed("checkout", "servedVariation", "on");

        GraphQl.Response permission = graphql.execute("""
                mutation($input: UpdateFlagDetailsInput!) { updateFlagDetails(input: $input) { flag { kind version } } }""",
                Map.of("input", Map.of("projectKey", project, "key", "checkout", "name", "Checkout",
                        "expectedVersion", 3, "kind", "PERMISSION")));
        assertThat(permission.data("updateFlagDetails.flag.kind").asText()).isEqualTo("PERMISSION");
        awaitNotListed("checkout");
        JsonNode kindChange = null;
        for (int i = 0; i < 400 && kindChange == null; i++) {
            JsonNode audit = graphql.execute("""
                    query($project: String!) { auditTrail(filter: {projectKey: $project, flagKey: "checkout",
                      eventTypes: ["FlagKindChanged"]}, first: 10) { edges { node { changes { field before after } } } } }""",
                    Map.of("project", project)).data("auditTrail.edges");
            if (audit.size() > 0) kindChange = audit.get(0).path("node");
            else Thread.sleep(25);
        }
        assertThat(kindChange).as("an audit entry for the kind change").isNotNull();
        assertThat(kindChange.path("changes").get(0).path("field").asText()).isEqualTo("kind");
        assertThat(kindChange.path("changes").get(0).path("before").asText()).isEqualTo("RELEASE");
        assertThat(kindChange.path("changes").get(0).path("after").asText()).isEqualTo("PERMISSION");
    }

    @Test
    void exposures_are_counted_per_hour_as_each_batch_is_stored() throws Exception {
        createBooleanFlag("counted");
        String key = productionKey();
        awaitServed(key, "counted");
        // Within the ingestion's late window (older events are refused one by one, docs/sdk-api.md).
        Instant hour = TestClock.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(3));
        sendExposures(key, List.of(exposure("counted", "on", "a", hour.plusSeconds(5)),
                exposure("counted", "on", "b", hour.plusSeconds(3599)),
                exposure("counted", "on", "c", hour.plusSeconds(3600)),
                exposure("counted", "off", "a", hour.plusSeconds(10))));
        sendExposures(key, List.of(exposure("counted", "on", "d", hour.plusSeconds(60))));

        List<Map<String, Object>> rows = jdbc.queryForList("select variant, hour_start, exposures, last_seen_at from"
                + " flag_exposure_hourly where project_key = ? and flag_key = 'counted' order by hour_start, variant", project);
        List<String> counted = new ArrayList<>();
        for (Map<String, Object> row : rows)
            counted.add(row.get("variant") + "@" + instant(row.get("hour_start")) + "=" + row.get("exposures"));
        assertThat(counted).containsExactly("off@" + hour + "=1", "on@" + hour + "=3", "on@" + hour.plusSeconds(3600) + "=1");
        assertThat(jdbc.queryForObject("select exposures from flag_exposure_latest where project_key = ?"
                + " and flag_key = 'counted' and variant = 'on'", Long.class, project)).isEqualTo(4L);
        assertThat(instant(jdbc.queryForObject("select last_seen_at from flag_exposure_latest where project_key = ?"
                + " and flag_key = 'counted' and variant = 'on'", Object.class, project))).isEqualTo(hour.plusSeconds(3600));
    }

    /** When the flag's events of one type happened, newest first, once the audit trail has {@code count} of them. */
    private List<Instant> occurredAt(String flag, String eventType, int count) throws InterruptedException {
        List<Instant> instants = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            instants.clear();
            JsonNode edges = graphql.execute("""
                    query($project: String!, $flag: String!, $type: String!) { auditTrail(filter: {projectKey: $project,
                      flagKey: $flag, eventTypes: [$type]}, first: 100) { edges { node { occurredAt } } } }""",
                    Map.of("project", project, "flag", flag, "type", eventType)).data("auditTrail.edges");
            edges.forEach(edge -> instants.add(Instant.parse(edge.path("node").path("occurredAt").asText())));
            if (instants.size() >= count) return instants;
            Thread.sleep(25);
        }
        return instants;
    }

    private static Instant instant(Object column) {
        if (column instanceof OffsetDateTime offset) return offset.toInstant();
        if (column instanceof java.sql.Timestamp timestamp) return timestamp.toInstant();
        return OffsetDateTime.parse(String.valueOf(column)).toInstant();
    }

    private void createFlag(String key, String kind) {
        GraphQl.Response created = graphql.execute("""
                mutation($project: String!, $key: String!, $kind: FlagKind) {
                  createFlag(input: {projectKey: $project, key: $key, name: "A flag", valueType: BOOLEAN, kind: $kind}) {
                    flag { key kind }
                  }
                }""", Map.of("project", project, "key", key, "kind", kind));
        assertThat(created.data("createFlag.flag.kind").asText()).isEqualTo(kind);
    }

    /** On in every environment (the flag at version 0 goes to 3), so every environment serves `on` to everyone. */
    private void serveOnEverywhere(String flag) {
        serveOnEverywhere(flag, 0);
    }

    private void serveOnEverywhere(String flag, long version) {
        for (String environment : List.of("development", "staging", "production"))
            assertThat(toggle(flag, environment, true, version++, "rollout").ok()).isTrue();
    }

    private String productionKey() throws Exception {
        GraphQl.Response created = graphql.execute("""
                mutation($input: CreateSdkKeyInput!) { createSdkKey(input: $input) { secret } }""",
                Map.of("input", Map.of("projectKey", project, "environment", "production", "kind", "SERVER",
                        "name", "stale flags", "reason", "test")));
        String secret = created.data("createSdkKey.secret").asText();
        for (int i = 0; i < 200; i++) {
            if (send(secret, List.of()) != 401) return secret;
            Thread.sleep(50);
        }
        throw new AssertionError("the SDK key never became usable");
    }

    /** Exposures of a flag the environment does not have yet are refused: wait until OFREP serves it. */
    private void awaitServed(String sdkKey, String flag) throws Exception {
        for (int i = 0; i < 400; i++) {
            int status = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/ofrep/v1/evaluate/flags/" + flag))
                    .header("Authorization", "Bearer " + sdkKey).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"context\":{\"targetingKey\":\"probe\"}}")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status != 404) return;
            Thread.sleep(50);
        }
        throw new AssertionError("flag " + flag + " never reached the SDK endpoints");
    }

    private static Map<String, Object> exposure(String flag, String variant, String contextKey, Instant at) {
        Map<String, Object> event = new HashMap<>(Map.of("kind", "exposure", "flagKey", flag, "variant", variant,
                "contextKey", contextKey, "timestamp", at.toString()));
        event.put("reason", "DEFAULT");
        return event;
    }

    private void sendExposures(String sdkKey, List<Map<String, Object>> events) throws Exception {
        assertThat(send(sdkKey, events)).isEqualTo(202);
    }

    private int send(String sdkKey, List<Map<String, Object>> events) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/sdk/v1/events"))
                .header("Authorization", "Bearer " + sdkKey).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("events", events)))).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private JsonNode staleFlags(Integer days) {
        Map<String, Object> variables = new HashMap<>(Map.of("project", project));
        if (days != null) variables.put("days", days);
        GraphQl.Response response = graphql.execute(STALE_FLAGS, variables);
        assertThat(response.ok()).as(response.body().toString()).isTrue();
        return response.data("staleFlags");
    }

    /** The flag-lifecycle model follows the store asynchronously: wait until the flag is listed as expected. */
    private JsonNode awaitListed(String flag, String field, String value) throws InterruptedException {
        JsonNode report = null;
        for (int i = 0; i < 400; i++) {
            report = staleFlags(null);
            JsonNode node = byKey(report).get(flag);
            if (node != null && node.path(field).asText().equals(value)) return report;
            Thread.sleep(25);
        }
        throw new AssertionError(flag + " never listed with " + field + " = " + value + ": " + report);
    }

    /** Waits until the flag-lifecycle model has the flag's change of {@code at}; returns the listed flag. */
    private JsonNode awaitChangedAt(String flag, Instant at) throws InterruptedException {
        JsonNode node = null;
        for (int i = 0; i < 400; i++) {
            node = byKey(staleFlags(null)).get(flag);
            if (node != null && Duration.between(at, Instant.parse(node.path("lastChangedAt").asText())).abs()
                    .compareTo(Duration.ofMillis(1)) < 0) return node;
            Thread.sleep(25);
        }
        throw new AssertionError(flag + " never listed as changed at " + at + ": " + node);
    }

    private void awaitNotListed(String flag) throws InterruptedException {
        for (int i = 0; i < 400; i++) {
            if (!byKey(staleFlags(null)).containsKey(flag)) return;
            Thread.sleep(25);
        }
        throw new AssertionError(flag + " is still listed");
    }

    private static Map<String, JsonNode> byKey(JsonNode report) {
        Map<String, JsonNode> flags = new HashMap<>();
        for (JsonNode edge : report.path("edges")) flags.put(edge.path("node").path("key").asText(), edge.path("node"));
        return flags;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }
}
