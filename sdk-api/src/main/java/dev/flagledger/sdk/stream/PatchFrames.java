package dev.flagledger.sdk.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flagledger.projections.snapshot.ConfigChange;
import dev.flagledger.projections.snapshot.EnvironmentSnapshot;
import dev.flagledger.sdk.sse.SseFrames;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The SSE frames of the SDK streams, as bytes. A {@code patch} is rendered once per change for all of
 * an environment's streams: the snapshot projection hands one change to every open stream in turn, on
 * one thread, so remembering the last change rendered (by identity) saves rendering it again per
 * stream; with 1 000 streams, per-stream serialisation was most of the fan-out's CPU on 2 cores.
 */
final class PatchFrames {
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Rendered(ConfigChange change, byte[] frame) {
    }

    private static final AtomicReference<Rendered> LAST = new AtomicReference<>();

    private PatchFrames() {
    }

    static byte[] patch(ConfigChange change) {
        Rendered last = LAST.get();
        if (last != null && last.change() == change) return last.frame();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", change.kind().name().toLowerCase(Locale.ROOT));
        body.put("key", change.key());
        body.put("position", change.position());
        body.put("value", change.tree());
        byte[] frame = SseFrames.event("patch", change.position(), json(body));
        LAST.set(new Rendered(change, frame));
        return frame;
    }

    /** Everything in the environment, and the position it is at: the first event of a new stream. */
    static byte[] put(EnvironmentSnapshot snapshot) {
        return SseFrames.event("put", snapshot.position(), json(putBody(snapshot)));
    }

    static Map<String, Object> putBody(EnvironmentSnapshot snapshot) {
        Map<String, Object> body = new LinkedHashMap<>(snapshot.tree());
        body.put("position", snapshot.position());
        return body;
    }

    private static String json(Map<String, Object> body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException notJson) {
            throw new IllegalStateException("a config tree is plain JSON values: " + notJson.getMessage(), notJson);
        }
    }
}
