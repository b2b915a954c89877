package dev.flagledger.projections.maintenance;

import dev.flagledger.domain.shared.NotFound;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;

/**
 * Rebuilding a read model is a routine operation (CONVENTIONS §1): stop its processor, reset its
 * token (its reset handler empties the model), start it again, and report progress as it replays.
 */
@Component
public class ReadModelMaintenance {
    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;

    public ReadModelMaintenance(@Lazy EventProcessingConfiguration processing, @Lazy EventStore eventStore) {
        this.processing = processing;
        this.eventStore = eventStore;
    }

    public List<ReadModelStatus> statuses() {
        return processing.eventProcessors().keySet().stream().sorted(Comparator.naturalOrder())
                .flatMap(name -> processing.eventProcessor(name, StreamingEventProcessor.class).stream()
                        .map(processor -> status(name, processor)))
                .toList();
    }

    public ReadModelStatus status(String name) {
        return status(name, streaming(name));
    }

    /** Starts a rebuild and returns at once; poll {@link #status} to follow it. */
    public ReadModelStatus rebuild(String name) {
        StreamingEventProcessor processor = streaming(name);
        if (!processor.supportsReset()) throw new dev.flagledger.domain.shared.InvalidInput("read model " + name + " cannot be rebuilt");
        processor.shutDown();
        processor.resetTokens();
        processor.start();
        return status(name, processor);
    }

    /**
     * Restarts the processors that are waiting to retry after a failure, so they retry now: Axon waits 1 s,
     * 2 s, 4 s ... up to 60 s between tries, which after a long outage of the store would keep the read
     * models (and evaluation) behind for up to a minute once it is back. Answers the names restarted.
     * Synchronized: reopenings in quick succession must not stop and start the same processor at once.
     */
    public synchronized List<String> retryFailedNow() {
        List<String> restarted = new ArrayList<>();
        for (String name : processing.eventProcessors().keySet())
            processing.eventProcessor(name, StreamingEventProcessor.class)
                    .filter(processor -> processor.isRunning() && processor.processingStatus().values().stream()
                            .anyMatch(EventTrackerStatus::isErrorState))
                    .ifPresent(processor -> {
                        processor.shutDown();
                        processor.start();
                        restarted.add(name);
                    });
        return restarted;
    }

    private StreamingEventProcessor streaming(String name) {
        return processing.eventProcessor(name, StreamingEventProcessor.class)
                .orElseThrow(() -> new NotFound("no read model " + name));
    }

    private ReadModelStatus status(String name, StreamingEventProcessor processor) {
        long position = -1;
        boolean replaying = false;
        for (EventTrackerStatus segment : processor.processingStatus().values()) {
            OptionalLong current = segment.getCurrentPosition();
            position = Math.max(position, current.orElse(-1));
            replaying |= segment.isReplaying();
        }
        long head = headPosition();
        // Axon keeps a replay token until an event past the reset point arrives; at the head the
        // replay is over as far as anyone reading the model is concerned.
        return new ReadModelStatus(name, processor.isRunning(), replaying && position < head, position, head);
    }

    private long headPosition() {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? -1 : head.position().orElse(-1);
    }
}
