package dev.flagledger.sdk.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flagledger.sdk.events.SdkEvent.InvalidSdkEvent;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code {"events": [...]}} into validated events; any bad event refuses the whole batch with
 * the path of the first problem ({@code events[3].flagKey: ...}), so an SDK never half-sends. The
 * server and the relay validate here alike: a batch the relay accepts (and spools) is one the
 * server will accept when the relay forwards it.
 */
public final class SdkEventBatchReader {
    public static final int MAX_EVENTS = 500;
    /** 500 events of a few hundred bytes each fit; anything larger is not an SDK batch. */
    public static final int MAX_BODY_BYTES = 256 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16).build());
    }

    private SdkEventBatchReader() {
    }

    /** A valid batch: the events, and each one's JSON as received (what a relay forwards). */
    public record Batch(List<SdkEvent> events, List<String> json) {
    }

    public static List<SdkEvent> read(byte[] body) {
        return readBatch(body).events();
    }

    public static Batch readBatch(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body == null ? new byte[0] : body);
        } catch (JsonProcessingException malformed) {
            throw new InvalidSdkEvent("the body is not valid JSON");
        } catch (IOException unreadable) {
            throw new InvalidSdkEvent("the body could not be read");
        }
        if (root == null || !root.isObject() || !root.path("events").isArray())
            throw new InvalidSdkEvent("the body must be {\"events\": [...]}");
        JsonNode events = root.get("events");
        if (events.isEmpty()) throw new InvalidSdkEvent("events: must not be empty");
        if (events.size() > MAX_EVENTS) throw new InvalidSdkEvent("events: at most " + MAX_EVENTS + " per batch");
        List<SdkEvent> read = new ArrayList<>(events.size());
        List<String> json = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            try {
                read.add(event(events.get(i)));
                json.add(events.get(i).toString());
            } catch (InvalidSdkEvent e) {
                throw new InvalidSdkEvent("events[" + i + "]." + e.getMessage());
            }
        }
        return new Batch(List.copyOf(read), List.copyOf(json));
    }

    private static SdkEvent event(JsonNode node) {
        if (!node.isObject()) throw new InvalidSdkEvent("kind: each event must be an object");
        String kind = text(node, "kind");
        String contextKey = text(node, "contextKey");
        Instant at = instant(node);
        return switch (kind == null ? "" : kind) {
            case "exposure" -> new SdkEvent.Exposure(text(node, "flagKey"), text(node, "variant"), text(node, "reason"),
                    text(node, "ruleId"), contextKey, at, text(node, "id"));
            case "custom" -> new SdkEvent.Custom(text(node, "name"), number(node, "value"), details(node), contextKey, at,
                    text(node, "id"));
            default -> throw new InvalidSdkEvent("kind: must be \"exposure\" or \"custom\"");
        };
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) return null;
        if (!value.isTextual()) throw new InvalidSdkEvent(field + ": must be a string");
        return value.asText();
    }

    private static Double number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) return null;
        if (!value.isNumber()) throw new InvalidSdkEvent(field + ": must be a number");
        return value.asDouble();
    }

    private static String details(JsonNode node) {
        JsonNode value = node.get("details");
        if (value == null || value.isNull()) return null;
        if (!value.isObject()) throw new InvalidSdkEvent("details: must be an object");
        return value.toString();
    }

    private static Instant instant(JsonNode node) {
        String text = text(node, "timestamp");
        if (text == null) return null;
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidSdkEvent("timestamp: must be an ISO-8601 instant such as 2026-01-01T00:00:00Z");
        }
    }
}
