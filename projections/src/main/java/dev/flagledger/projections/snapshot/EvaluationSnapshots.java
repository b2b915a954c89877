package dev.flagledger.projections.snapshot;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The published, immutable snapshot per (project, environment), swapped atomically, plus a bounded
 * history of changes so a stream client can resume from a position without gaps. Readers never
 * block and never touch a database.
 */
@Component
public class EvaluationSnapshots implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EvaluationSnapshots.class);
    /** Changes kept per environment for resumption; a client further behind gets a full put. */
    static final int HISTORY = 1_000;

    private final Map<String, AtomicReference<EnvironmentSnapshot>> current = new ConcurrentHashMap<>();
    private final Map<String, Deque<ConfigChange>> history = new ConcurrentHashMap<>();
    private final List<Consumer<ConfigChange>> listeners = new CopyOnWriteArrayList<>();
    private final ParallelFanOut fanOut = new ParallelFanOut(Runtime.getRuntime().availableProcessors());

    public Optional<EnvironmentSnapshot> current(String projectKey, String environment) {
        AtomicReference<EnvironmentSnapshot> ref = current.get(key(projectKey, environment));
        return ref == null ? Optional.empty() : Optional.ofNullable(ref.get());
    }

    /**
     * The changes after {@code position}, oldest first, or empty when the history no longer reaches
     * back that far (then the caller must start over with the whole snapshot).
     */
    public Optional<List<ConfigChange>> changesSince(String projectKey, String environment, long position) {
        Deque<ConfigChange> changes = history.get(key(projectKey, environment));
        if (changes == null) return Optional.of(List.of());
        synchronized (changes) {
            if (changes.size() >= HISTORY && changes.peekFirst().position() > position + 1) return Optional.empty();
            List<ConfigChange> after = new ArrayList<>();
            for (ConfigChange change : changes) if (change.position() > position) after.add(change);
            return Optional.of(after);
        }
    }

    /**
     * Called for every change after it is published; listeners must not block. One that throws is logged
     * and does not keep the change from the others nor fail the publish.
     */
    public Runnable subscribe(Consumer<ConfigChange> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /**
     * Publishes a new snapshot and the changes that led to it: the projection does, and so does
     * {@code flagledger dev}, which serves a flag file through the same SDK endpoints.
     */
    public void publish(EnvironmentSnapshot snapshot, List<ConfigChange> changes) {
        String key = key(snapshot.projectKey(), snapshot.environment());
        Deque<ConfigChange> log = history.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (log) {
            for (ConfigChange change : changes) {
                log.addLast(change);
                if (log.size() > HISTORY) log.removeFirst();
            }
        }
        // Swap after the history is written: a reader that sees the new snapshot can also resume from it.
        current.computeIfAbsent(key, k -> new AtomicReference<>()).set(snapshot);
        try {
            fanOut.deliver(changes, listeners.toArray());
        } catch (RuntimeException listenerFailed) {
            // The snapshot and its history are published: a listener's defect must not fail the projection,
            // whose failed handler would be retried (PropagatingErrorHandler) and publish the change twice.
            LOG.error("a snapshot listener failed on a change of {}/{}; the other listeners have it",
                    snapshot.projectKey(), snapshot.environment(), listenerFailed);
        }
    }

    @Override
    public void close() {
        fanOut.close();
    }

    void clear() {
        current.clear();
        history.clear();
    }

    private static String key(String projectKey, String environment) {
        return projectKey + "\u0000" + environment;
    }
}
