package dev.flagledger.eventstore.kurrent;

import io.kurrent.dbclient.EventData;
import io.kurrent.dbclient.EventDataBuilder;
import io.kurrent.dbclient.KurrentRecords;
import io.kurrent.dbclient.Position;
import io.kurrent.dbclient.RecordedEvent;
import io.kurrent.dbclient.StreamState;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A KurrentDB log in memory, for tests without a server: streams with revisions, optimistic appends
 * that fail with the client's {@code WrongExpectedVersionException}, and one {@code $all} log ordered by
 * byte position, which also carries system records ({@code $metadata}) as a real server's does, so
 * readers must filter. Thread-safe by one lock, like a single writer node.
 */
public class InMemoryKurrentStreams implements KurrentStreams {
    private final List<RecordedEvent> all = new ArrayList<>();
    private final Map<String, List<RecordedEvent>> streams = new HashMap<>();
    private final Map<String, Long> maxCounts = new HashMap<>();
    private long nextPosition = 1024;

    @Override
    public synchronized long append(String stream, StreamState expected, List<EventData> events) {
        List<RecordedEvent> existing = streams.get(stream);
        StreamState actual = existing == null ? StreamState.noStream()
                : StreamState.streamRevision(existing.get(existing.size() - 1).getRevision());
        boolean matches = expected.equals(StreamState.any())
                || (expected.equals(StreamState.noStream()) && existing == null)
                || (expected.equals(StreamState.streamExists()) && existing != null)
                || expected.equals(actual);
        if (!matches) throw KurrentRecords.wrongExpectedVersion(stream, expected, actual);
        List<RecordedEvent> target = streams.computeIfAbsent(stream, name -> new ArrayList<>());
        for (EventData data : events) {
            long revision = target.isEmpty() ? 0 : target.get(target.size() - 1).getRevision() + 1;
            RecordedEvent record = KurrentRecords.recorded(stream, revision, data,
                    new Position(nextPosition, nextPosition), Instant.now());
            nextPosition += 64 + data.getEventData().length + (data.getUserMetadata() == null ? 0 : data.getUserMetadata().length);
            target.add(record);
            all.add(record);
        }
        return target.get(target.size() - 1).getRevision();
    }

    @Override
    public synchronized List<RecordedEvent> readStream(String stream, long fromRevision, int max) {
        List<RecordedEvent> events = kept(stream);
        return events.stream().filter(record -> record.getRevision() >= fromRevision).limit(max).toList();
    }

    @Override
    public synchronized Optional<RecordedEvent> lastOf(String stream) {
        List<RecordedEvent> events = kept(stream);
        return events.isEmpty() ? Optional.empty() : Optional.of(events.get(events.size() - 1));
    }

    @Override
    public synchronized List<RecordedEvent> readAll(Position from, int max) {
        return all.stream().filter(record -> from == null || record.getPosition().compareTo(from) >= 0).limit(max).toList();
    }

    @Override
    public synchronized List<RecordedEvent> readAllBackwards(Position from, int max) {
        List<RecordedEvent> result = new ArrayList<>();
        for (int i = all.size() - 1; i >= 0 && result.size() < max; i--)
            if (from == null || all.get(i).getPosition().compareTo(from) <= 0) result.add(all.get(i));
        return result;
    }

    /** Like the server, writes the new stream metadata as a {@code $metadata} record into {@code $$<stream>}. */
    @Override
    public synchronized void keepOnlyLast(String stream, long count) {
        maxCounts.put(stream, count);
        byte[] json = ("{\"$maxCount\":" + count + "}").getBytes(StandardCharsets.UTF_8);
        append("$$" + stream, StreamState.any(), List.of(EventDataBuilder.json(UUID.randomUUID(), "$metadata", json).build()));
    }

    /** Appends a record that is not one of ours, as another application or the server itself would. */
    public void appendForeign(String stream, String type) {
        append(stream, StreamState.any(), List.of(EventDataBuilder.json(UUID.randomUUID(), type, "{}".getBytes(StandardCharsets.UTF_8)).build()));
    }

    public synchronized long recordsInAll() {
        return all.size();
    }

    private List<RecordedEvent> kept(String stream) {
        List<RecordedEvent> events = streams.getOrDefault(stream, List.of());
        Long max = maxCounts.get(stream);
        return max == null || events.size() <= max ? events : events.subList((int) (events.size() - max), events.size());
    }
}
