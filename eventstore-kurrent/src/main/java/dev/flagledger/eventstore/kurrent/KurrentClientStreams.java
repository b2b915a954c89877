package dev.flagledger.eventstore.kurrent;

import io.kurrent.dbclient.AppendToStreamOptions;
import io.kurrent.dbclient.EventData;
import io.kurrent.dbclient.KurrentDBClient;
import io.kurrent.dbclient.Position;
import io.kurrent.dbclient.ReadAllOptions;
import io.kurrent.dbclient.ReadResult;
import io.kurrent.dbclient.ReadStreamOptions;
import io.kurrent.dbclient.RecordedEvent;
import io.kurrent.dbclient.ResolvedEvent;
import io.kurrent.dbclient.StreamMetadata;
import io.kurrent.dbclient.StreamNotFoundException;
import io.kurrent.dbclient.StreamState;
import org.axonframework.eventsourcing.eventstore.EventStoreException;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** {@link KurrentStreams} over the KurrentDB gRPC client: blocking calls, the client's own exceptions. */
public class KurrentClientStreams implements KurrentStreams {
    private final KurrentDBClient client;

    public KurrentClientStreams(KurrentDBClient client) {
        this.client = client;
    }

    @Override
    public long append(String stream, StreamState expected, List<EventData> events) {
        return await(client.appendToStream(stream, AppendToStreamOptions.get().streamState(expected), events.iterator()))
                .getNextExpectedRevision().toRawLong();
    }

    @Override
    public List<RecordedEvent> readStream(String stream, long fromRevision, int max) {
        return events(readOrEmpty(stream, ReadStreamOptions.get().forwards().fromRevision(fromRevision).maxCount(max)));
    }

    @Override
    public Optional<RecordedEvent> lastOf(String stream) {
        return events(readOrEmpty(stream, ReadStreamOptions.get().backwards().fromEnd().maxCount(1))).stream().findFirst();
    }

    @Override
    public List<RecordedEvent> readAll(Position from, int max) {
        ReadAllOptions options = ReadAllOptions.get().forwards().maxCount(max);
        return events(await(client.readAll(from == null ? options.fromStart() : options.fromPosition(from))));
    }

    @Override
    public List<RecordedEvent> readAllBackwards(Position from, int max) {
        ReadAllOptions options = ReadAllOptions.get().backwards().maxCount(max);
        return events(await(client.readAll(from == null ? options.fromEnd() : options.fromPosition(from))));
    }

    @Override
    public void keepOnlyLast(String stream, long count) {
        StreamMetadata metadata = new StreamMetadata();
        metadata.setMaxCount(count);
        await(client.setStreamMetadata(stream, metadata));
    }

    private ReadResult readOrEmpty(String stream, ReadStreamOptions options) {
        try {
            return await(client.readStream(stream, options));
        } catch (StreamNotFoundException absent) {
            return null;
        }
    }

    private static List<RecordedEvent> events(ReadResult result) {
        return result == null ? List.of() : result.getEvents().stream().map(ResolvedEvent::getOriginalEvent).toList();
    }

    /** The client answers with futures; callers (Axon) are synchronous and expect the client's exception itself. */
    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof RuntimeException cause) throw cause;
            throw new EventStoreException("KurrentDB call failed", failed.getCause());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new EventStoreException("interrupted while waiting for KurrentDB", interrupted);
        }
    }
}
