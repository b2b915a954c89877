package dev.flagledger.relay.environment;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.flagledger.relay.Json;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Reads a {@code patch} event's data ({@code {"kind", "key", "position", "value"}}) in one streaming
 * pass, taking {@code value} as the exact text the upstream sent: it is held and passed on as is,
 * never parsed into a tree and written again.
 */
final class PatchReader {
    /** {@code value} null: the flag or segment left the environment. */
    record Patch(boolean flag, String key, String value) {
    }

    private PatchReader() {
    }

    static Patch read(String data) {
        String kind = null;
        String key = null;
        String value = null;
        try (JsonParser parser = Json.MAPPER.getFactory().createParser(data)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) throw new IllegalArgumentException("a patch is a JSON object");
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken token = parser.nextToken();
                switch (field) {
                    case "kind" -> kind = parser.getValueAsString();
                    case "key" -> key = parser.getValueAsString();
                    case "value" -> {
                        if (token != JsonToken.VALUE_NULL) {
                            int start = (int) parser.currentTokenLocation().getCharOffset();
                            parser.skipChildren();
                            int end = (int) parser.currentLocation().getCharOffset();
                            value = data.substring(start, end);
                        }
                    }
                    default -> parser.skipChildren();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("a patch that is not JSON", e);
        }
        if (key == null || !("flag".equals(kind) || "segment".equals(kind)))
            throw new IllegalArgumentException("a patch needs kind flag|segment and a key: " + data);
        return new Patch(kind.equals("flag"), key, value);
    }
}
