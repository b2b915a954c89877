package dev.flagledger.sdk.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.flagledger.projections.snapshot.ConfigChange;
import dev.flagledger.projections.snapshot.EnvironmentSnapshot;
import dev.flagledger.sdk.sse.SseFrames;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The SSE frames of the SDK streams, as bytes, each rendered once for every stream that gets it. The
 * snapshot projection hands one change to every open stream in turn, on one thread, so remembering the
 * last change rendered (by identity) saves rendering its {@code patch} or {@code change} frame again
 * per stream: with 1 000 streams, per-stream serialisation was most of the fan-out's CPU on 2 cores.
 * A {@code put} is remembered per snapshot (by identity, while the snapshot is current), so a
 * reconnecting crowd does not serialise the same configuration once per client.
 */
final class StreamFrames {
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Rendered(ConfigChange change, byte[] frame) {
    }

    private record Notice(long position, byte[] frame) {
    }

    private static final AtomicReference<Rendered> LAST_PATCH = new AtomicReference<>();
    private static final AtomicReference<Notice> LAST_NOTICE = new AtomicReference<>();
    /** Weak keys compare by identity: a snapshot replaced by a newer one drops out by itself. */
    private static final Cache<EnvironmentSnapshot, byte[]> PUTS = Caffeine.newBuilder().weakKeys()
            .maximumSize(10_000).build();

    private StreamFrames() {
    }

    static byte[] patch(ConfigChange change) {
        Rendered last = LAST_PATCH.get();
        if (last != null && last.change() == change) return last.frame();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", change.kind().name().toLowerCase(Locale.ROOT));
        body.put("key", change.key());
        body.put("position", change.position());
        body.put("value", change.tree());
        byte[] frame = SseFrames.event("patch", change.position(), json(body));
        LAST_PATCH.set(new Rendered(change, frame));
        return frame;
    }

    /** The content-free notice of the client-key stream that the environment is now at {@code position}. */
    static byte[] change(long position) {
        Notice last = LAST_NOTICE.get();
        if (last != null && last.position() == position) return last.frame();
        byte[] frame = SseFrames.change(position);
        LAST_NOTICE.set(new Notice(position, frame));
        return frame;
    }

    /** Everything in the environment, and the position it is at: the first event of a new stream. */
    static byte[] put(EnvironmentSnapshot snapshot) {
        return PUTS.get(snapshot, current -> SseFrames.event("put", current.position(), json(putBody(current))));
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
