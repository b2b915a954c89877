package dev.flagledger.relay.upstream;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Reads a Server-Sent Events stream (the WHATWG event-stream format): {@code event}, {@code id} and
 * {@code data} fields, events ended by a blank line, comments reported as activity only.
 */
public final class SseReader {
    /** One dispatched event; {@code id} is null when the event carried none. */
    public record Event(String name, String id, String data) {
    }

    /** Receives what the stream delivers, on the reading thread. */
    public interface Listener {
        void onEvent(Event event) throws IOException;

        /** Any line at all, comments (heartbeats) included. */
        void onActivity();
    }

    private SseReader() {
    }

    /** Reads until the stream ends (returns) or fails (throws). */
    public static void read(InputStream stream, Listener listener) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8), 64 * 1024);
        String name = null;
        String id = null;
        StringBuilder data = null;
        for (String line; (line = lines.readLine()) != null; ) {
            listener.onActivity();
            if (line.isEmpty()) {
                if (data != null) listener.onEvent(new Event(name == null ? "message" : name, id, data.toString()));
                name = null;
                id = null;
                data = null;
                continue;
            }
            if (line.startsWith(":")) continue;
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) value = value.substring(1);
            switch (field) {
                case "event" -> name = value;
                case "id" -> id = value;
                case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                default -> {
                    // retry and unknown fields: nothing to do
                }
            }
        }
    }
}
