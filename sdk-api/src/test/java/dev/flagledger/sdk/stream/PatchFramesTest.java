package dev.flagledger.sdk.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flagledger.projections.snapshot.ConfigChange;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PatchFramesTest {
    private static String text(byte[] frame) {
        return new String(frame, StandardCharsets.UTF_8);
    }

    @Test
    void a_patch_frame_names_kind_key_position_and_the_new_value() {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("on", true);
        tree.put("variants", Map.of("a", 1));
        ConfigChange change = new ConfigChange("shop", "production", 42, ConfigChange.Kind.FLAG, "checkout", tree);

        assertThat(text(PatchFrames.patch(change))).isEqualTo("id:42\nevent:patch\ndata:"
                + "{\"kind\":\"flag\",\"key\":\"checkout\",\"position\":42,\"value\":{\"on\":true,\"variants\":{\"a\":1}}}\n\n");
    }

    @Test
    void a_flag_that_left_the_environment_has_a_null_value() {
        ConfigChange gone = new ConfigChange("shop", "production", 7, ConfigChange.Kind.SEGMENT, "beta", null);

        assertThat(text(PatchFrames.patch(gone)))
                .endsWith("data:{\"kind\":\"segment\",\"key\":\"beta\",\"position\":7,\"value\":null}\n\n");
    }

    @Test
    void one_change_is_rendered_once_for_all_streams_and_an_equal_but_distinct_change_is_rendered_anew() {
        ConfigChange change = new ConfigChange("shop", "production", 1, ConfigChange.Kind.FLAG, "a", Map.of());
        byte[] first = PatchFrames.patch(change);

        assertThat(PatchFrames.patch(change)).isSameAs(first);
        ConfigChange next = new ConfigChange("shop", "production", 2, ConfigChange.Kind.FLAG, "a", Map.of());
        assertThat(text(PatchFrames.patch(next))).contains("\"position\":2");
    }
}
