package dev.flagledger.eventstore.contract;

import dev.flagledger.domain.flag.FlagArchived;
import dev.flagledger.domain.flag.FlagRestored;
import dev.flagledger.domain.flag.FlagToggled;
import dev.flagledger.domain.project.Environment;
import dev.flagledger.domain.project.ProjectCreated;
import dev.flagledger.domain.shared.ChangeMetadata;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.LazyDeserializingObject;
import org.axonframework.serialization.SerializedMessage;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The contract every event storage engine meets (CONVENTIONS §6): append, optimistic conflict, read
 * by aggregate, global order, resume from a token, snapshots, metadata and upcasting. Shipped as a
 * test-jar; each engine's test extends it and answers the engine as the server configures it (with
 * the server's upcasters) and its event serializer.
 */
public abstract class EventStorageContract {

    protected abstract EventStorageEngine storage();

    /** The engine's event serializer: old-shape events are handed to the engine already serialized by it. */
    protected abstract Serializer eventSerializer();

    private static DomainEventMessage<?> event(String aggregate, long sequence, Object payload) {
        return new GenericDomainEventMessage<>("Flag", aggregate, sequence, payload);
    }

    /**
     * The snapshot tests store stand-in payloads, not real Flag state, under an aggregate type no
     * engine filters: the server skips Flag snapshots of another revision, which is configuration
     * on top of storage, not part of this contract.
     */
    private static DomainEventMessage<?> unfilteredEvent(String aggregate, long sequence, Object payload) {
        return new GenericDomainEventMessage<>("ContractAggregate", aggregate, sequence, payload);
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }

    @Test
    void appended_events_are_read_back_by_aggregate_in_sequence() {
        String id = id();
        storage().appendEvents(event(id, 0, new FlagArchived(id, "p", "k")), event(id, 1, new FlagRestored(id, "p", "k")));

        List<? extends DomainEventMessage<?>> read = storage().readEvents(id).asStream().toList();

        assertThat(read).extracting(DomainEventMessage::getSequenceNumber).containsExactly(0L, 1L);
        assertThat(read.get(0).getPayload()).isEqualTo(new FlagArchived(id, "p", "k"));
        assertThat(read.get(1).getPayload()).isEqualTo(new FlagRestored(id, "p", "k"));
        assertThat(storage().readEvents(id, 1).asStream().map(DomainEventMessage::getSequenceNumber).toList())
                .containsExactly(1L);
        assertThat(storage().lastSequenceNumberFor(id)).contains(1L);
    }

    @Test
    void appending_at_a_taken_sequence_fails_and_writes_nothing() {
        String id = id();
        storage().appendEvents(event(id, 0, new FlagArchived(id, "p", "k")));

        assertThatThrownBy(() -> storage().appendEvents(event(id, 1, new FlagRestored(id, "p", "k")),
                event(id, 0, new FlagRestored(id, "p", "k"))))
                .isInstanceOf(ConcurrencyException.class);

        assertThat(storage().readEvents(id).asStream().count()).isEqualTo(1);
    }

    @Test
    void a_second_writer_deciding_on_the_same_version_loses() {
        String id = id();
        storage().appendEvents(event(id, 0, new FlagArchived(id, "p", "k")));
        storage().appendEvents(event(id, 1, new FlagRestored(id, "p", "k")));

        assertThatThrownBy(() -> storage().appendEvents(event(id, 1, new FlagArchived(id, "p", "k"))))
                .isInstanceOf(ConcurrencyException.class);
        assertThat(storage().readEvents(id).asStream().map(message -> (Object) message.getPayload()).toList())
                .containsExactly(new FlagArchived(id, "p", "k"), new FlagRestored(id, "p", "k"));
    }

    @Test
    void the_global_stream_keeps_append_order_across_aggregates() {
        String a = id();
        String b = id();
        TrackingToken start = storage().createHeadToken();
        storage().appendEvents(event(a, 0, new FlagArchived(a, "p", "a")));
        storage().appendEvents(event(b, 0, new FlagArchived(b, "p", "b")));
        storage().appendEvents(event(a, 1, new FlagRestored(a, "p", "a")));

        List<TrackedEventMessage<?>> all = storage().readEvents(start, false).collect(Collectors.toList());

        assertThat(all.stream().map(message -> (Object) message.getPayload()).toList()).containsExactly(
                new FlagArchived(a, "p", "a"), new FlagArchived(b, "p", "b"), new FlagRestored(a, "p", "a"));
        assertThat(all).extracting(message -> message.trackingToken().position().orElseThrow()).isSorted();
    }

    @Test
    void tracking_resumes_exactly_after_a_token() {
        String a = id();
        TrackingToken start = storage().createHeadToken();
        for (int i = 0; i < 5; i++) storage().appendEvents(event(a, i, new FlagToggled(a, "p", "a", "production", i % 2 == 0)));
        List<TrackedEventMessage<?>> all = storage().readEvents(start, false).collect(Collectors.toList());
        assertThat(all).hasSize(5);

        TrackingToken afterSecond = all.get(1).trackingToken();
        List<TrackedEventMessage<?>> resumed = storage().readEvents(afterSecond, false).collect(Collectors.toList());

        assertThat(resumed).extracting(TrackedEventMessage::getIdentifier)
                .containsExactlyElementsOf(all.subList(2, 5).stream().map(TrackedEventMessage::getIdentifier).toList());
        assertThat(all.get(4).trackingToken().covers(afterSecond)).isTrue();
        assertThat(afterSecond.covers(all.get(4).trackingToken())).isFalse();
        assertThat(storage().readEvents(all.get(4).trackingToken(), false).toList()).isEmpty();
    }

    @Test
    void identifiers_timestamps_and_metadata_are_read_back_as_written() {
        String a = id();
        MetaData metadata = MetaData.from(Map.of(ChangeMetadata.ACTOR_SUBJECT, "alice", ChangeMetadata.REASON,
                "INC-42 — rollback", ChangeMetadata.ORIGIN, "ui", ChangeMetadata.CORRELATION_ID, "corr-1"));
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String eventId = id();
        storage().appendEvents(new GenericDomainEventMessage<>("Flag", a, 0, new FlagArchived(a, "p", "a"), metadata, eventId, at));

        DomainEventMessage<?> read = storage().readEvents(a).asStream().findFirst().orElseThrow();

        assertThat(read.getIdentifier()).isEqualTo(eventId);
        assertThat(read.getTimestamp()).isEqualTo(at);
        assertThat(read.getType()).isEqualTo("Flag");
        assertThat(read.getMetaData()).isEqualTo(metadata);
    }

    @Test
    void the_newest_snapshot_is_read_back() {
        String a = id();
        storage().appendEvents(unfilteredEvent(a, 0, new FlagArchived(a, "p", "a")), unfilteredEvent(a, 1, new FlagRestored(a, "p", "a")));
        assertThat(storage().readSnapshot(a)).isEmpty();

        storage().storeSnapshot(unfilteredEvent(a, 0, new FlagArchived(a, "p", "snapshot-0")));
        storage().storeSnapshot(unfilteredEvent(a, 1, new FlagRestored(a, "p", "snapshot-1")));

        DomainEventMessage<?> snapshot = storage().readSnapshot(a).orElseThrow();
        assertThat(snapshot.getSequenceNumber()).isEqualTo(1);
        assertThat(snapshot.getPayload()).isEqualTo(new FlagRestored(a, "p", "snapshot-1"));
    }

    @Test
    void snapshots_are_not_events() {
        String a = id();
        TrackingToken start = storage().createHeadToken();
        storage().appendEvents(unfilteredEvent(a, 0, new FlagArchived(a, "p", "a")));
        storage().storeSnapshot(unfilteredEvent(a, 0, new FlagArchived(a, "p", "snapshot")));

        assertThat(storage().readEvents(start, false).map(message -> (Object) message.getPayload()).toList())
                .containsExactly(new FlagArchived(a, "p", "a"));
        assertThat(storage().readEvents(a).asStream().count()).isEqualTo(1);
    }

    /** ProjectCreated revision 1 (no revision; environments as bare keys) is read as revision 2. */
    @Test
    void an_event_stored_in_an_older_shape_is_upcast_on_read() {
        String key = "legacy-" + id().substring(0, 8);
        byte[] revision1 = ("{\"projectKey\":\"" + key + "\",\"name\":\"Legacy\",\"environments\":[\"development\",\"production\"]}")
                .getBytes(StandardCharsets.UTF_8);
        SimpleSerializedObject<byte[]> payload = new SimpleSerializedObject<>(revision1, byte[].class,
                ProjectCreated.class.getName(), null);
        SerializedMessage<Object> stored = new SerializedMessage<>(id(),
                new LazyDeserializingObject<>(payload, eventSerializer()),
                new LazyDeserializingObject<>(MetaData.emptyInstance()));
        storage().appendEvents(new GenericDomainEventMessage<>("Project", key, 0, stored, Instant::now));

        List<? extends DomainEventMessage<?>> events = storage().readEvents(key).asStream().toList();

        assertThat(events).hasSize(1);
        assertThat(events.get(0).getPayload()).isEqualTo(new ProjectCreated(key, "Legacy", "", List.of(
                new Environment("development", "Development", false),
                new Environment("production", "Production", true))));
    }
}
