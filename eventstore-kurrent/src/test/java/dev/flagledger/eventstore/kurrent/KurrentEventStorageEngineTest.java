package dev.flagledger.eventstore.kurrent;

import io.kurrent.dbclient.EventData;
import io.kurrent.dbclient.KurrentRecords;
import io.kurrent.dbclient.Position;
import io.kurrent.dbclient.RecordedEvent;
import io.kurrent.dbclient.StreamState;
import io.kurrent.dbclient.WrongExpectedVersionException;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The engine's own behaviour over an in-memory log: error translation, paging, filtering of $all, snapshots. */
class KurrentEventStorageEngineTest {
    private final InMemoryKurrentStreams log = new InMemoryKurrentStreams();
    private final KurrentEventStorageEngine engine = engine(log);

    private static KurrentEventStorageEngine engine(KurrentStreams streams) {
        JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
        return KurrentEventStorageEngine.builder().streams(streams).eventSerializer(serializer)
                .snapshotSerializer(serializer).eventTypePrefix("java.lang.").batchSize(2).build();
    }

    private static DomainEventMessage<?> event(String aggregate, long sequence, String payload) {
        return new GenericDomainEventMessage<>("Flag", aggregate, sequence, payload);
    }

    @Test
    void the_clients_wrong_expected_version_becomes_axons_concurrency_exception() {
        WrongExpectedVersionException fromClient = KurrentRecords.wrongExpectedVersion("flagledger-f",
                StreamState.streamRevision(3), StreamState.streamRevision(4));
        KurrentStreams refusing = new RefusingStreams(fromClient);

        assertThatThrownBy(() -> engine(refusing).appendEvents(event("f", 4, "toggled")))
                .isInstanceOf(ConcurrencyException.class).hasCause(fromClient);
    }

    @Test
    void creating_an_aggregate_whose_stream_exists_is_axons_stream_creation_exception() {
        engine.appendEvents(event("f", 0, "created"));

        assertThatThrownBy(() -> engine.appendEvents(event("f", 0, "created again")))
                .isInstanceOf(AggregateStreamCreationException.class).hasRootCauseInstanceOf(WrongExpectedVersionException.class);
    }

    @Test
    void an_append_states_the_revision_before_its_first_event() {
        engine.appendEvents(event("f", 0, "a"), event("f", 1, "b"));
        engine.appendEvents(event("f", 2, "c"));

        assertThat(log.readStream("flagledger-f", 0, 10)).extracting(RecordedEvent::getRevision).containsExactly(0L, 1L, 2L);
        assertThat(engine.lastSequenceNumberFor("f")).contains(2L);
        assertThat(engine.lastSequenceNumberFor("nothing")).isEmpty();
    }

    @Test
    void an_aggregate_is_read_across_pages_from_any_sequence() {
        for (int i = 0; i < 5; i++) engine.appendEvents(event("f", i, "e" + i));

        assertThat(engine.readEvents("f").asStream().map(message -> (Object) message.getPayload()).toList())
                .containsExactly("e0", "e1", "e2", "e3", "e4");
        assertThat(engine.readEvents("f", 3).asStream().map(DomainEventMessage::getSequenceNumber).toList())
                .containsExactly(3L, 4L);
    }

    @Test
    void tracking_reads_only_our_events_from_all_in_log_order_and_resumes_after_a_token() {
        engine.appendEvents(event("a", 0, "a0"));
        log.appendForeign("orders-1", "OrderPlaced");
        engine.storeSnapshot(event("a", 0, "snapshot of a"));
        engine.appendEvents(event("b", 0, "b0"));
        log.appendForeign("$stats-127.0.0.1:2113", "$statsCollected");
        engine.appendEvents(event("a", 1, "a1"));

        List<? extends TrackedEventMessage<?>> all = engine.readEvents(null, false).toList();

        assertThat(all.stream().map(message -> (Object) message.getPayload()).toList()).containsExactly("a0", "b0", "a1");
        assertThat(all.stream().map(message -> (KurrentTrackingToken) message.trackingToken()).toList()).isSorted();
        TrackingToken afterFirst = all.get(0).trackingToken();
        assertThat(engine.readEvents(afterFirst, false).map(message -> (Object) message.getPayload()).toList())
                .containsExactly("b0", "a1");
        assertThat(engine.readEvents(all.get(2).trackingToken(), false).toList()).isEmpty();
    }

    @Test
    void only_the_newest_snapshot_is_read_and_older_ones_may_be_scavenged() {
        engine.appendEvents(event("f", 0, "e0"), event("f", 1, "e1"), event("f", 2, "e2"));
        engine.storeSnapshot(event("f", 1, "state at 1"));
        engine.storeSnapshot(event("f", 2, "state at 2"));

        Optional<DomainEventMessage<?>> snapshot = engine.readSnapshot("f");

        assertThat(snapshot).map(message -> (Object) message.getPayload()).contains("state at 2");
        assertThat(snapshot).map(DomainEventMessage::getSequenceNumber).contains(2L);
        assertThat(log.readStream("flagledger_snapshot-f", 0, 10)).hasSize(1);
        assertThat(engine.readSnapshot("other")).isEmpty();
    }

    @Test
    void the_head_token_is_the_end_of_the_log_and_the_tail_its_start() {
        assertThat(engine.createHeadToken()).isNull();
        engine.appendEvents(event("a", 0, "a0"));
        TrackingToken head = engine.createHeadToken();
        engine.appendEvents(event("b", 0, "b0"));

        assertThat(engine.readEvents(head, false).map(message -> (Object) message.getPayload()).toList()).containsExactly("b0");
        assertThat(engine.createTailToken()).isNull();
    }

    @Test
    void a_token_at_an_instant_starts_after_the_last_event_before_it() throws InterruptedException {
        engine.appendEvents(event("a", 0, "a0"));
        engine.appendEvents(event("a", 1, "a1"));
        Thread.sleep(5);
        Instant between = Instant.now();
        Thread.sleep(5);
        engine.appendEvents(event("a", 2, "a2"));

        assertThat(engine.readEvents(engine.createTokenAt(between), false).map(message -> (Object) message.getPayload()).toList())
                .containsExactly("a2");
        assertThat(engine.createTokenAt(Instant.EPOCH)).isNull();
    }

    /** A client that refuses every append the way the server does when a stream moved on. */
    private record RefusingStreams(RuntimeException refusal) implements KurrentStreams {
        @Override
        public long append(String stream, StreamState expected, List<EventData> events) {
            throw refusal;
        }

        @Override
        public List<RecordedEvent> readStream(String stream, long fromRevision, int max) {
            return List.of();
        }

        @Override
        public Optional<RecordedEvent> lastOf(String stream) {
            return Optional.empty();
        }

        @Override
        public List<RecordedEvent> readAll(Position from, int max) {
            return List.of();
        }

        @Override
        public List<RecordedEvent> readAllBackwards(Position from, int max) {
            return List.of();
        }

        @Override
        public void keepOnlyLast(String stream, long count) {
        }
    }
}
