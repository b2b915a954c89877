package dev.flagledger.projections.audit;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One aggregate's fields as its own events left them at an instant: the same field assignments the
 * audit diffs with ({@link AuditFields}), folded in stream order. Empty when the stream had no event
 * yet at that instant.
 */
record StreamAsOf(String aggregateId, Map<String, JsonNode> fields, long version, Instant createdAt,
                  Instant updatedAt, String lastEventId) {

    boolean exists() {
        return lastEventId != null;
    }

    JsonNode field(String name) {
        return fields.containsKey(name) ? fields.get(name) : AuditFields.implied(name, fields);
    }

    static Builder start(String aggregateId) {
        return new Builder(aggregateId);
    }

    /** Folding goes on from this state, as if its events had just been applied (a checkpoint's state). */
    Builder resume() {
        Builder builder = new Builder(aggregateId);
        builder.fields.putAll(fields);
        builder.version = version;
        builder.createdAt = createdAt;
        builder.updatedAt = updatedAt;
        builder.lastEventId = lastEventId;
        return builder;
    }

    static final class Builder {
        private final String aggregateId;
        private final Map<String, JsonNode> fields = new LinkedHashMap<>();
        private long version = -1;
        private Instant createdAt;
        private Instant updatedAt;
        private String lastEventId;

        private Builder(String aggregateId) {
            this.aggregateId = aggregateId;
        }

        void apply(Object payload, long sequence, Instant at, String eventId) {
            AuditFields.assignedBy(payload).forEach((field, value) -> {
                if (value == null) fields.remove(field);
                else fields.put(field, value);
            });
            version = sequence;
            if (createdAt == null) createdAt = at;
            updatedAt = at;
            lastEventId = eventId;
        }

        StreamAsOf build() {
            return new StreamAsOf(aggregateId, new LinkedHashMap<>(fields), version, createdAt, updatedAt, lastEventId);
        }
    }
}
