package dev.flagledger.server.eventstore;

import dev.flagledger.domain.flag.FlagArchived;
import dev.flagledger.domain.flag.FlagRestored;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The contract every event storage engine must meet (CONVENTIONS §6): append, optimistic
 * conflict, read by aggregate, global order, tracking from a position.
 */
public abstract class EventStorageContractSpec {
    @Autowired
    private EventStorageEngine storage;

    private static DomainEventMessage<?> event(String aggregate, long sequence, Object payload) {
        return new GenericDomainEventMessage<>("Flag", aggregate, sequence, payload);
    }

    @Test
    void appended_events_are_read_back_by_aggregate_in_sequence() {
        String id = UUID.randomUUID().toString();
        storage.appendEvents(event(id, 0, new FlagArchived(id, "p", "k")), event(id, 1, new FlagRestored(id, "p", "k")));

        List<? extends DomainEventMessage<?>> read = storage.readEvents(id).asStream().toList();

        assertThat(read).extracting(DomainEventMessage::getSequenceNumber).containsExactly(0L, 1L);
        assertThat(read.get(0).getPayload()).isEqualTo(new FlagArchived(id, "p", "k"));
        assertThat(read.get(1).getPayload()).isEqualTo(new FlagRestored(id, "p", "k"));
    }

    @Test
    void appending_at_a_taken_sequence_fails_and_writes_nothing() {
        String id = UUID.randomUUID().toString();
        storage.appendEvents(event(id, 0, new FlagArchived(id, "p", "k")));

        assertThatThrownBy(() -> storage.appendEvents(event(id, 1, new FlagRestored(id, "p", "k")),
                event(id, 0, new FlagRestored(id, "p", "k"))))
                .isInstanceOf(org.axonframework.modelling.command.ConcurrencyException.class);

        assertThat(storage.readEvents(id).asStream().count()).isEqualTo(1);
    }

    @Test
    void the_global_stream_keeps_append_order_across_aggregates_and_tracking_resumes_after_a_position() {
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();
        TrackingToken start = storage.createHeadToken();
        storage.appendEvents(event(a, 0, new FlagArchived(a, "p", "a")));
        storage.appendEvents(event(b, 0, new FlagArchived(b, "p", "b")));
        storage.appendEvents(event(a, 1, new FlagRestored(a, "p", "a")));

        List<TrackedEventMessage<?>> all = storage.readEvents(start, false).collect(Collectors.toList());
        assertThat(all.stream().map(message -> (Object) message.getPayload()).toList()).containsExactly(
                new FlagArchived(a, "p", "a"), new FlagArchived(b, "p", "b"), new FlagRestored(a, "p", "a"));
        assertThat(all).extracting(message -> message.trackingToken().position().orElseThrow()).isSorted();

        TrackingToken afterFirst = all.get(0).trackingToken();
        assertThat(storage.readEvents(afterFirst, false).map(message -> (Object) message.getPayload()).toList())
                .containsExactly(new FlagArchived(b, "p", "b"), new FlagRestored(a, "p", "a"));
    }
}
