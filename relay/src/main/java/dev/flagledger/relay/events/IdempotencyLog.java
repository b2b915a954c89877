package dev.flagledger.relay.events;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code Idempotency-Key}s of batches the relay accepted, per sending SDK key, for
 * {@code window}: a batch sent again (an SDK, or a relay further out, retrying after a lost answer)
 * is answered as a duplicate and not spooled twice. Kept in memory and in an append-only file that
 * is compacted at start; a key is written in the same group commit as its batch.
 */
final class IdempotencyLog implements AutoCloseable {
    private static final int MAX_KEYS = 1_000_000;
    private final Path file;
    private final Duration window;
    private final Clock clock;
    /** key → expiry (epoch ms), oldest first. */
    private final LinkedHashMap<String, Long> seen = new LinkedHashMap<>();
    private FileChannel channel;

    IdempotencyLog(Path file, Duration window, Clock clock) throws IOException {
        this.file = file;
        this.window = window;
        this.clock = clock;
        long now = clock.millis();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] parts = line.split(" ", 2);
                if (parts.length != 2) continue; // a torn last line
                try {
                    long expiry = Long.parseLong(parts[0]);
                    if (expiry > now) seen.put(parts[1], expiry);
                } catch (NumberFormatException torn) {
                    // a torn last line
                }
            }
        }
        StringBuilder compacted = new StringBuilder();
        seen.forEach((key, expiry) -> compacted.append(expiry).append(' ').append(key).append('\n'));
        dev.flagledger.relay.AtomicFiles.write(file, compacted.toString().getBytes(StandardCharsets.UTF_8));
        channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    static String key(String sdkKeyId, String idempotencyKey) {
        return sdkKeyId + "|" + idempotencyKey;
    }

    /** True when the key is new (it is now taken); false when a batch with it was accepted before. */
    synchronized boolean reserve(String key) {
        long now = clock.millis();
        expire(now);
        Long expiry = seen.get(key);
        if (expiry != null && expiry > now) return false;
        seen.put(key, now + window.toMillis());
        return true;
    }

    /** The batch could not be spooled: its key may be used again. */
    synchronized void release(String key) {
        seen.remove(key);
    }

    /** Appends the keys of a group commit; the caller forces the file with the spool. */
    synchronized void append(List<String> keys) throws IOException {
        if (keys.isEmpty()) return;
        StringBuilder lines = new StringBuilder();
        for (String key : keys) lines.append(seen.getOrDefault(key, clock.millis() + window.toMillis())).append(' ')
                .append(key).append('\n');
        ByteBuffer buffer = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
        while (buffer.hasRemaining()) channel.write(buffer);
    }

    synchronized void force() throws IOException {
        channel.force(false);
    }

    private void expire(long now) {
        Iterator<Map.Entry<String, Long>> oldest = seen.entrySet().iterator();
        while (oldest.hasNext()) {
            Map.Entry<String, Long> entry = oldest.next();
            if (entry.getValue() > now && seen.size() <= MAX_KEYS) break;
            oldest.remove();
        }
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }
}
