package dev.flagledger.sdk.ofrep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flagledger.evaluation.EvaluationConfig;
import dev.flagledger.evaluation.EvaluationContext;
import dev.flagledger.evaluation.format.ConfigTreeReader;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class BulkEvaluationsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An environment at a position: its ETag and its compiled config. */
    private record Snapshot(String etag, EvaluationConfig config) {
    }

    private static Snapshot snapshot(long position, boolean enabled) {
        Map<String, Object> tree = Map.of("flags", Map.of(
                "checkout", Map.of("version", position, "valueType", "boolean", "enabled", enabled,
                        "variations", Map.of("on", true, "off", false), "offVariation", "off",
                        "rules", List.of(Map.of("id", "nl", "clauses", List.of(Map.of("attribute", "country",
                                "operator", "in", "values", List.of("NL"))), "serve", Map.of("variant", "on"))),
                        "fallthrough", Map.of("variant", "off")),
                "limit", Map.of("version", 1, "valueType", "number", "enabled", true,
                        "variations", Map.of("low", 10, "high", 1000), "fallthrough", Map.of("variant", "high"))));
        return new Snapshot(OfrepAnswers.configEtag("shop", "production", position),
                EvaluationConfig.compile(ConfigTreeReader.read(tree)));
    }

    private static BulkEvaluations.Answer answer(BulkEvaluations bulk, Snapshot snapshot, EvaluationContext context,
                                                 String canonical) {
        return bulk.answer(snapshot.etag(), snapshot.config(), context, canonical);
    }

    private static EvaluationContext context(String key, String country) {
        return new EvaluationContext(Map.of("targetingKey", key, "country", country));
    }

    @Test
    void the_answer_evaluates_every_flag_of_the_snapshot_for_the_context() throws Exception {
        BulkEvaluations bulk = new BulkEvaluations(1 << 20);
        BulkEvaluations.Answer answer = answer(bulk, snapshot(5, true), context("u1", "NL"), "{\"country\":\"NL\"}");
        JsonNode flags = JSON.readTree(answer.json()).get("flags");
        assertThat(flags).hasSize(2);
        assertThat(flags.findValuesAsText("key")).containsExactly("checkout", "limit");
        assertThat(flags.get(0).get("value").asBoolean()).isTrue();
        assertThat(flags.get(0).get("reason").asText()).isEqualTo("TARGETING_MATCH");
        // Whole numbers go out as integers, never 1E+3.
        assertThat(flags.get(1).get("value").isIntegralNumber()).as(flags.toString()).isTrue();
        assertThat(flags.get(1).get("value").asInt()).isEqualTo(1000);
    }

    @Test
    void the_same_snapshot_and_context_get_the_same_bytes_and_etag_from_the_cache() {
        BulkEvaluations bulk = new BulkEvaluations(1 << 20);
        Snapshot snapshot = snapshot(5, true);
        BulkEvaluations.Answer first = answer(bulk, snapshot, context("u1", "NL"), "ctx-a");
        BulkEvaluations.Answer second = answer(bulk, snapshot, context("u1", "NL"), "ctx-a");
        assertThat(second).isSameAs(first);
        assertThat(first.etag()).isEqualTo(OfrepAnswers.bulkEtag(snapshot.etag(), "ctx-a"));
    }

    @Test
    void a_new_snapshot_or_another_context_never_gets_an_old_answer() throws Exception {
        BulkEvaluations bulk = new BulkEvaluations(1 << 20);
        BulkEvaluations.Answer before = answer(bulk, snapshot(5, true), context("u1", "NL"), "ctx-a");
        BulkEvaluations.Answer after = answer(bulk, snapshot(6, false), context("u1", "NL"), "ctx-a");
        BulkEvaluations.Answer other = answer(bulk, snapshot(5, true), context("u2", "DE"), "ctx-b");
        assertThat(after.etag()).isNotEqualTo(before.etag());
        assertThat(JSON.readTree(after.json()).get("flags").get(0).get("reason").asText()).isEqualTo("DISABLED");
        assertThat(other.etag()).isNotEqualTo(before.etag());
        assertThat(JSON.readTree(other.json()).get("flags").get(0).get("value").asBoolean()).isFalse();
    }

    @Test
    void the_cache_stays_within_its_byte_bound() {
        BulkEvaluations bulk = new BulkEvaluations(64 * 1024);
        Snapshot snapshot = snapshot(5, true);
        for (int i = 0; i < 5_000; i++) answer(bulk, snapshot, context("u" + i, "NL"), "ctx-" + i);
        bulk.cleanUp();
        // An answer here weighs a few hundred bytes: 64 KiB holds a few hundred, never thousands.
        assertThat(bulk.size()).isBetween(1L, 400L);
    }
}
