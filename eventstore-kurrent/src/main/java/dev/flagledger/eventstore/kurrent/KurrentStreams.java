package dev.flagledger.eventstore.kurrent;

import io.kurrent.dbclient.EventData;
import io.kurrent.dbclient.Position;
import io.kurrent.dbclient.RecordedEvent;
import io.kurrent.dbclient.StreamState;

import java.util.List;
import java.util.Optional;

/**
 * The few KurrentDB operations the storage engine needs, in the client's own types. A thin port so
 * the engine's mapping, paging and error translation are tested against an in-memory log without a
 * server; {@link KurrentClientStreams} is the real one. Failures surface as the client's exceptions
 * (for example {@link io.kurrent.dbclient.WrongExpectedVersionException}), unwrapped from its futures.
 */
public interface KurrentStreams {

    /** Appends atomically to one stream if it is in the {@code expected} state; answers the stream's new last revision. */
    long append(String stream, StreamState expected, List<EventData> events);

    /** Up to {@code max} events of a stream from {@code fromRevision} on, oldest first; none when the stream does not exist. */
    List<RecordedEvent> readStream(String stream, long fromRevision, int max);

    /** The last event of a stream, if it has any. */
    Optional<RecordedEvent> lastOf(String stream);

    /** Up to {@code max} events of {@code $all} from {@code from} (inclusive; {@code null}: the start), oldest first. */
    List<RecordedEvent> readAll(Position from, int max);

    /** Up to {@code max} events of {@code $all} from {@code from} (inclusive; {@code null}: the end), newest first. */
    List<RecordedEvent> readAllBackwards(Position from, int max);

    /** Lets the server scavenge all but the newest {@code count} events of a stream ({@code $maxCount}). */
    void keepOnlyLast(String stream, long count);
}
