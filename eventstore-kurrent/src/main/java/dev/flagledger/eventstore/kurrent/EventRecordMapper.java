package dev.flagledger.eventstore.kurrent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kurrent.dbclient.EventData;
import io.kurrent.dbclient.EventDataBuilder;
import io.kurrent.dbclient.RecordedEvent;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;

import java.io.IOException;
import java.util.Optional;
import java.util.UUID;

/**
 * Maps an Axon event to a KurrentDB record and back, losing nothing.
 *
 * <ul>
 *   <li>record data: the serialized payload, byte for byte; record type: the payload type (a class name), so
 *   {@code $all} readers and server-side filters select our events by type prefix;</li>
 *   <li>record metadata: the event's Axon metadata (actor, reason, correlation id, origin, ...) as the JSON
 *   object it is, plus one reserved member, {@value #AXON_FIELDS}, holding what KurrentDB has no field for:
 *   aggregate type and id, sequence number, our timestamp (KurrentDB's own is the server's write time),
 *   payload type and revision, and the event identifier as Axon knows it;</li>
 *   <li>record id: the event identifier when it is a UUID (Axon's default), a name-based UUID of it otherwise.</li>
 * </ul>
 * Reading removes the reserved member again, so the metadata bytes Axon gets back are the ones it wrote.
 * When the serializer encrypts at rest (docs/privacy.md), payload and metadata are not JSON: the data is
 * then stored as binary, and the sealed metadata bytes travel base64 in the reserved member's
 * {@value #SEALED_METADATA} (KurrentDB sees no actor or reason then, which is the point).
 */
public final class EventRecordMapper {
    /** The metadata member holding Axon's own fields; no Axon metadata key may use it. */
    public static final String AXON_FIELDS = "flagledger:event";
    /** Record type prefix of snapshots, which are not events: {@code $all} readers skip them by type. */
    public static final String SNAPSHOT_TYPE_PREFIX = "snapshot:";
    /** Member of {@value #AXON_FIELDS} holding metadata that is not a JSON object (encrypted at rest). */
    public static final String SEALED_METADATA = "sealedMetadata";
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

    private final boolean jsonPayloads;

    /** {@code jsonPayloads}: whether the serializer writes JSON, so KurrentDB may index and project the data. */
    public EventRecordMapper(boolean jsonPayloads) {
        this.jsonPayloads = jsonPayloads;
    }

    /** An event as the record to append. A message that is not a domain event is its own aggregate at sequence 0. */
    public EventData toRecord(EventMessage<?> event, Serializer serializer) {
        return record(event, serializer, false);
    }

    /** A snapshot as the record to append to its aggregate's snapshot stream. */
    public EventData toSnapshotRecord(DomainEventMessage<?> snapshot, Serializer serializer) {
        return record(snapshot, serializer, true);
    }

    /** The stored event a record holds, or empty when the record was not written by this mapper. */
    public Optional<DomainEventData<byte[]>> fromRecord(RecordedEvent record) {
        ObjectNode metadata = readObject(record.getUserMetadata());
        if (metadata == null || !(metadata.remove(AXON_FIELDS) instanceof ObjectNode fields)) return Optional.empty();
        byte[] storedMetadata = fields.hasNonNull(SEALED_METADATA)
                ? java.util.Base64.getDecoder().decode(fields.get(SEALED_METADATA).asText()) : write(metadata);
        return Optional.of(new GenericDomainEventEntry<>(text(fields, "aggregateType"),
                fields.path("aggregateIdentifier").asText(), fields.path("sequenceNumber").asLong(),
                fields.path("eventIdentifier").asText(), fields.path("timestamp").asText(),
                fields.path("payloadType").asText(), text(fields, "payloadRevision"), record.getEventData(),
                storedMetadata));
    }

    /** The record id of an event id: the UUID itself when it is one in canonical form. */
    public static UUID recordId(String eventIdentifier) {
        try {
            UUID uuid = UUID.fromString(eventIdentifier);
            if (uuid.toString().equals(eventIdentifier)) return uuid;
        } catch (IllegalArgumentException notAUuid) {
            // fall through to a name-based id; the original stays in the metadata
        }
        return UUID.nameUUIDFromBytes(eventIdentifier.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private EventData record(EventMessage<?> event, Serializer serializer, boolean snapshot) {
        SerializedObject<byte[]> payload = event.serializePayload(serializer, byte[].class);
        byte[] serializedMetadata = event.serializeMetaData(serializer, byte[].class).getData();
        ObjectNode metadata = readObject(serializedMetadata);
        String sealedMetadata = null;
        if (metadata == null) {
            if (serializedMetadata == null || serializedMetadata.length == 0 || looksLikeJson(serializedMetadata))
                throw new EventStoreException("the serializer must write metadata as a JSON object");
            // Encrypted at rest: opaque bytes, kept whole beside Axon's fields.
            sealedMetadata = java.util.Base64.getEncoder().encodeToString(serializedMetadata);
            metadata = JSON.createObjectNode();
        }
        if (metadata.has(AXON_FIELDS)) throw new EventStoreException("metadata key " + AXON_FIELDS + " is reserved");
        ObjectNode fields = metadata.putObject(AXON_FIELDS);
        if (sealedMetadata != null) fields.put(SEALED_METADATA, sealedMetadata);
        if (event instanceof DomainEventMessage<?> domain) {
            fields.put("aggregateType", domain.getType());
            fields.put("aggregateIdentifier", domain.getAggregateIdentifier());
            fields.put("sequenceNumber", domain.getSequenceNumber());
        } else {
            fields.putNull("aggregateType");
            fields.put("aggregateIdentifier", event.getIdentifier());
            fields.put("sequenceNumber", 0L);
        }
        fields.put("eventIdentifier", event.getIdentifier());
        fields.put("timestamp", event.getTimestamp().toString()); // full precision; the JDBC store keeps milliseconds
        fields.put("payloadType", payload.getType().getName());
        fields.put("payloadRevision", payload.getType().getRevision());
        String type = (snapshot ? SNAPSHOT_TYPE_PREFIX : "") + payload.getType().getName();
        UUID id = recordId(event.getIdentifier());
        EventDataBuilder builder = jsonPayloads && looksLikeJson(payload.getData())
                ? EventDataBuilder.json(id, type, payload.getData())
                : EventDataBuilder.binary(id, type, payload.getData());
        return builder.metadataAsBytes(write(metadata)).build();
    }

    /** JSON text starts with whitespace or a value; sealed data starts with a zero byte. */
    private static boolean looksLikeJson(byte[] data) {
        for (byte b : data) {
            if (b == ' ' || b == '\n' || b == '\r' || b == '\t') continue;
            return b == '{' || b == '[' || b == '"' || b == '-' || (b >= '0' && b <= '9') || b == 't' || b == 'f' || b == 'n';
        }
        return false;
    }

    private static String text(JsonNode fields, String name) {
        JsonNode value = fields.get(name);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static ObjectNode readObject(byte[] bytes) {
        if (bytes == null || bytes.length == 0) return null;
        try {
            return JSON.readTree(bytes) instanceof ObjectNode object ? object : null;
        } catch (IOException notJson) {
            return null;
        }
    }

    private static byte[] write(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new EventStoreException("cannot write event metadata", e);
        }
    }
}
