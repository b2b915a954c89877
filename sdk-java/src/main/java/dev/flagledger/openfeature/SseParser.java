package dev.flagledger.openfeature;

import java.util.ArrayList;
import java.util.List;

/**
 * Server-Sent Events, line by line (WHATWG rules: {@code event}, {@code data}, {@code id}, comments
 * starting with {@code :}, a blank line ends an event). Lines arrive without their terminators.
 */
final class SseParser {
    /** One dispatched event; {@code id} is the last id seen on the stream (it carries over), or null. */
    record Event(String name, String data, String id) {
    }

    interface Listener {
        void onEvent(Event event);
    }

    private final Listener listener;
    private String name = "message";
    private final List<String> data = new ArrayList<>();
    private String lastId;

    SseParser(Listener listener) {
        this.listener = listener;
    }

    void line(String line) {
        if (line.isEmpty()) {
            if (!data.isEmpty()) listener.onEvent(new Event(name, String.join("\n", data), lastId));
            name = "message";
            data.clear();
            return;
        }
        if (line.charAt(0) == ':') return;
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) value = value.substring(1);
        switch (field) {
            case "event" -> name = value;
            case "data" -> data.add(value);
            case "id" -> {
                if (value.indexOf('\0') < 0) lastId = value;
            }
            default -> {
                // retry and unknown fields: ignored
            }
        }
    }
}
