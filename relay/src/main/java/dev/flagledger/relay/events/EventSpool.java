package dev.flagledger.relay.events;

import dev.flagledger.relay.environment.EnvironmentId;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.Stream;

/**
 * Accepted SDK event batches on disk until the upstream has them ({@code spool/<project>/<env>/}).
 * A batch is answered 202 only once it is forced to disk: one writer thread takes every batch that
 * arrived meanwhile and forces once for all of them (group commit), so the cost of an fsync is
 * shared and the event loops never touch the disk.
 */
public final class EventSpool implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(EventSpool.class.getName());

    public enum Outcome { STORED, DUPLICATE }

    private record Append(EnvironmentId environment, byte[] eventsJson, int events, String idempotency,
                          CompletableFuture<Outcome> done) {
    }

    private final Path directory;
    private final boolean fsync;
    private final Map<EnvironmentId, EnvironmentSpool> spools = new ConcurrentHashMap<>();
    private final IdempotencyLog idempotency;
    private final BlockingQueue<Append> queue = new LinkedBlockingQueue<>();
    private final Object work = new Object();
    private final Thread writer;
    private volatile boolean running = true;

    public EventSpool(Path directory, boolean fsync, Duration idempotencyWindow, Clock clock) throws IOException {
        this.directory = directory;
        this.fsync = fsync;
        Files.createDirectories(directory);
        this.idempotency = new IdempotencyLog(directory.resolve("idempotency.log"), idempotencyWindow, clock);
        try (Stream<Path> projects = Files.list(directory)) {
            for (Path project : projects.filter(Files::isDirectory).toList()) {
                try (Stream<Path> environments = Files.list(project)) {
                    for (Path environment : environments.filter(Files::isDirectory).toList())
                        spool(new EnvironmentId(project.getFileName().toString(), environment.getFileName().toString()));
                }
            }
        }
        writer = new Thread(this::writeLoop, "relay-event-spool");
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * Spools one validated batch for an environment; completes once it is durable.
     *
     * @param sourceKeyId    the id of the SDK key that sent it (idempotency keys are per sender)
     * @param idempotencyKey the sender's {@code Idempotency-Key}, or null
     * @param events         each event's JSON
     */
    public CompletableFuture<Outcome> append(EnvironmentId environment, String sourceKeyId, String idempotencyKey,
                                             List<String> events) {
        String idempotent = idempotencyKey == null ? null : IdempotencyLog.key(sourceKeyId, idempotencyKey);
        if (idempotent != null && !idempotency.reserve(idempotent))
            return CompletableFuture.completedFuture(Outcome.DUPLICATE);
        CompletableFuture<Outcome> done = new CompletableFuture<>();
        byte[] json = String.join(",", events).getBytes(StandardCharsets.UTF_8);
        if (!running) {
            if (idempotent != null) idempotency.release(idempotent);
            return CompletableFuture.failedFuture(new IOException("the relay is stopping"));
        }
        queue.add(new Append(environment, json, events.size(), idempotent, done));
        return done;
    }

    public Collection<EnvironmentSpool> spools() {
        return List.copyOf(spools.values());
    }

    /** Per-environment spool figures, for health. */
    public List<SpoolStatus> status() {
        return spools.values().stream().map(EnvironmentSpool::status)
                .sorted(java.util.Comparator.comparing(status -> status.id().toString())).toList();
    }

    EnvironmentSpool spool(EnvironmentId id) {
        return spools.computeIfAbsent(id, key -> {
            try {
                return new EnvironmentSpool(key, directory.resolve(key.projectKey()).resolve(key.environment()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The forwarder waits here for new durable batches (or its timeout). */
    void awaitWork(long millis) throws InterruptedException {
        if (millis <= 0) return;
        synchronized (work) {
            work.wait(millis);
        }
    }

    void wakeForwarder() {
        synchronized (work) {
            work.notifyAll();
        }
    }

    private void writeLoop() {
        List<Append> group = new ArrayList<>();
        while (running || !queue.isEmpty()) {
            try {
                Append first = queue.poll(200, java.util.concurrent.TimeUnit.MILLISECONDS);
                if (first == null) continue;
                group.add(first);
            } catch (InterruptedException e) {
                if (queue.isEmpty()) return;
            }
            queue.drainTo(group, 10_000);
            commit(group);
            group.clear();
        }
    }

    private void commit(List<Append> group) {
        Map<EnvironmentSpool, long[]> before = new IdentityHashMap<>();
        Map<EnvironmentSpool, Integer> events = new IdentityHashMap<>();
        List<String> keys = new ArrayList<>();
        try {
            for (Append append : group) {
                EnvironmentSpool spool = spool(append.environment());
                before.computeIfAbsent(spool, s -> new long[] {s.activeSegment(), s.activeSize()});
                spool.append(append.eventsJson(), append.events());
                events.merge(spool, append.events(), Integer::sum);
                if (append.idempotency() != null) keys.add(append.idempotency());
            }
            idempotency.append(keys);
            if (fsync) {
                for (EnvironmentSpool spool : before.keySet()) spool.force();
                idempotency.force();
            }
        } catch (IOException | RuntimeException failure) {
            LOG.log(System.Logger.Level.ERROR, "could not spool " + group.size() + " event batches: " + failure);
            before.forEach((spool, mark) -> {
                try {
                    spool.truncate(mark[0], mark[1]);
                } catch (IOException ignored) {
                    // the batch is refused either way; a leftover is forwarded, never acknowledged twice
                }
            });
            for (Append append : group) {
                if (append.idempotency() != null) idempotency.release(append.idempotency());
                append.done().completeExceptionally(failure);
            }
            return;
        }
        long now = System.nanoTime();
        events.forEach((spool, count) -> spool.durable(count, now));
        for (Append append : group) append.done().complete(Outcome.STORED);
        wakeForwarder();
    }

    @Override
    public void close() throws IOException {
        running = false;
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (EnvironmentSpool spool : spools.values()) spool.closeWriter();
        idempotency.close();
        wakeForwarder();
    }
}
