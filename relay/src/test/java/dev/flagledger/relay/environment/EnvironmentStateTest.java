package dev.flagledger.relay.environment;

import dev.flagledger.evaluation.EvaluationContext;
import dev.flagledger.relay.stream.FanOut;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EnvironmentStateTest {
    private static final String CONFIG = "{\"flags\":{\"checkout\":" + flag(false, 1) + "},\"segments\":{}}";
    private final List<EnvironmentState> saved = new ArrayList<>();
    private final EnvironmentState state = new EnvironmentState(new EnvironmentId("shop", "staging"),
            new FanOut(new FanOut.StreamCounters(), 1024 * 1024), 8 * 1024 * 1024, Clock.systemUTC(), saved::add);

    private static String flag(boolean enabled, int version) {
        return "{\"key\":\"checkout\",\"version\":" + version + ",\"valueType\":\"boolean\",\"enabled\":" + enabled
                + ",\"variations\":{\"on\":true,\"off\":false},\"offVariation\":\"off\",\"fallthrough\":{\"variant\":\"on\"}}";
    }

    private static String patch(long position, boolean enabled) {
        return "{\"kind\":\"flag\",\"key\":\"checkout\",\"position\":" + position + ",\"value\":" + flag(enabled, (int) position) + "}";
    }

    private static List<String> written(EmbeddedChannel channel) {
        channel.runPendingTasks();
        List<String> frames = new ArrayList<>();
        for (ByteBuf frame; (frame = channel.readOutbound()) != null; ) {
            frames.add(frame.toString(StandardCharsets.UTF_8));
            frame.release();
        }
        return frames;
    }

    private boolean served() {
        return (Boolean) state.view().orElseThrow().config().evaluate("checkout", EvaluationContext.of("u1", java.util.Map.of()))
                .value();
    }

    @Test
    void a_put_then_patches_are_served_and_reach_each_stream_once_in_order() {
        state.applyPut(10, CONFIG, EnvironmentView.Source.UPSTREAM, Instant.now());
        EmbeddedChannel stream = new EmbeddedChannel();
        EmbeddedChannel notices = new EmbeddedChannel();
        state.subscribe(stream, true, null);
        state.subscribe(notices, false, null);

        state.applyPatch(12, patch(12, true));
        state.applyPatch(12, patch(12, false));
        state.applyPatch(15, patch(15, false));

        List<String> frames = written(stream);
        assertThat(frames).hasSize(3);
        assertThat(frames.get(0)).startsWith("id:10\nevent:put\ndata:{\"flags\":{\"checkout\":");
        assertThat(frames.get(1)).isEqualTo("id:12\nevent:patch\ndata:" + patch(12, true) + "\n\n");
        assertThat(frames.get(2)).isEqualTo("id:15\nevent:patch\ndata:" + patch(15, false) + "\n\n");
        assertThat(written(notices)).containsExactly("id:10\nevent:change\ndata:{\"position\":10}\n\n",
                "id:12\nevent:change\ndata:{\"position\":12}\n\n", "id:15\nevent:change\ndata:{\"position\":15}\n\n");
        assertThat(state.view().orElseThrow().position()).isEqualTo(15);
        assertThat(served()).isFalse();
        assertThat(saved).hasSize(3);
    }

    @Test
    void the_config_body_is_the_put_without_its_frame_and_its_etag_is_the_servers() {
        state.applyPut(10, CONFIG, EnvironmentView.Source.UPSTREAM, Instant.now());
        state.applyPatch(11, patch(11, true));
        EnvironmentView view = state.view().orElseThrow();

        String body = new String(view.putFrame(), view.bodyOffset(), view.bodyLength(), StandardCharsets.UTF_8);
        assertThat(body).isEqualTo("{\"flags\":{\"checkout\":" + flag(true, 11) + "},\"segments\":{},\"position\":11}");
        assertThat(view.etag()).isEqualTo("\"shop/staging/11\"");
        assertThat(served()).isTrue();
    }

    @Test
    void a_stream_resuming_within_the_history_gets_only_what_it_missed_and_one_behind_it_a_put() {
        state.applyPut(10, CONFIG, EnvironmentView.Source.UPSTREAM, Instant.now());
        state.applyPatch(11, patch(11, true));
        state.applyPatch(12, patch(12, false));

        EmbeddedChannel resumed = new EmbeddedChannel();
        state.subscribe(resumed, true, 11L);
        EmbeddedChannel current = new EmbeddedChannel();
        state.subscribe(current, true, 12L);
        EmbeddedChannel ahead = new EmbeddedChannel();
        state.subscribe(ahead, true, 20L);
        EmbeddedChannel behind = new EmbeddedChannel();
        state.subscribe(behind, true, 3L);
        state.applyPatch(14, patch(14, true));

        assertThat(written(resumed)).containsExactly("id:12\nevent:patch\ndata:" + patch(12, false) + "\n\n",
                "id:14\nevent:patch\ndata:" + patch(14, true) + "\n\n");
        assertThat(written(current)).containsExactly("id:14\nevent:patch\ndata:" + patch(14, true) + "\n\n");
        assertThat(written(ahead)).as("a client newer than the relay (restarted from disk) gets nothing twice").isEmpty();
        List<String> fresh = written(behind);
        assertThat(fresh.get(0)).startsWith("id:12\nevent:put\n");
        assertThat(fresh).hasSize(2);
    }

    @Test
    void an_older_or_equal_put_is_ignored_and_a_newer_one_replaces_everything_for_every_stream() {
        state.applyPut(10, CONFIG, EnvironmentView.Source.DISK, Instant.now());
        EmbeddedChannel stream = new EmbeddedChannel();
        state.subscribe(stream, true, 10L);

        assertThat(state.applyPut(8, "{\"flags\":{},\"segments\":{}}", EnvironmentView.Source.UPSTREAM, Instant.now())).isFalse();
        assertThat(state.applyPut(10, "{\"flags\":{},\"segments\":{}}", EnvironmentView.Source.UPSTREAM, Instant.now())).isFalse();
        assertThat(state.view().orElseThrow().flags()).isEqualTo(1);
        assertThat(state.applyPut(20, "{\"flags\":{},\"segments\":{}}", EnvironmentView.Source.UPSTREAM, Instant.now())).isTrue();

        assertThat(state.view().orElseThrow().flags()).isZero();
        assertThat(state.view().orElseThrow().source()).isEqualTo(EnvironmentView.Source.UPSTREAM);
        assertThat(written(stream)).containsExactly("id:20\nevent:put\ndata:{\"flags\":{},\"segments\":{},\"position\":20}\n\n");
    }

    @Test
    void a_removed_flag_leaves_the_config_and_an_invalid_one_is_a_parse_error_not_a_failure() {
        state.applyPut(10, CONFIG, EnvironmentView.Source.UPSTREAM, Instant.now());
        state.applyPatch(11, "{\"kind\":\"flag\",\"key\":\"broken\",\"position\":11,\"value\":{\"key\":\"broken\",\"invalid\":\"old\"}}");
        state.applyPatch(12, "{\"kind\":\"flag\",\"key\":\"checkout\",\"position\":12,\"value\":null}");

        EnvironmentView view = state.view().orElseThrow();
        assertThat(view.config().evaluate("checkout", EvaluationContext.of("u1", java.util.Map.of())).errorCode().name())
                .isEqualTo("FLAG_NOT_FOUND");
        assertThat(view.config().evaluate("broken", EvaluationContext.of("u1", java.util.Map.of())).errorCode().name())
                .isEqualTo("PARSE_ERROR");
    }
}
