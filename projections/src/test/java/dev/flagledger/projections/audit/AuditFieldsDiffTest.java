package dev.flagledger.projections.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flagledger.domain.flag.FlagTargetingChanged;
import dev.flagledger.domain.flag.FlagVariationsChanged;
import dev.flagledger.domain.flag.Rollout;
import dev.flagledger.domain.flag.Targeting;
import dev.flagledger.domain.flag.Variation;
import dev.flagledger.domain.flag.Weight;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The diff compares values by meaning: a property absent on one side and null on the other is no change. */
class AuditFieldsDiffTest {
    private static final String TARGETING = "environments.production.targeting";

    private static Targeting halfAndHalf(int on) {
        return new Targeting(List.of(), List.of(), List.of(),
                new Rollout(List.of(new Weight("on", on), new Weight("off", 100_000 - on)), null, null));
    }

    /** The state as a release that knew no {@code bucketing} kept it: the same value without the key. */
    private static Map<String, JsonNode> keptWithoutBucketing(Targeting targeting) throws Exception {
        String json = AuditFields.JSON.writeValueAsString(targeting).replace(",\"bucketing\":null", "");
        assertThat(json).doesNotContain("bucketing");
        return new LinkedHashMap<>(Map.of(TARGETING, AuditFields.JSON.readTree(json)));
    }

    @Test
    void a_property_absent_before_and_null_now_is_no_change_at_any_depth() throws Exception {
        Map<String, JsonNode> before = keptWithoutBucketing(halfAndHalf(50_000));
        Map<String, JsonNode> assigned = AuditFields.assignedBy(
                new FlagTargetingChanged("f", "p", "k", "production", halfAndHalf(50_000)));
        assertThat(assigned.get(TARGETING).path("fallthroughRollout").has("bucketing")).isTrue();

        assertThat(AuditFields.diff(before, assigned)).isEmpty();
    }

    @Test
    void a_real_change_beside_a_newly_null_property_is_still_named() throws Exception {
        Map<String, JsonNode> before = keptWithoutBucketing(halfAndHalf(50_000));
        List<FieldChange> changes = AuditFields.diff(before, AuditFields.assignedBy(
                new FlagTargetingChanged("f", "p", "k", "production", halfAndHalf(20_000))));

        assertThat(changes).extracting(FieldChange::field).containsExactly(TARGETING);
    }

    @Test
    void a_field_absent_before_and_assigned_null_is_no_change() {
        Map<String, JsonNode> assigned = new LinkedHashMap<>();
        assigned.put("applyAt", null);
        assertThat(AuditFields.diff(Map.of(), assigned)).isEmpty();
        assertThat(AuditFields.same("applyAt", null, com.fasterxml.jackson.databind.node.NullNode.instance)).isTrue();
    }

    @Test
    void list_items_are_compared_in_order_and_by_length() throws Exception {
        JsonNode ab = AuditFields.JSON.readTree("[{\"a\":1},{\"b\":2}]");
        assertThat(AuditFields.same("rules", ab, AuditFields.JSON.readTree("[{\"b\":2},{\"a\":1}]"))).isFalse();
        assertThat(AuditFields.same("rules", ab, AuditFields.JSON.readTree("[{\"a\":1}]"))).isFalse();
        assertThat(AuditFields.same("rules", ab, AuditFields.JSON.readTree("[{\"a\":1,\"c\":null},{\"b\":2}]"))).isTrue();
    }

    @Test
    void a_json_variation_value_is_the_users_own_and_absent_differs_from_null_there() {
        Map<String, JsonNode> before = AuditFields.assignedBy(new FlagVariationsChanged("f", "p", "k",
                List.of(new Variation("a", null, null, mapWithNull()))));
        Map<String, JsonNode> assigned = AuditFields.assignedBy(new FlagVariationsChanged("f", "p", "k",
                List.of(new Variation("a", null, null, Map.of()))));

        assertThat(AuditFields.diff(before, assigned)).extracting(FieldChange::field).containsExactly("variations");
        // Outside the value, the variation's own properties follow the general rule.
        assertThat(AuditFields.same("variations", assigned.get("variations"),
                AuditFields.JSON.valueToTree(List.of(Map.of("key", "a", "value", Map.of()))))).isTrue();
    }

    private static Map<String, Object> mapWithNull() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("tier", null);
        return value;
    }

    @Test
    void a_value_stored_plain_before_sealing_and_the_same_value_sealed_now_is_no_change() throws Exception {
        Map<String, JsonNode> before = Map.of("included", AuditFields.JSON.readTree("[\"alice\",\"bob\"]"));
        Map<String, JsonNode> assigned = Map.of("included",
                AuditFields.JSON.readTree("[\"pii:1:k1:sealed-alice\",\"pii:1:k2:sealed-carol\"]"));
        Map<String, String> vault = Map.of("pii:1:k1:sealed-alice", "alice", "pii:1:k2:sealed-carol", "carol");
        java.util.function.UnaryOperator<String> open = value -> vault.getOrDefault(value, value);

        assertThat(AuditFields.diff(before, Map.of("included", AuditFields.JSON.readTree("[\"alice\",\"bob\"]")), open))
                .isEmpty();
        assertThat(AuditFields.diff(before, assigned, open)).as("bob became carol").hasSize(1);
        Map<String, JsonNode> aliceOnly = Map.of("included", AuditFields.JSON.readTree("[\"alice\"]"));
        assertThat(AuditFields.diff(aliceOnly, Map.of("included", AuditFields.JSON.readTree("[\"pii:1:k1:sealed-alice\"]")),
                open)).as("alice, sealed now").isEmpty();
        assertThat(AuditFields.diff(aliceOnly, Map.of("included", AuditFields.JSON.readTree("[\"pii:1:k1:sealed-alice\"]"))))
                .as("compared as stored without a vault").hasSize(1);
    }
}
