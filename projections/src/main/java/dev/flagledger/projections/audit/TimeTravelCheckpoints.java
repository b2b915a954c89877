package dev.flagledger.projections.audit;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Optional;

/**
 * Writes a time-travel checkpoint at every {@code interval}-th event of every stream: the state the
 * previous checkpoint and the events since then fold to, with the same {@link StreamAsOf} fold that
 * time travel replays with, so a new kind of event is handled in one place. A read model like any
 * other: its reset handler empties it and a rebuild writes it again from the store.
 */
@Component
@ProcessingGroup(TimeTravelCheckpoints.PROCESSING_GROUP)
public class TimeTravelCheckpoints {
    public static final String PROCESSING_GROUP = "time-travel-checkpoints";
    private final EventStore eventStore;
    private final CheckpointStore checkpoints;
    private final int interval;

    public TimeTravelCheckpoints(@Lazy EventStore eventStore, CheckpointStore checkpoints,
                                 @Value("${flagledger.time-travel.checkpoint-interval:200}") int interval) {
        if (interval < 1) throw new IllegalArgumentException("flagledger.time-travel.checkpoint-interval must be positive");
        this.eventStore = eventStore;
        this.checkpoints = checkpoints;
        this.interval = interval;
    }

    /** Events between checkpoints: at most this many are replayed after the checkpoint a replay starts from. */
    public int interval() {
        return interval;
    }

    @EventHandler
    void on(Object payload, DomainEventMessage<?> event) {
        long sequence = event.getSequenceNumber();
        if ((sequence + 1) % interval != 0) return;
        String aggregateId = event.getAggregateIdentifier();
        if (checkpoints.exists(aggregateId, sequence)) return; // delivered again after a crash
        Optional<Checkpoint> previous = checkpoints.latestBefore(aggregateId, sequence);
        StreamAsOf.Builder state = previous.map(start -> start.state().resume())
                .orElseGet(() -> StreamAsOf.start(aggregateId));
        Instant reachedAt = previous.map(Checkpoint::reachedAt).orElse(Instant.MIN);
        DomainEventStream events = eventStore.readEvents(aggregateId, previous.map(Checkpoint::sequence).orElse(-1L) + 1);
        long folded = previous.map(Checkpoint::sequence).orElse(-1L);
        while (events.hasNext() && events.peek().getSequenceNumber() <= sequence) {
            DomainEventMessage<?> next = events.next();
            state.apply(next.getPayload(), next.getSequenceNumber(), next.getTimestamp(), next.getIdentifier());
            if (next.getTimestamp().isAfter(reachedAt)) reachedAt = next.getTimestamp();
            folded = next.getSequenceNumber();
        }
        if (folded != sequence)
            throw new IllegalStateException("stream " + aggregateId + " ends at " + folded + ", before event " + sequence);
        checkpoints.save(new Checkpoint(sequence, reachedAt, state.build()));
    }

    @ResetHandler
    void reset() {
        checkpoints.clear();
    }
}
