package dev.flagledger.sdk.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flagledger.evaluation.EvaluationConfig;
import dev.flagledger.projections.snapshot.ConfigChange;
import dev.flagledger.projections.snapshot.EnvironmentSnapshot;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StreamFramesTest {
    private static String text(byte[] frame) {
        return new String(frame, StandardCharsets.UTF_8);
    }

    @Test
    void a_patch_frame_names_kind_key_position_and_the_new_value() {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("on", true);
        tree.put("variants", Map.of("a", 1));
        ConfigChange change = new ConfigChange("shop", "production", 42, ConfigChange.Kind.FLAG, "checkout", tree);

        assertThat(text(StreamFrames.patch(change))).isEqualTo("id:42\nevent:patch\ndata:"
                + "{\"kind\":\"flag\",\"key\":\"checkout\",\"position\":42,\"value\":{\"on\":true,\"variants\":{\"a\":1}}}\n\n");
    }

    @Test
    void a_flag_that_left_the_environment_has_a_null_value() {
        ConfigChange gone = new ConfigChange("shop", "production", 7, ConfigChange.Kind.SEGMENT, "beta", null);

        assertThat(text(StreamFrames.patch(gone)))
                .endsWith("data:{\"kind\":\"segment\",\"key\":\"beta\",\"position\":7,\"value\":null}\n\n");
    }

    @Test
    void one_change_is_rendered_once_for_all_streams_and_an_equal_but_distinct_change_is_rendered_anew() {
        ConfigChange change = new ConfigChange("shop", "production", 1, ConfigChange.Kind.FLAG, "a", Map.of());
        byte[] first = StreamFrames.patch(change);

        assertThat(StreamFrames.patch(change)).isSameAs(first);
        ConfigChange next = new ConfigChange("shop", "production", 2, ConfigChange.Kind.FLAG, "a", Map.of());
        assertThat(text(StreamFrames.patch(next))).contains("\"position\":2");
    }

    @Test
    void a_snapshot_is_rendered_once_for_every_new_stream_and_its_successor_anew() {
        EnvironmentSnapshot first = new EnvironmentSnapshot("shop", "production", 9,
                EvaluationConfig.compile(List.of(), List.of()), Map.of("flags", Map.of()));
        byte[] put = StreamFrames.put(first);

        assertThat(text(put)).isEqualTo("id:9\nevent:put\ndata:{\"flags\":{},\"position\":9}\n\n");
        assertThat(StreamFrames.put(first)).isSameAs(put);
        EnvironmentSnapshot next = new EnvironmentSnapshot("shop", "production", 10, first.config(), first.tree());
        assertThat(text(StreamFrames.put(next))).startsWith("id:10\nevent:put\n").contains("\"position\":10");
    }

    @Test
    void a_change_notice_is_rendered_once_per_position() {
        byte[] notice = StreamFrames.change(12);

        assertThat(text(notice)).isEqualTo("id:12\nevent:change\ndata:{\"position\":12}\n\n");
        assertThat(StreamFrames.change(12)).isSameAs(notice);
        assertThat(text(StreamFrames.change(13))).contains("\"position\":13");
    }
}
