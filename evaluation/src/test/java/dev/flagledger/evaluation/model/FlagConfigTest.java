package dev.flagledger.evaluation.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class FlagConfigTest {

    private static FlagConfig flag(ValueType type, Map<String, Object> variations, Served fallthrough) {
        return new FlagConfig("f", type, variations, true, null, Map.of(), List.of(), fallthrough, List.of(), null, 1);
    }

    @Test
    void serving_an_unknown_variant_is_rejected() {
        assertThatThrownBy(() -> flag(ValueType.BOOLEAN, Map.of("on", true), new Served.Variation("maybe")))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("maybe");
    }

    @Test
    void a_variation_of_the_wrong_type_is_rejected() {
        assertThatThrownBy(() -> flag(ValueType.NUMBER, Map.of("n", "1"), new Served.Variation("n")))
                .isInstanceOf(InvalidConfigException.class);
    }

    @Test
    void rollout_weights_must_sum_to_100000() {
        assertThatThrownBy(() -> new Served.Rollout(List.of(new WeightedVariant("a", 60_000),
                new WeightedVariant("b", 40_001)), null, null))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("100001");
    }

    @Test
    void a_rollout_buckets_by_the_targeting_key_unless_told_otherwise() {
        assertThat(new Served.Rollout(List.of(new WeightedVariant("a", 100_000)), null, null).bucketBy())
                .isEqualTo("targetingKey");
    }

    @Test
    void the_salt_defaults_to_the_flag_key() {
        assertThat(flag(ValueType.BOOLEAN, Map.of("on", true), new Served.Variation("on")).salt()).isEqualTo("f");
    }

    @Test
    void variations_keep_their_order_and_are_copied_deeply() {
        Map<String, Object> variations = new LinkedHashMap<>();
        List<Object> list = new ArrayList<>(List.of(1, 2));
        variations.put("z", list);
        variations.put("a", null);
        FlagConfig flag = flag(ValueType.JSON, variations, new Served.Variation("z"));
        list.add(3);

        assertThat(flag.variations().keySet()).containsExactly("z", "a");
        assertThat(flag.variations().get("z")).isEqualTo(List.of(1, 2));
    }

    @Test
    void non_finite_numbers_are_not_json() {
        assertThatThrownBy(() -> flag(ValueType.NUMBER, Map.of("n", Double.NaN), new Served.Variation("n")))
                .isInstanceOf(InvalidConfigException.class);
    }
}
