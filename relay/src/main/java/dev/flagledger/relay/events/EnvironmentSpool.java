package dev.flagledger.relay.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flagledger.relay.AtomicFiles;
import dev.flagledger.relay.Json;
import dev.flagledger.relay.environment.EnvironmentId;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * The event spool of one environment: accepted batches appended to segment files
 * ({@code <n>.log}: records of length, CRC-32, event count and the events' JSON), a cursor to the
 * first record not yet delivered upstream, and the batch in flight.
 *
 * <p>Exactly once towards the upstream: before a batch is sent, its range and idempotency key are
 * written to {@code inflight.json}; until the upstream accepts it, every retry (also after a crash
 * or restart) sends the same records with the same key, which the upstream stores once. Only then
 * does the cursor move past it.
 *
 * <p>The writer thread appends and forces; the forwarder thread reads only what has been forced.
 */
final class EnvironmentSpool {
    static final long SEGMENT_BYTES = 8L * 1024 * 1024;
    private static final int HEADER = 12;
    private final EnvironmentId id;
    private final Path directory;

    // the writer's side
    private FileChannel active;
    private long activeSegment;
    private long activeSize;

    // what the forwarder may read: everything before (durableSegment, durableOffset)
    private long durableSegment;
    private long durableOffset;

    // the forwarder's side
    private long cursorSegment;
    private long cursorOffset;
    private Batch inflight;

    // for health and linger, guarded by this
    private long pendingEvents;
    private long firstUnsentNanos;
    /** Events are waiting that need no linger (left over from before a restart, or behind a full batch). */
    private boolean backlog;
    private long forwardedEvents;
    private long rejectedEvents;
    private String lastProblem;
    private long nextAttemptNanos;
    private int failedAttempts;

    /** A cut range of records and the one key it is ever sent with. */
    record Batch(String key, long segment, long from, long to, int events, byte[] body) {
    }

    EnvironmentSpool(EnvironmentId id, Path directory) throws IOException {
        this.id = id;
        this.directory = directory;
        Files.createDirectories(directory);
        List<Long> segments = segments();
        Path cursorFile = directory.resolve("cursor.json");
        if (Files.exists(cursorFile)) {
            JsonNode cursor = Json.tree(Files.readAllBytes(cursorFile));
            cursorSegment = cursor.path("segment").asLong();
            cursorOffset = cursor.path("offset").asLong();
        } else {
            cursorSegment = segments.isEmpty() ? 1 : segments.get(0);
            cursorOffset = 0;
        }
        for (long segment : segments) if (segment < cursorSegment) Files.deleteIfExists(segmentFile(segment));
        segments = segments();
        activeSegment = segments.isEmpty() ? cursorSegment : segments.get(segments.size() - 1);
        // A crash can leave a torn record at the end of the last segment; it was never acknowledged.
        activeSize = validLength(activeSegment);
        if (Files.exists(segmentFile(activeSegment))) {
            try (FileChannel channel = FileChannel.open(segmentFile(activeSegment), StandardOpenOption.WRITE)) {
                channel.truncate(activeSize);
            }
        }
        durableSegment = activeSegment;
        durableOffset = activeSize;
        for (long segment = cursorSegment; segment <= activeSegment; segment++)
            pendingEvents += countEvents(segment, segment == cursorSegment ? cursorOffset : 0);
        backlog = pendingEvents > 0;
        Path inflightFile = directory.resolve("inflight.json");
        if (Files.exists(inflightFile)) {
            JsonNode saved = Json.tree(Files.readAllBytes(inflightFile));
            List<Record> records = read(saved.path("segment").asLong(), saved.path("from").asLong(), saved.path("to").asLong(),
                    Integer.MAX_VALUE, Integer.MAX_VALUE);
            inflight = batch(saved.path("key").asText(), saved.path("segment").asLong(), saved.path("from").asLong(), records);
        }
    }

    EnvironmentId id() {
        return id;
    }

    // ---- writer thread ----

    long activeSize() {
        return activeSize;
    }

    /** Appends one accepted batch (not yet forced). */
    void append(byte[] eventsJson, int events) throws IOException {
        if (active == null || activeSize >= SEGMENT_BYTES) {
            if (active != null) {
                active.close();
                activeSegment++;
            }
            active = FileChannel.open(segmentFile(activeSegment), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
            activeSize = active.size();
        }
        CRC32 crc = new CRC32();
        crc.update(eventsJson);
        ByteBuffer record = ByteBuffer.allocate(HEADER + eventsJson.length);
        record.putInt(eventsJson.length).putInt((int) crc.getValue()).putInt(events).put(eventsJson).flip();
        while (record.hasRemaining()) active.write(record);
        activeSize += HEADER + eventsJson.length;
    }

    void force() throws IOException {
        if (active != null) active.force(false);
    }

    /** Undoes the appends of a group that could not be made durable. */
    void truncate(long segment, long size) throws IOException {
        if (active != null && activeSegment == segment) {
            active.truncate(size);
            activeSize = size;
        }
    }

    long activeSegment() {
        return activeSegment;
    }

    synchronized void durable(int events, long nowNanos) {
        if (pendingEvents == 0 && inflight == null) {
            firstUnsentNanos = nowNanos;
            backlog = false;
        }
        durableSegment = activeSegment;
        durableOffset = activeSize;
        pendingEvents += events;
    }

    // ---- forwarder thread ----

    /** True when there is something to send and it has waited long enough (or fills a batch). */
    synchronized boolean ready(long nowNanos, long lingerNanos, int fullBatch, boolean closing) {
        if (inflight != null) return true;
        if (pendingEvents == 0) return false;
        return closing || backlog || pendingEvents >= fullBatch || nowNanos - firstUnsentNanos >= lingerNanos;
    }

    /** The batch in flight, or a new one cut from the cursor (and recorded before it is sent). */
    synchronized Batch next(String relayId, int maxEvents, int maxBytes) throws IOException {
        if (inflight != null) return inflight;
        while (cursorSegment < durableSegment && cursorOffset >= Files.size(segmentFile(cursorSegment))) {
            Files.deleteIfExists(segmentFile(cursorSegment));
            cursorSegment++;
            cursorOffset = 0;
        }
        long end = cursorSegment == durableSegment ? durableOffset : Files.size(segmentFile(cursorSegment));
        if (cursorOffset >= end) return null;
        List<Record> records = read(cursorSegment, cursorOffset, end, maxEvents, maxBytes);
        // Unique for the relay's SDK key of this environment, which is what the upstream scopes keys to.
        String key = relayId + "." + cursorSegment + "." + cursorOffset + "." + records.get(records.size() - 1).end();
        Batch batch = batch(key, cursorSegment, cursorOffset, records);
        Map<String, Object> saved = new LinkedHashMap<>();
        saved.put("key", batch.key());
        saved.put("segment", batch.segment());
        saved.put("from", batch.from());
        saved.put("to", batch.to());
        saved.put("events", batch.events());
        AtomicFiles.write(directory.resolve("inflight.json"), Json.bytes(saved));
        inflight = batch;
        return batch;
    }

    /** The upstream stored the batch (or had stored it before): move past it for good. */
    synchronized void delivered(Batch batch) throws IOException {
        moveCursorPast(batch);
        forwardedEvents += batch.events();
        failedAttempts = 0;
        lastProblem = null;
    }

    /** The upstream refused the batch as invalid (it cannot become valid): set it aside, move on. */
    synchronized void rejected(Batch batch, String problem) throws IOException {
        Path rejected = directory.resolve("rejected");
        Files.createDirectories(rejected);
        Files.write(rejected.resolve(batch.key() + ".json"), batch.body());
        Files.writeString(rejected.resolve(batch.key() + ".problem"), problem);
        moveCursorPast(batch);
        rejectedEvents += batch.events();
        lastProblem = "a batch was refused as invalid and set aside in " + rejected + ": " + problem;
    }

    synchronized void failed(String problem, long retryAtNanos) {
        failedAttempts++;
        lastProblem = problem;
        nextAttemptNanos = retryAtNanos;
    }

    synchronized int failedAttempts() {
        return failedAttempts;
    }

    synchronized long nextAttemptNanos() {
        return nextAttemptNanos;
    }

    synchronized long firstUnsentNanos() {
        return firstUnsentNanos;
    }

    private void moveCursorPast(Batch batch) throws IOException {
        cursorSegment = batch.segment();
        cursorOffset = batch.to();
        AtomicFiles.write(directory.resolve("cursor.json"), Json.bytes(Map.of("segment", cursorSegment, "offset", cursorOffset)));
        Files.deleteIfExists(directory.resolve("inflight.json"));
        inflight = null;
        pendingEvents -= batch.events();
        backlog = pendingEvents > 0;
    }

    /** For health. */
    synchronized SpoolStatus status() {
        return new SpoolStatus(id, pendingEvents, inflight != null, forwardedEvents, rejectedEvents, lastProblem);
    }

    // ---- files ----

    private record Record(long start, long end, int events, byte[] json) {
    }

    private static Batch batch(String key, long segment, long from, List<Record> records) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("{\"events\":[".getBytes(StandardCharsets.US_ASCII));
        int events = 0;
        for (int i = 0; i < records.size(); i++) {
            if (i > 0) body.write(',');
            body.writeBytes(records.get(i).json());
            events += records.get(i).events();
        }
        body.writeBytes("]}".getBytes(StandardCharsets.US_ASCII));
        return new Batch(key, segment, from, records.isEmpty() ? from : records.get(records.size() - 1).end(), events,
                body.toByteArray());
    }

    /** Whole records from {@code from} up to {@code end}, as many as fit in one upstream batch (at least one). */
    private List<Record> read(long segment, long from, long end, int maxEvents, int maxBytes) throws IOException {
        List<Record> records = new ArrayList<>();
        int events = 0;
        int bytes = 16;
        try (FileChannel channel = FileChannel.open(segmentFile(segment), StandardOpenOption.READ)) {
            long position = from;
            while (position < end) {
                Record record = readRecord(channel, position);
                if (record == null) throw new IOException("spool " + segmentFile(segment) + " is damaged at " + position);
                if (!records.isEmpty() && (events + record.events() > maxEvents || bytes + record.json().length + 1 > maxBytes))
                    break;
                records.add(record);
                events += record.events();
                bytes += record.json().length + 1;
                position = record.end();
            }
        }
        return records;
    }

    private static Record readRecord(FileChannel channel, long position) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(HEADER);
        while (header.hasRemaining()) if (channel.read(header, position + header.position()) < 0) return null;
        header.flip();
        int length = header.getInt();
        int crc = header.getInt();
        int events = header.getInt();
        if (length < 0 || length > 1024 * 1024 || events < 1) return null;
        ByteBuffer json = ByteBuffer.allocate(length);
        while (json.hasRemaining()) if (channel.read(json, position + HEADER + json.position()) < 0) return null;
        CRC32 check = new CRC32();
        check.update(json.array());
        if ((int) check.getValue() != crc) return null;
        return new Record(position, position + HEADER + length, events, json.array());
    }

    private long validLength(long segment) throws IOException {
        Path file = segmentFile(segment);
        if (!Files.exists(file)) return 0;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long position = 0;
            for (Record record; (record = readRecord(channel, position)) != null; ) position = record.end();
            return position;
        }
    }

    private long countEvents(long segment, long from) throws IOException {
        Path file = segmentFile(segment);
        if (!Files.exists(file)) return 0;
        long events = 0;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long position = from;
            for (Record record; (record = readRecord(channel, position)) != null; position = record.end())
                events += record.events();
        }
        return events;
    }

    private List<Long> segments() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(path -> path.getFileName().toString()).filter(name -> name.matches("\\d{12}\\.log"))
                    .map(name -> Long.parseLong(name.substring(0, 12))).sorted().toList();
        }
    }

    private Path segmentFile(long segment) {
        return directory.resolve(String.format("%012d.log", segment));
    }

    void closeWriter() throws IOException {
        if (active != null) active.close();
    }
}
