package dev.flagledger.sdk.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flagledger.projections.snapshot.ConfigChange;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PatchBodiesTest {
    @Test
    void a_patch_body_names_kind_key_position_and_the_new_value() {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("on", true);
        tree.put("variants", Map.of("a", 1));
        ConfigChange change = new ConfigChange("shop", "production", 42, ConfigChange.Kind.FLAG, "checkout", tree);

        assertThat(PatchBodies.json(change))
                .isEqualTo("{\"kind\":\"flag\",\"key\":\"checkout\",\"position\":42,\"value\":{\"on\":true,\"variants\":{\"a\":1}}}");
    }

    @Test
    void a_flag_that_left_the_environment_has_a_null_value() {
        ConfigChange gone = new ConfigChange("shop", "production", 7, ConfigChange.Kind.SEGMENT, "beta", null);

        assertThat(PatchBodies.json(gone)).isEqualTo("{\"kind\":\"segment\",\"key\":\"beta\",\"position\":7,\"value\":null}");
    }

    @Test
    void one_change_is_rendered_once_for_all_streams_and_an_equal_but_distinct_change_is_rendered_anew() {
        ConfigChange change = new ConfigChange("shop", "production", 1, ConfigChange.Kind.FLAG, "a", Map.of());
        String first = PatchBodies.json(change);

        assertThat(PatchBodies.json(change)).isSameAs(first);
        ConfigChange next = new ConfigChange("shop", "production", 2, ConfigChange.Kind.FLAG, "a", Map.of());
        assertThat(PatchBodies.json(next)).contains("\"position\":2");
    }
}
