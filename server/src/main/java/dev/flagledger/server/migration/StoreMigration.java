package dev.flagledger.server.migration;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Copies every event from one store to another through Axon's {@link EventStorageEngine} interface on
 * both sides, so JDBC→KurrentDB, KurrentDB→JDBC and JDBC→JDBC are the same code. Events are read in the
 * source's global order and appended in batches in that order; both engines share one serializer and
 * have no upcasters, so payload and metadata bytes, types, revisions, identifiers and timestamps pass
 * through untouched. Snapshots are not copied: they are caches the target rebuilds.
 *
 * <p>After each batch the source token is saved ({@link MigrationProgress}). A crash between a batch's
 * append and that save leaves at most one batch copied but not recorded; on resume, the first batch
 * skips every event the target already has (by aggregate and sequence number), so nothing is written twice.
 */
public final class StoreMigration {
    private final EventStorageEngine source;
    private final EventStorageEngine target;
    private final MigrationProgress progress;
    private final int batchSize;
    private final Listener listener;

    /** Called as the copy goes; {@link #appended} runs after a batch is in the target and before progress is saved. */
    public interface Listener {
        default void resumed(long copied) {
        }

        default void appended(long copied) {
        }

        default void saved(long copied) {
        }
    }

    public record Result(long copied, long skippedOnResume) {
    }

    public StoreMigration(EventStorageEngine source, EventStorageEngine target, MigrationProgress progress,
                          int batchSize, Listener listener) {
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be positive: " + batchSize);
        this.source = source;
        this.target = target;
        this.progress = progress;
        this.batchSize = batchSize;
        this.listener = listener;
    }

    /** Copies from where the last run stopped (or from the start) to the end of the source. */
    public Result run(String from, String to) {
        MigrationProgress.State state;
        boolean resuming = progress.exists();
        if (resuming) {
            state = progress.load();
            if (!state.from().equals(from) || !state.to().equals(to))
                throw new IllegalStateException("the progress file " + progress.file() + " belongs to a migration from "
                        + state.from() + " to " + state.to());
            listener.resumed(state.copied());
        } else {
            if (hasEvents(target))
                throw new IllegalStateException("the target store already holds events; a migration starts on an empty"
                        + " store (or resumes with the progress file of the interrupted run)");
            state = new MigrationProgress.State(from, to, 0, null);
            progress.save(state);
        }
        long skipped = 0;
        boolean uncertain = resuming;
        try (Stream<? extends TrackedEventMessage<?>> events = source.readEvents(state.token(), false)) {
            Iterator<? extends TrackedEventMessage<?>> iterator = events.iterator();
            List<TrackedEventMessage<?>> batch = new ArrayList<>(batchSize);
            while (iterator.hasNext()) {
                batch.add(iterator.next());
                if (batch.size() == batchSize || !iterator.hasNext()) {
                    List<TrackedEventMessage<?>> toAppend = uncertain ? notYetInTarget(batch) : batch;
                    skipped += batch.size() - toAppend.size();
                    uncertain = false;
                    if (!toAppend.isEmpty()) target.appendEvents(toAppend);
                    long copied = state.copied() + batch.size();
                    listener.appended(copied);
                    TrackingToken token = batch.get(batch.size() - 1).trackingToken();
                    state = new MigrationProgress.State(from, to, copied, token);
                    progress.save(state);
                    listener.saved(copied);
                    batch = new ArrayList<>(batchSize);
                }
            }
        }
        return new Result(state.copied(), skipped);
    }

    /** The events of a batch the target does not have yet: what an interrupted run appended is left out. */
    private List<TrackedEventMessage<?>> notYetInTarget(List<TrackedEventMessage<?>> batch) {
        List<TrackedEventMessage<?>> missing = new ArrayList<>();
        for (TrackedEventMessage<?> event : batch) {
            Optional<Long> last = target.lastSequenceNumberFor(aggregateOf(event));
            if (last.isEmpty() || last.get() < sequenceOf(event)) missing.add(event);
        }
        return missing;
    }

    static boolean hasEvents(EventStorageEngine store) {
        try (Stream<? extends TrackedEventMessage<?>> events = store.readEvents(null, false)) {
            return events.findFirst().isPresent();
        }
    }

    private static String aggregateOf(EventMessage<?> event) {
        return event instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : event.getIdentifier();
    }

    private static long sequenceOf(EventMessage<?> event) {
        return event instanceof DomainEventMessage<?> domain ? domain.getSequenceNumber() : 0;
    }
}
