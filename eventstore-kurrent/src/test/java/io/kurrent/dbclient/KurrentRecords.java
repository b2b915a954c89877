package io.kurrent.dbclient;

import java.time.Instant;
import java.util.Map;

/**
 * Builds the client's own record and error types for tests without a server. Their constructors are
 * package-private (the client makes them from gRPC messages), hence this class in the client's package.
 */
public final class KurrentRecords {
    private KurrentRecords() {
    }

    /** The record a server would answer for {@code data} stored at {@code revision} of {@code stream}. */
    public static RecordedEvent recorded(String stream, long revision, EventData data, Position position, Instant created) {
        long ticks = created.getEpochSecond() * 10_000_000L + created.getNano() / 100;
        return new RecordedEvent(stream, revision, data.getEventId(), position, Map.of(
                SystemMetadataKeys.TYPE, data.getEventType(),
                SystemMetadataKeys.CONTENT_TYPE, data.getContentType(),
                SystemMetadataKeys.CREATED, Long.toString(ticks)), data.getEventData(), data.getUserMetadata());
    }

    /** What the client throws when a stream is not in the state an append expected. */
    public static WrongExpectedVersionException wrongExpectedVersion(String stream, StreamState expected, StreamState actual) {
        return new WrongExpectedVersionException(stream, expected, actual);
    }
}
