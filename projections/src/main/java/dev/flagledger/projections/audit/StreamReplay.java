package dev.flagledger.projections.audit;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Optional;

/**
 * Replays one aggregate's stream up to and including an instant: from the newest checkpoint whose
 * events all happened by then, or from the first event, then event by event from the store until the
 * first one after the instant. Both starts give the same answer, because a checkpoint is only used
 * where the full replay would have applied every event it folds.
 */
@Component
public class StreamReplay {
    private final EventStore eventStore;
    private final CheckpointStore checkpoints;

    public StreamReplay(@Lazy EventStore eventStore, CheckpointStore checkpoints) {
        this.eventStore = eventStore;
        this.checkpoints = checkpoints;
    }

    StreamAsOf replay(String aggregateId, Instant at, ReplayMode mode) {
        return run(aggregateId, at, mode).state();
    }

    /** The aggregate's fields and version as its stream has them now (version -1: no stream yet). */
    public ProposalDiff.Current current(String aggregateId) {
        StreamAsOf state = run(aggregateId, Instant.MAX, ReplayMode.FULL).state();
        return new ProposalDiff.Current(aggregateId, state.version(), state.fields());
    }

    /** What a checkpointed replay of this stream up to {@code at} reads, for tests and benchmarks. */
    public ReplayCost cost(String aggregateId, Instant at) {
        Run run = run(aggregateId, at, ReplayMode.CHECKPOINTS);
        return new ReplayCost(run.checkpointSequence(), run.eventsReplayed());
    }

    private Run run(String aggregateId, Instant at, ReplayMode mode) {
        Optional<Checkpoint> checkpoint = mode == ReplayMode.CHECKPOINTS
                ? checkpoints.latestCoveredBy(aggregateId, at) : Optional.empty();
        StreamAsOf.Builder state = checkpoint.map(start -> start.state().resume())
                .orElseGet(() -> StreamAsOf.start(aggregateId));
        long after = checkpoint.map(Checkpoint::sequence).orElse(-1L);
        // By sequence from the event after the checkpoint: never Axon's aggregate snapshot, which
        // EventStore#readEvents(String) would put first and which holds no history.
        DomainEventStream events = eventStore.readEvents(aggregateId, after + 1);
        int replayed = 0;
        while (events.hasNext()) {
            DomainEventMessage<?> event = events.next();
            if (event.getTimestamp().isAfter(at)) break;
            state.apply(event.getPayload(), event.getSequenceNumber(), event.getTimestamp(), event.getIdentifier());
            replayed++;
        }
        return new Run(state.build(), after, replayed);
    }

    private record Run(StreamAsOf state, long checkpointSequence, int eventsReplayed) {
    }
}
