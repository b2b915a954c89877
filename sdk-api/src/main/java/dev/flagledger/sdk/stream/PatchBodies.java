package dev.flagledger.sdk.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flagledger.projections.snapshot.ConfigChange;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The JSON body of a {@code patch} event, rendered once per change for all of an environment's
 * streams. The snapshot projection hands one change to every open stream in turn, on one thread, so
 * remembering the last change rendered (by identity) saves rendering it again per stream: with
 * 1 000 streams, per-stream serialisation was most of the fan-out's CPU on 2 cores.
 */
final class PatchBodies {
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Rendered(ConfigChange change, String json) {
    }

    private static final AtomicReference<Rendered> LAST = new AtomicReference<>();

    private PatchBodies() {
    }

    static String json(ConfigChange change) {
        Rendered last = LAST.get();
        if (last != null && last.change() == change) return last.json();
        String json = render(change);
        LAST.set(new Rendered(change, json));
        return json;
    }

    private static String render(ConfigChange change) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", change.kind().name().toLowerCase(Locale.ROOT));
        body.put("key", change.key());
        body.put("position", change.position());
        body.put("value", change.tree());
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException notJson) {
            throw new IllegalStateException("a config tree is plain JSON values: " + notJson.getMessage(), notJson);
        }
    }
}
