package dev.flagledger.server.eventstore;

import org.axonframework.common.AxonTransientException;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStoreException;

import java.sql.SQLTransientConnectionException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Axon's {@link EmbeddedEventStore}, whose event streams (and the cache of recent events they share) belong to
 * one instance of the database: after {@link #newDatabase()} the streams opened before refuse to go on, and a
 * tracking processor that read an event from one may not store its token ({@link #readFromCurrentDatabase()}).
 * <p>
 * Why: H2 shows a commit to other sessions before its write to the file; when that write fails (a full disk),
 * H2 closes the database and the commit is gone. The store's producer (or a processor's own stream) may have
 * read the event meanwhile and keeps it in memory; after the store reopened, a processor would apply that
 * event, which is in no store, and commit the change and its token to the new database: a read model with
 * a flag the events never created (DiskFullIT, 60 s variant). Within one database instance this cannot
 * happen: a later commit reaches the file only together with everything committed before it.
 * <p>
 * Writes (appends, aggregate reads, snapshots) go through this store as before; only {@link #openStream}
 * is served by a reader of the current instance, which new appends wake as before, so the normal path
 * costs one more call per stream operation.
 */
public class ReopenSafeEventStore extends EmbeddedEventStore {
    private final EventStorageEngine engine;
    private volatile Reader current;
    private volatile List<String> deliveredByReplaced = List.of();
    private final boolean remembersDeliveries;
    // The instance (its generation) the events this thread read last came from: a tracking processor reads
    // its batch and stores its token on the same thread (TrackingEventProcessor is one thread per segment).
    private final ThreadLocal<Long> readFrom = new ThreadLocal<>();

    public ReopenSafeEventStore(EventStorageEngine engine) {
        this(engine, true);
    }

    /**
     * {@code remembersDeliveries}: whether streams remember the identifiers of the events they deliver, for
     * {@link #deliveredByReplacedInstance()}; only a store whose database can be opened anew needs it (a
     * synchronized add per delivery, per processor, which a replay of a large store would pay for nothing).
     */
    public ReopenSafeEventStore(EventStorageEngine engine, boolean remembersDeliveries) {
        super(EmbeddedEventStore.builder().storageEngine(engine));
        this.engine = engine;
        this.remembersDeliveries = remembersDeliveries;
        this.current = new Reader(engine, 0);
    }

    /**
     * The database was opened anew (by the caller, before anyone used the new instance): streams of the
     * old one stop, their cached events are dropped, and new streams read from the new instance.
     */
    public synchronized void newDatabase() {
        Reader old = current;
        current = new Reader(engine, old.generation + 1);
        old.shutDown();
        deliveredByReplaced = old.recentlyDelivered();
    }

    /**
     * The identifiers of the last events (at most {@value Reader#REMEMBERED}) the streams of the instance replaced
     * last delivered to processors. Any of them the new instance lacks was lost with the closed one, and the
     * read models kept in memory, which have no commit to refuse, may hold it ({@code InMemoryReadModels}).
     */
    public List<String> deliveredByReplacedInstance() {
        return deliveredByReplaced;
    }

    /**
     * Whether the events this thread read last (if any) came from the current database instance. A commit
     * derived from events of a closed instance must not be made: they may be in no store.
     */
    public boolean readFromCurrentDatabase() {
        Long generation = readFrom.get();
        return generation == null || generation == current.generation;
    }

    /** Axon's JDBC token store, refusing to store a token that follows events of a replaced database instance. */
    public JdbcTokenStore tokenStore(JdbcTokenStore.Builder builder) {
        return new JdbcTokenStore(builder) {
            @Override
            public void storeToken(TrackingToken token, String processorName, int segment) {
                // In the transaction of the processor's read-model changes: refused, they roll back with it.
                if (!readFromCurrentDatabase()) throw new StaleStream();
                super.storeToken(token, processorName, segment);
            }
        };
    }

    /** How many times the database was opened anew since the start. */
    public long generation() {
        return current.generation;
    }

    @Override
    public TrackingEventStream openStream(TrackingToken trackingToken) {
        Reader reader = current;
        return new Stream(reader.openStream(trackingToken), reader);
    }

    /**
     * After the database was opened anew, an append must continue its aggregate's stream in the new instance:
     * an aggregate read (or cached) before may be at a version whose last events the closed instance lost
     * (DiskFullIT, 60 s variant: a stream stored 0..6, then 8). Checked only once the database was replaced
     * (one indexed read per appended stream, in the append's transaction); before, H2's single writer and
     * the aggregate locks make it impossible. Refused, the command rolls back (its cached aggregate with it)
     * and is answered UNAVAILABLE, so the client tries again on the stored stream.
     */
    @Override
    protected void prepareCommit(List<? extends EventMessage<?>> events) {
        if (current.generation > 0) refuseGaps(events);
        super.prepareCommit(events);
    }

    private void refuseGaps(List<? extends EventMessage<?>> events) {
        Map<String, Long> firstSequence = new HashMap<>();
        for (EventMessage<?> event : events)
            if (event instanceof DomainEventMessage<?> domain && domain.getAggregateIdentifier() != null)
                firstSequence.merge(domain.getAggregateIdentifier(), domain.getSequenceNumber(), Math::min);
        firstSequence.forEach((aggregate, first) -> {
            long stored = engine.lastSequenceNumberFor(aggregate).orElse(-1L);
            if (stored != first - 1) throw new StreamGap(aggregate, first, stored);
        });
    }

    @Override
    protected void afterCommit(List<? extends EventMessage<?>> events) {
        current.wake();
    }

    @Override
    public void shutDown() {
        current.shutDown();
        super.shutDown();
    }

    /** A stream of a database instance that was replaced: its processor reopens it (on the current one). */
    public static final class StaleStream extends AxonTransientException {
        StaleStream() {
            super("The embedded store was reopened: events read before may be in no store; reading again");
        }
    }

    /**
     * An append that would not continue its aggregate's stored stream (its aggregate was read from a database
     * instance since replaced). Its cause makes it {@code UNAVAILABLE} for the caller: try again.
     */
    public static final class StreamGap extends EventStoreException {
        StreamGap(String aggregate, long first, long stored) {
            super("Not appended: the embedded store was reopened since aggregate " + aggregate + " was read (it would"
                    + " append sequence " + first + " after stored " + stored + "); try again",
                    new SQLTransientConnectionException("The embedded store was reopened since the change was read", "08006"));
        }
    }

    private static final class Reader extends EmbeddedEventStore {
        // The lost events are the last ones an instance showed before its write failed: a short memory suffices.
        static final int REMEMBERED = 512;
        private final long generation;
        private final Set<String> delivered = new LinkedHashSet<>();

        Reader(EventStorageEngine engine, long generation) {
            super(EmbeddedEventStore.builder().storageEngine(engine));
            this.generation = generation;
        }

        void wake() {
            super.afterCommit(List.of());
        }

        void delivered(String eventIdentifier) {
            synchronized (delivered) {
                if (delivered.add(eventIdentifier) && delivered.size() > REMEMBERED)
                    delivered.remove(delivered.iterator().next());
            }
        }

        List<String> recentlyDelivered() {
            synchronized (delivered) {
                return List.copyOf(delivered);
            }
        }
    }

    private final class Stream implements TrackingEventStream {
        private final TrackingEventStream events;
        private final Reader reader;
        private final long generation;

        Stream(TrackingEventStream events, Reader reader) {
            this.events = events;
            this.reader = reader;
            this.generation = reader.generation;
        }

        private void refuseIfStale() {
            if (generation != current.generation) throw new StaleStream();
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            refuseIfStale();
            return events.peek();
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            refuseIfStale();
            boolean available = events.hasNextAvailable(timeout, unit);
            refuseIfStale();
            return available;
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            refuseIfStale();
            TrackedEventMessage<?> event = events.nextAvailable();
            readFrom.set(generation);
            if (remembersDeliveries) reader.delivered(event.getIdentifier());
            refuseIfStale();
            return event;
        }

        @Override
        public void close() {
            events.close();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            events.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            return events.setOnAvailableCallback(callback);
        }
    }
}
