package dev.flagledger.eventstore.kurrent;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.flagledger.domain.flag.FlagEvent;
import dev.flagledger.domain.project.ProjectEvent;
import dev.flagledger.domain.segment.SegmentEvent;
import dev.flagledger.domain.shared.ChangeMetadata;
import io.kurrent.dbclient.EventData;
import io.kurrent.dbclient.EventDataBuilder;
import io.kurrent.dbclient.KurrentRecords;
import io.kurrent.dbclient.Position;
import io.kurrent.dbclient.RecordedEvent;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every domain event survives event → KurrentDB record → event with payload, metadata and identity intact. */
class EventRecordMapperTest {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final Serializer SERIALIZER = JacksonSerializer.builder().objectMapper(JSON).build();
    private static final Instant WHEN = Instant.parse("2026-11-25T14:03:07.123456789Z");
    private final EventRecordMapper mapper = new EventRecordMapper(true);

    static MetaData fullMetadata() {
        return MetaData.from(Map.of(
                ChangeMetadata.ACTOR_SUBJECT, "auth0|8c1f",
                ChangeMetadata.ACTOR_NAME, "Zoë \"the reviewer\" O'Brien",
                ChangeMetadata.ACTOR_AUTHENTICATION, "oidc",
                ChangeMetadata.REASON, "rollback after INC-4211 — päivitys\nline two",
                ChangeMetadata.ORIGIN, "ui",
                ChangeMetadata.CORRELATION_ID, "c0ffee00-1111-2222-3333-444455556666",
                ChangeMetadata.DECIDED_AGAINST_VERSION, 41L));
    }

    @Test
    void the_domain_has_event_families_to_check() {
        assertThat(DomainEventSamples.families()).contains(FlagEvent.class, ProjectEvent.class, SegmentEvent.class);
        assertThat(DomainEventSamples.eventTypes()).hasSizeGreaterThanOrEqualTo(16);
    }

    @TestFactory
    Stream<DynamicTest> every_domain_event_round_trips_through_its_record_with_metadata_intact() {
        return DomainEventSamples.eventTypes().stream().map(type -> DynamicTest.dynamicTest(type.getSimpleName(), () -> {
            Object payload = DomainEventSamples.sample(type);
            String id = UUID.randomUUID().toString();
            GenericDomainEventMessage<Object> event = new GenericDomainEventMessage<>("Aggregate", "agg-1", 41, payload,
                    fullMetadata(), id, WHEN);

            EventData record = mapper.toRecord(event, SERIALIZER);
            assertThat(record.getEventType()).isEqualTo(type.getName());
            assertThat(record.getEventId()).isEqualTo(UUID.fromString(id));
            assertThat(record.getContentType()).isEqualTo("application/json");
            JsonNode kurrentMetadata = JSON.readTree(record.getUserMetadata());
            assertThat(kurrentMetadata.path(ChangeMetadata.REASON).asText()).isEqualTo(fullMetadata().get(ChangeMetadata.REASON));
            assertThat(kurrentMetadata.path(ChangeMetadata.ACTOR_SUBJECT).asText()).isEqualTo("auth0|8c1f");

            DomainEventData<byte[]> back = mapper.fromRecord(stored(record)).orElseThrow();
            assertThat(back.getEventIdentifier()).isEqualTo(id);
            assertThat(back.getAggregateIdentifier()).isEqualTo("agg-1");
            assertThat(back.getSequenceNumber()).isEqualTo(41);
            assertThat(back.getType()).isEqualTo("Aggregate");
            assertThat(back.getTimestamp()).isEqualTo(WHEN);
            assertThat(back.getPayload().getType()).isEqualTo(event.serializePayload(SERIALIZER, byte[].class).getType());
            assertThat(back.getPayload().getData()).isEqualTo(event.serializePayload(SERIALIZER, byte[].class).getData());
            assertThat(back.getMetaData().getData()).isEqualTo(event.serializeMetaData(SERIALIZER, byte[].class).getData());
            assertThat((Object) SERIALIZER.deserialize(back.getPayload())).isEqualTo(payload);
            // Equal to what any store of JSON metadata gives back (JSON has one kind of number: 41L reads as 41).
            MetaData asWritten = SERIALIZER.deserialize(event.serializeMetaData(SERIALIZER, byte[].class));
            assertThat((MetaData) SERIALIZER.deserialize(back.getMetaData())).isEqualTo(asWritten)
                    .containsEntry(ChangeMetadata.REASON, fullMetadata().get(ChangeMetadata.REASON))
                    .containsEntry(ChangeMetadata.ACTOR_NAME, fullMetadata().get(ChangeMetadata.ACTOR_NAME));
        }));
    }

    @Test
    void a_payload_revision_is_kept() {
        SerializedObject<byte[]> revised = new org.axonframework.serialization.SimpleSerializedObject<>(
                "{\"a\":1}".getBytes(), byte[].class, "dev.flagledger.domain.project.ProjectCreated", "2");
        GenericDomainEventMessage<Object> event = new GenericDomainEventMessage<>("Project", "p", 0,
                new org.axonframework.serialization.SerializedMessage<>(UUID.randomUUID().toString(),
                        new org.axonframework.serialization.LazyDeserializingObject<>(revised, SERIALIZER),
                        new org.axonframework.serialization.LazyDeserializingObject<>(MetaData.emptyInstance())),
                () -> WHEN);

        DomainEventData<byte[]> back = mapper.fromRecord(stored(mapper.toRecord(event, SERIALIZER))).orElseThrow();

        assertThat(back.getPayload().getType().getRevision()).isEqualTo("2");
        assertThat(back.getPayload().getType().getName()).isEqualTo("dev.flagledger.domain.project.ProjectCreated");
    }

    @Test
    void an_event_id_that_is_not_a_canonical_uuid_is_kept_verbatim() {
        GenericDomainEventMessage<Object> event = new GenericDomainEventMessage<>("Flag", "f", 0, "x",
                MetaData.emptyInstance(), "legacy-event-17", WHEN);

        EventData record = mapper.toRecord(event, SERIALIZER);

        assertThat(record.getEventId()).isEqualTo(EventRecordMapper.recordId("legacy-event-17"));
        assertThat(mapper.fromRecord(stored(record)).orElseThrow().getEventIdentifier()).isEqualTo("legacy-event-17");
    }

    @Test
    void an_event_that_is_not_a_domain_event_is_its_own_aggregate_at_sequence_zero() {
        GenericEventMessage<String> event = new GenericEventMessage<>("notice");

        DomainEventData<byte[]> back = mapper.fromRecord(stored(mapper.toRecord(event, SERIALIZER))).orElseThrow();

        assertThat(back.getAggregateIdentifier()).isEqualTo(event.getIdentifier());
        assertThat(back.getSequenceNumber()).isZero();
        assertThat(back.getType()).isNull();
    }

    @Test
    void a_snapshot_record_has_a_type_that_tracking_readers_skip() {
        GenericDomainEventMessage<Object> snapshot = new GenericDomainEventMessage<>("Flag", "f", 9, "state");

        assertThat(mapper.toSnapshotRecord(snapshot, SERIALIZER).getEventType()).isEqualTo("snapshot:java.lang.String");
    }

    @Test
    void the_reserved_metadata_key_cannot_be_used_by_an_event() {
        GenericDomainEventMessage<Object> event = new GenericDomainEventMessage<>("Flag", "f", 0, "x",
                MetaData.with(EventRecordMapper.AXON_FIELDS, "mine"));

        assertThatThrownBy(() -> mapper.toRecord(event, SERIALIZER)).isInstanceOf(EventStoreException.class);
    }

    @Test
    void a_record_not_written_by_flagledger_maps_to_nothing() {
        EventData foreign = EventDataBuilder.json(UUID.randomUUID(), "OrderPlaced", "{}".getBytes())
                .metadataAsBytes("{\"$correlationId\":\"x\"}".getBytes()).build();
        EventData noMetadata = EventDataBuilder.binary(UUID.randomUUID(), "$metadata", "{}".getBytes()).build();

        assertThat(mapper.fromRecord(stored(foreign))).isEmpty();
        assertThat(mapper.fromRecord(stored(noMetadata))).isEmpty();
    }

    private static RecordedEvent stored(EventData data) {
        return KurrentRecords.recorded("flagledger-agg-1", 41, data, new Position(4096, 4096), Instant.now());
    }
}
