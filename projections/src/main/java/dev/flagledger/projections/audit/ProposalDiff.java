package dev.flagledger.projections.audit;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The diff of a proposed change, read exactly as the audit trail will read it once applied: the
 * events a dry run of the commands recorded, folded over the aggregate's current fields with the
 * same {@link AuditFields} assignments. Fields a later event sets back are left out.
 */
public final class ProposalDiff {
    private ProposalDiff() {
    }

    /** An aggregate's current fields; {@code version} -1 when it does not exist yet. */
    public record Current(String aggregateId, long version, Map<String, JsonNode> fields) {
        public Current {
            fields = Map.copyOf(fields);
        }
    }

    /** One changed field of one subject, values as JSON text (null when absent). */
    public record Line(String subjectKind, String subjectKey, String field, String before, String after) {
    }

    public static List<Line> of(Current current, List<Object> payloads) {
        Map<String, JsonNode> state = new LinkedHashMap<>(current.fields());
        Map<String, JsonNode[]> changed = new LinkedHashMap<>();
        String kind = null;
        String key = null;
        for (Object payload : payloads) {
            AuditSubject subject = AuditFields.subjectOf(payload);
            kind = subject.kind().name();
            key = subject.key();
            Map<String, JsonNode> assigned = AuditFields.assignedBy(payload);
            for (FieldChange change : AuditFields.diff(state, assigned))
                changed.computeIfAbsent(change.field(), field -> new JsonNode[]{change.before(), null})[1] = change.after();
            assigned.forEach((field, value) -> {
                if (value == null) state.remove(field);
                else state.put(field, value);
            });
        }
        List<Line> lines = new ArrayList<>();
        for (Map.Entry<String, JsonNode[]> entry : changed.entrySet()) {
            JsonNode before = entry.getValue()[0];
            JsonNode after = entry.getValue()[1];
            if (!AuditFields.same(entry.getKey(), before, after))
                lines.add(new Line(kind, key, entry.getKey(), text(before), text(after)));
        }
        return lines;
    }

    private static String text(JsonNode value) {
        return value == null ? null : AuditTrailProjection.write(value);
    }
}
