package dev.flagledger.eventstore.kurrent;

import io.kurrent.dbclient.EventData;
import io.kurrent.dbclient.Position;
import io.kurrent.dbclient.RecordedEvent;
import io.kurrent.dbclient.StreamState;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventsourcing.eventstore.AbstractEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Axon's event storage on KurrentDB (docs/decisions/0006). One stream per aggregate whose revision is
 * the aggregate's sequence number, so an append states the revision it expects and a concurrent
 * writer gets Axon's concurrency exception; snapshots in a stream of their own that keeps only the
 * newest; tracking over {@code $all}, keeping only records whose type starts with our payload
 * prefix, with {@link KurrentTrackingToken}s at the records' log positions. Upcasters apply on read
 * as in every {@link AbstractEventStorageEngine}.
 */
public class KurrentEventStorageEngine extends AbstractEventStorageEngine {
    private final KurrentStreams streams;
    private final StreamNames names;
    private final EventRecordMapper mapper;
    private final String eventTypePrefix;
    private final int batchSize;

    protected KurrentEventStorageEngine(Builder builder) {
        super(builder);
        this.streams = builder.streams;
        this.names = builder.names;
        this.mapper = new EventRecordMapper(builder.jsonPayloads);
        this.eventTypePrefix = builder.eventTypePrefix;
        this.batchSize = builder.batchSize;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Appends each aggregate's events to its stream with the revision before the first one as the
     * expected revision. One stream's append is atomic; events of several aggregates in one call are
     * appended stream by stream (Axon's commands touch one aggregate, so that does not arise in practice).
     */
    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        Map<String, List<EventMessage<?>>> byAggregate = new LinkedHashMap<>();
        for (EventMessage<?> event : events)
            byAggregate.computeIfAbsent(aggregateOf(event), id -> new ArrayList<>()).add(event);
        byAggregate.forEach((aggregate, batch) -> appendToStream(aggregate, batch, serializer));
    }

    private void appendToStream(String aggregate, List<EventMessage<?>> batch, Serializer serializer) {
        long first = sequenceOf(batch.get(0));
        List<EventData> records = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            long sequence = sequenceOf(batch.get(i));
            // A repeated or earlier sequence number in one batch claims a slot that is already taken.
            if (sequence < first + i) handlePersistenceException(new SlotTaken(aggregate, sequence), batch.get(0));
            if (sequence > first + i)
                throw new EventStoreException("events of " + aggregate + " skip from " + (first + i - 1) + " to " + sequence);
            records.add(mapper.toRecord(batch.get(i), serializer));
        }
        StreamState expected = first == 0 ? StreamState.noStream() : StreamState.streamRevision(first - 1);
        try {
            streams.append(names.aggregate(aggregate), expected, records);
        } catch (RuntimeException e) {
            handlePersistenceException(e, batch.get(0));
        }
    }

    @Override
    protected void storeSnapshot(DomainEventMessage<?> snapshot, Serializer serializer) {
        String stream = names.snapshots(snapshot.getAggregateIdentifier());
        long revision = streams.append(stream, StreamState.any(), List.of(mapper.toSnapshotRecord(snapshot, serializer)));
        // Only the newest snapshot is ever read: let the scavenger drop the rest.
        if (revision == 0) streams.keepOnlyLast(stream, 1);
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readEventData(String identifier, long firstSequenceNumber) {
        String stream = names.aggregate(identifier);
        return pages(new Pager<RecordedEvent, Long>(firstSequenceNumber, batchSize) {
            @Override
            List<RecordedEvent> page(Long from) {
                return streams.readStream(stream, from, batchSize);
            }

            @Override
            Long next(RecordedEvent last) {
                return last.getRevision() + 1;
            }
        }).map(mapper::fromRecord).flatMap(Optional::stream);
    }

    /**
     * Events of {@code $all} after the token, ours only. The read is a finite batch of pages; Axon's
     * {@code EmbeddedEventStore} polls again for what is appended later.
     */
    @Override
    protected Stream<? extends TrackedEventData<?>> readEventData(TrackingToken trackingToken, boolean mayBlock) {
        KurrentTrackingToken after = token(trackingToken);
        return pages(new Pager<RecordedEvent, Position>(after == null ? null : after.toPosition(), batchSize) {
            @Override
            List<RecordedEvent> page(Position from) {
                List<RecordedEvent> page = streams.readAll(from, batchSize);
                // $all reads start at the given position itself: drop the event the reader has already seen.
                if (from != null && !page.isEmpty() && page.get(0).getPosition().equals(from))
                    return page.subList(1, page.size());
                return page;
            }

            @Override
            Position next(RecordedEvent last) {
                return last.getPosition();
            }

            @Override
            boolean exhausted(List<RecordedEvent> page, Position from) {
                return page.isEmpty() || page.size() < batchSize - (from == null ? 0 : 1);
            }
        }).filter(this::isOurEvent).flatMap(record -> mapper.fromRecord(record).stream()
                .map(data -> new TrackedDomainEventData<>(KurrentTrackingToken.of(record.getPosition()), data)));
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateIdentifier) {
        return streams.lastOf(names.snapshots(aggregateIdentifier)).flatMap(mapper::fromRecord).stream();
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        return streams.lastOf(names.aggregate(aggregateIdentifier)).map(RecordedEvent::getRevision);
    }

    /** The start of the log: a reader from here sees every event. */
    @Override
    public TrackingToken createTailToken() {
        return null;
    }

    /** The position of the log's last record, so a reader from here sees only what comes next. */
    @Override
    public TrackingToken createHeadToken() {
        return streams.readAllBackwards(null, 1).stream().findFirst()
                .map(record -> (TrackingToken) KurrentTrackingToken.of(record.getPosition())).orElse(null);
    }

    /** The position of the last of our events written before {@code instant} (by our timestamp), walking back from the end. */
    @Override
    public TrackingToken createTokenAt(Instant instant) {
        Position from = null;
        while (true) {
            List<RecordedEvent> page = streams.readAllBackwards(from, batchSize);
            for (RecordedEvent record : page) {
                if (from != null && record.getPosition().equals(from)) continue;
                Optional<DomainEventData<byte[]>> data = isOurEvent(record) ? mapper.fromRecord(record) : Optional.empty();
                if (data.isPresent() && data.get().getTimestamp().isBefore(instant))
                    return KurrentTrackingToken.of(record.getPosition());
            }
            if (page.size() < batchSize) return null;
            from = page.get(page.size() - 1).getPosition();
        }
    }

    private boolean isOurEvent(RecordedEvent record) {
        return record.getEventType().startsWith(eventTypePrefix);
    }

    private static KurrentTrackingToken token(TrackingToken trackingToken) {
        TrackingToken unwrapped = WrappedToken.unwrapLowerBound(trackingToken);
        if (unwrapped == null || unwrapped instanceof KurrentTrackingToken) return (KurrentTrackingToken) unwrapped;
        throw new IllegalArgumentException("the KurrentDB store tracks with KurrentTrackingTokens, not " + unwrapped);
    }

    private static String aggregateOf(EventMessage<?> event) {
        return event instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : event.getIdentifier();
    }

    private static long sequenceOf(EventMessage<?> event) {
        return event instanceof DomainEventMessage<?> domain ? domain.getSequenceNumber() : 0;
    }

    /** Raised for a batch that reuses a sequence number, so Axon reports it like any other taken slot. */
    static final class SlotTaken extends RuntimeException {
        SlotTaken(String aggregate, long sequence) {
            super("sequence " + sequence + " of " + aggregate + " is already taken");
        }
    }

    private static <T> Stream<T> pages(Pager<T, ?> pager) {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(pager, Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /** Reads page after page lazily, so a long stream or a full replay never sits in memory at once. */
    private abstract static class Pager<T, C> implements Iterator<T> {
        private final int pageSize;
        private C cursor;
        private Iterator<T> current = java.util.Collections.emptyIterator();
        private boolean done;
        private T last;

        Pager(C start, int pageSize) {
            this.cursor = start;
            this.pageSize = pageSize;
        }

        abstract List<T> page(C from);

        abstract C next(T last);

        /** A short page is the last one. */
        boolean exhausted(List<T> page, C from) {
            return page.size() < pageSize;
        }

        @Override
        public boolean hasNext() {
            while (!current.hasNext() && !done) {
                C from = last == null ? cursor : next(last);
                List<T> page = page(from);
                done = exhausted(page, from);
                cursor = from;
                current = page.iterator();
            }
            return current.hasNext();
        }

        @Override
        public T next() {
            if (!hasNext()) throw new NoSuchElementException();
            last = current.next();
            return last;
        }
    }

    /** Builds the engine: the streams port is required; the conflict resolver is KurrentDB's. */
    public static class Builder extends AbstractEventStorageEngine.Builder {
        private KurrentStreams streams;
        private StreamNames names = StreamNames.DEFAULT;
        private String eventTypePrefix = "dev.flagledger.";
        private boolean jsonPayloads = true;
        private int batchSize = 500;

        Builder() {
            super.persistenceExceptionResolver(new KurrentConflictResolver());
        }

        public Builder streams(KurrentStreams streams) {
            this.streams = streams;
            return this;
        }

        public Builder streamNames(StreamNames names) {
            this.names = names;
            return this;
        }

        /** Record types (payload class names) that tracking readers see; everything else in {@code $all} is skipped. */
        public Builder eventTypePrefix(String prefix) {
            this.eventTypePrefix = prefix;
            return this;
        }

        public Builder jsonPayloads(boolean json) {
            this.jsonPayloads = json;
            return this;
        }

        public Builder batchSize(int batchSize) {
            if (batchSize < 2) throw new IllegalArgumentException("batch size must be at least 2: " + batchSize);
            this.batchSize = batchSize;
            return this;
        }

        @Override
        public Builder snapshotSerializer(Serializer snapshotSerializer) {
            super.snapshotSerializer(snapshotSerializer);
            return this;
        }

        @Override
        public Builder upcasterChain(EventUpcaster upcasterChain) {
            super.upcasterChain(upcasterChain);
            return this;
        }

        @Override
        public Builder persistenceExceptionResolver(PersistenceExceptionResolver resolver) {
            super.persistenceExceptionResolver(resolver);
            return this;
        }

        @Override
        public Builder eventSerializer(Serializer eventSerializer) {
            super.eventSerializer(eventSerializer);
            return this;
        }

        @Override
        public Builder snapshotFilter(SnapshotFilter snapshotFilter) {
            super.snapshotFilter(snapshotFilter);
            return this;
        }

        @Override
        protected void validate() {
            super.validate();
            if (streams == null) throw new org.axonframework.common.AxonConfigurationException("KurrentStreams is required");
        }

        public KurrentEventStorageEngine build() {
            return new KurrentEventStorageEngine(this);
        }
    }
}
