package dev.flagledger.projections.audit;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/**
 * The audit's reading of an event for other capabilities (webhooks): what it is about and the fields
 * it assigns, exactly as the audit trail records them, so both describe a change the same way.
 */
public final class EventFields {
    private EventFields() {
    }

    public static AuditSubject subjectOf(Object payload) {
        return AuditFields.subjectOf(payload);
    }

    /** Dotted field paths to their new values (personal values still sealed, as stored). */
    public static Map<String, JsonNode> assignedBy(Object payload) {
        return AuditFields.assignedBy(payload);
    }

    public static com.fasterxml.jackson.databind.ObjectMapper json() {
        return AuditFields.JSON;
    }
}
