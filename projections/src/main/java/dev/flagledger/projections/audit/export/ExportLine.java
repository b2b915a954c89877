package dev.flagledger.projections.audit.export;

import dev.flagledger.projections.audit.StoredEvent;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One exported audit entry: the event row exactly as stored (what the chain hashes; bytes in
 * base64), the audit's reading of it, and the chain link. The same columns, in this order, make the
 * CSV header and the JSON Lines keys.
 */
public record ExportLine(StoredEvent event, String eventType, String occurredAt, String actorSubject,
                        String actorName, String reason, String origin, String correlationId, String vcsCommit,
                        String ticket, String projectKey,
                        String environment, String subjectKind, String subjectKey, String changes,
                        String previousHash, String hash) {

    public static final List<String> COLUMNS = List.of("position", "eventId", "aggregateId", "sequenceNumber",
            "aggregateType", "payloadType", "payloadRevision", "timestamp", "payload", "metadata", "eventType",
            "occurredAt", "actorSubject", "actorName", "reason", "origin", "correlationId", "vcsCommit", "ticket",
            "projectKey",
            "environment", "subjectKind", "subjectKey", "changes", "previousHash", "hash");

    /** Column name to text value (null when absent), in {@link #COLUMNS} order. */
    public Map<String, String> values() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("position", Long.toString(event.globalIndex()));
        values.put("eventId", event.eventId());
        values.put("aggregateId", event.aggregateId());
        values.put("sequenceNumber", Long.toString(event.sequenceNumber()));
        values.put("aggregateType", event.aggregateType());
        values.put("payloadType", event.payloadType());
        values.put("payloadRevision", event.payloadRevision());
        values.put("timestamp", event.timestamp());
        values.put("payload", base64(event.payload()));
        values.put("metadata", base64(event.metadata()));
        values.put("eventType", eventType);
        values.put("occurredAt", occurredAt);
        values.put("actorSubject", actorSubject);
        values.put("actorName", actorName);
        values.put("reason", reason);
        values.put("origin", origin);
        values.put("correlationId", correlationId);
        values.put("vcsCommit", vcsCommit);
        values.put("ticket", ticket);
        values.put("projectKey", projectKey);
        values.put("environment", environment);
        values.put("subjectKind", subjectKind);
        values.put("subjectKey", subjectKey);
        values.put("changes", changes);
        values.put("previousHash", previousHash);
        values.put("hash", hash);
        return values;
    }

    /** The stored event rebuilt from exported values, for verification. */
    public static StoredEvent event(Map<String, String> values) {
        return new StoredEvent(Long.parseLong(values.get("position")), values.get("eventId"),
                values.get("aggregateId"), Long.parseLong(values.get("sequenceNumber")), values.get("aggregateType"),
                values.get("payloadType"), values.get("payloadRevision"), values.get("timestamp"),
                unbase64(values.get("payload")), unbase64(values.get("metadata")));
    }

    private static String base64(byte[] bytes) {
        return bytes == null ? null : Base64.getEncoder().encodeToString(bytes);
    }

    private static byte[] unbase64(String text) {
        return text == null ? null : Base64.getDecoder().decode(text);
    }
}
