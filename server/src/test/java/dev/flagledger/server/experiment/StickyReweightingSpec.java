package dev.flagledger.server.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flagledger.domain.flag.FlagTargetingChanged;
import dev.flagledger.evaluation.EvaluationConfig;
import dev.flagledger.evaluation.EvaluationContext;
import dev.flagledger.evaluation.bucketing.Bucketer;
import dev.flagledger.evaluation.format.ConfigTreeReader;
import dev.flagledger.server.support.Eventually;
import dev.flagledger.server.support.ServerSpec;
import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static dev.flagledger.server.experiment.ExperimentFixture.arm;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sticky re-weighting end to end (docs/experiments.md, "Sticky re-weighting"): through the event store, the
 * projections and the SDK config, 20 000 units are evaluated before and after a re-weighting with the
 * engine the SDKs embed. A unit changes variation exactly when its bucket changed owner, and exactly the
 * sum of the decreases changed owner; a rollout stored before bucket ranges existed still serves the
 * cumulative walk it always served.
 */
public abstract class StickyReweightingSpec extends ServerSpec {
    private static final int UNITS = 20_000;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    @Autowired
    @Qualifier("aggregateCache")
    Cache aggregateCache;

    @Test
    void a_rollout_stored_before_bucket_ranges_serves_the_cumulative_walk_and_a_reweighting_moves_only_the_decreases()
            throws Exception {
        ExperimentFixture fixture = new ExperimentFixture(graphql, port, project);
        fixture.flag("layout", "a", "b", "c"); // version 1: created, turned on in staging
        String flagId = fixture.ok("query($p: String!) { flag(projectKey: $p, key: \"layout\") { id } }",
                Map.of("p", project)).path("flag").path("id").asText();
        // The targeting event exactly as releases before bucket ranges wrote it: weights without "ranges".
        String payload = "{\"flagId\":\"" + flagId + "\",\"projectKey\":\"" + project + "\",\"flagKey\":\"layout\","
                + "\"environment\":\"staging\",\"targeting\":{\"prerequisites\":[],\"targets\":[],\"rules\":[],"
                + "\"fallthroughRollout\":{\"weights\":[{\"variation\":\"a\",\"weight\":34000},"
                + "{\"variation\":\"b\",\"weight\":33000},{\"variation\":\"c\",\"weight\":33000}],"
                + "\"bucketBy\":null,\"salt\":null,\"bucketing\":null}}}";
        jdbc.update("insert into domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier, metadata,"
                        + " payload, payloadrevision, payloadtype, timestamp) values (?, 2, 'Flag', ?, ?, ?, null, ?, ?)",
                flagId, UUID.randomUUID().toString(),
                "{\"actorSubject\":\"local:admin\",\"origin\":\"api\"}".getBytes(StandardCharsets.UTF_8),
                payload.getBytes(StandardCharsets.UTF_8), FlagTargetingChanged.class.getName(), Instant.now().toString());
        aggregateCache.remove(flagId); // the next command replays the flag from the store, old event included

        String sdkKey = fixture.sdkKey();
        JsonNode old = config(sdkKey, tree -> tree.path("flags").path("layout").path("fallthrough").has("rollout"));
        assertThat(old.toString()).as("an old rollout keeps the config shape older SDKs read").doesNotContain("ranges");
        EvaluationConfig before = EvaluationConfig.compile(ConfigTreeReader.read(tree(old)));
        String[] was = new String[UNITS];
        for (int unit = 0; unit < UNITS; unit++) {
            int bucket = Bucketer.bucket("layout", "user-" + unit);
            String walk = bucket < 34_000 ? "a" : bucket < 67_000 ? "b" : "c";
            was[unit] = before.evaluate("layout", EvaluationContext.of("user-" + unit, Map.of())).variant();
            assertThat(was[unit]).as("user-%d, bucket %d", unit, bucket).isEqualTo(walk);
        }

        // 34/33/33 -> 10/30/60 through the API, as the admin UI sends it (weights only).
        fixture.ok("""
                mutation($input: SetFlagTargetingInput!) { setFlagTargeting(input: $input) { flag { version } } }""",
                Map.of("input", Map.of("projectKey", project, "key", "layout", "environment", "staging",
                        "expectedVersion", 2, "targeting", Map.of("fallthroughRollout", Map.of("weights", List.of(
                                Map.of("variation", "a", "weight", 10_000), Map.of("variation", "b", "weight", 30_000),
                                Map.of("variation", "c", "weight", 60_000)))))));
        JsonNode next = config(sdkKey, tree -> tree.toString().contains("ranges"));
        EvaluationConfig after = EvaluationConfig.compile(ConfigTreeReader.read(tree(next)));
        int changed = 0;
        int walkWouldChange = 0;
        for (int unit = 0; unit < UNITS; unit++) {
            int bucket = Bucketer.bucket("layout", "user-" + unit);
            String is = after.evaluate("layout", EvaluationContext.of("user-" + unit, Map.of())).variant();
            // a gives up 24 000 buckets, b 3 000, and c takes them: only those buckets change owner.
            boolean moved = bucket >= 10_000 && bucket < 34_000 || bucket >= 64_000 && bucket < 67_000;
            assertThat(!is.equals(was[unit])).as("user-%d, bucket %d: %s -> %s", unit, bucket, was[unit], is).isEqualTo(moved);
            if (moved) {
                changed++;
                assertThat(is).isEqualTo("c");
            }
            String walk = bucket < 10_000 ? "a" : bucket < 40_000 ? "b" : "c";
            if (!walk.equals(was[unit])) walkWouldChange++;
        }
        System.out.printf("sticky re-weighting 34/33/33 -> 10/30/60: %d of %d units changed (the cumulative walk: %d)%n",
                changed, UNITS, walkWouldChange);
        assertThat(changed / (double) UNITS).as("27 %% of buckets changed owner").isBetween(0.255, 0.285);
        assertThat(walkWouldChange / (double) UNITS).as("the walk would move 51 %%").isBetween(0.495, 0.525);
    }

    @Test
    void a_three_arm_experiment_reweighted_by_hand_moves_exactly_the_buckets_its_shrinking_arms_give_up() throws Exception {
        ExperimentFixture fixture = new ExperimentFixture(graphql, port, project);
        fixture.flag("button", "grey", "blue", "green");
        fixture.conversionMetric("signup", "signup");
        fixture.experiment("colours", "button", List.of(arm("grey", 34_000), arm("blue", 33_000), arm("green", 33_000)),
                "signup", List.of(), null);
        JsonNode started = fixture.transition("startExperiment", "colours", 0, "three colours");
        String sdkKey = fixture.sdkKey();
        JsonNode first = config(sdkKey, tree -> tree.toString().contains("exp-colours"));
        EvaluationConfig before = EvaluationConfig.compile(ConfigTreeReader.read(tree(first)));
        String salt = started.path("serving").path("salt").asText();
        String[] was = new String[UNITS];
        for (int unit = 0; unit < UNITS; unit++)
            was[unit] = before.evaluate("button", EvaluationContext.of("user-" + unit, Map.of())).variant();

        // Twice: the second re-weighting starts from ranges, not from the cumulative walk.
        int[][] steps = {{10_000, 30_000, 60_000}, {40_000, 45_000, 15_000}};
        long version = started.path("version").asLong();
        for (int[] weights : steps) {
            int[] previous = shares(first, "exp-colours");
            JsonNode reweighted = fixture.ok("""
                    mutation($input: ReweightExperimentInput!) { reweightExperiment(input: $input) { experiment { version } } }""",
                    Map.of("input", Map.of("projectKey", project, "key", "colours", "environment", "staging",
                            "arms", List.of(arm("grey", weights[0]), arm("blue", weights[1]), arm("green", weights[2])),
                            "expectedVersion", version, "reason", "by hand")));
            version = reweighted.path("reweightExperiment").path("experiment").path("version").asLong();
            JsonNode next = config(sdkKey, tree -> shares(tree, "exp-colours")[0] == weights[0]);
            EvaluationConfig after = EvaluationConfig.compile(ConfigTreeReader.read(tree(next)));
            String[] ownerBefore = owners(first);
            String[] ownerAfter = owners(next);
            int movedBuckets = 0;
            for (int bucket = 0; bucket < 100_000; bucket++) if (!ownerBefore[bucket].equals(ownerAfter[bucket])) movedBuckets++;
            int decreases = 0;
            for (int arm = 0; arm < 3; arm++) decreases += Math.max(0, previous[arm] - weights[arm]);
            assertThat(movedBuckets).as("buckets that changed arm: the sum of the decreases, the least possible")
                    .isEqualTo(decreases);
            int changed = 0;
            for (int unit = 0; unit < UNITS; unit++) {
                int bucket = Bucketer.bucket(salt, "user-" + unit);
                String is = after.evaluate("button", EvaluationContext.of("user-" + unit, Map.of())).variant();
                assertThat(is).isEqualTo(ownerAfter[bucket]);
                assertThat(!is.equals(was[unit])).as("user-%d changes arm exactly when its bucket did", unit)
                        .isEqualTo(!ownerBefore[bucket].equals(ownerAfter[bucket]));
                if (!is.equals(was[unit])) changed++;
                was[unit] = is;
            }
            assertThat(changed / (double) UNITS).isBetween(decreases / 100_000.0 - 0.015, decreases / 100_000.0 + 0.015);
            before = after;
            first = next;
        }
    }

    /**
     * Which arm each bucket serves, read from the config JSON as docs/evaluation.md defines it (not by the
     * engine): the listed ranges, else the cumulative walk of the weights.
     */
    private static String[] owners(JsonNode config) {
        String[] owners = new String[100_000];
        for (JsonNode rule : config.path("flags").path("button").path("rules")) {
            if (!rule.path("id").asText().equals("exp-colours")) continue;
            int from = 0;
            for (JsonNode weighted : rule.path("serve").path("rollout").path("weights")) {
                String arm = weighted.path("variant").asText();
                if (weighted.has("ranges")) {
                    for (JsonNode range : weighted.path("ranges"))
                        for (int bucket = range.get(0).asInt(); bucket < range.get(1).asInt(); bucket++) owners[bucket] = arm;
                } else {
                    for (int bucket = from; bucket < from + weighted.path("weight").asInt(); bucket++) owners[bucket] = arm;
                }
                from += weighted.path("weight").asInt();
            }
        }
        for (int bucket = 0; bucket < owners.length; bucket++)
            assertThat(owners[bucket]).as("bucket %d has an arm", bucket).isNotNull();
        return owners;
    }

    private static int[] shares(JsonNode config, String ruleId) {
        for (JsonNode rule : config.path("flags").path("button").path("rules"))
            if (rule.path("id").asText().equals(ruleId)) {
                JsonNode weights = rule.path("serve").path("rollout").path("weights");
                int[] shares = new int[weights.size()];
                for (int i = 0; i < shares.length; i++) shares[i] = weights.get(i).path("weight").asInt();
                return shares;
            }
        return new int[] {-1, -1, -1};
    }

    private JsonNode config(String sdkKey, Predicate<JsonNode> ready) {
        JsonNode[] seen = new JsonNode[1];
        Eventually.await(() -> {
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/sdk/v1/config")).header("Authorization", "Bearer " + sdkKey).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) return false;
                seen[0] = ExperimentFixture.JSON.readTree(response.body());
                return ready.test(seen[0]);
            } catch (Exception e) {
                return false;
            }
        }, "the SDK config shows the change");
        return seen[0];
    }

    private static Object tree(JsonNode config) {
        return ExperimentFixture.JSON.convertValue(config, Map.class);
    }
}
