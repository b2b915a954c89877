package dev.flagledger.projections.snapshot;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Hands changes to many listeners using every core. With a thousand SDK streams open, a change is a
 * thousand socket writes, each mostly kernel time; one thread doing them all made the last stream
 * wait for the 999 before it. The listeners are cut into contiguous slices, one per core, the
 * calling thread takes the first and pool threads the others, and {@link #deliver} returns only when
 * every slice is done: each listener still gets changes one at a time and in publishing order,
 * because the next delivery cannot start before this one has finished.
 */
final class ParallelFanOut implements AutoCloseable {
    /** Below this many listeners per slice, handing work to another thread costs more than it saves. */
    static final int MIN_SLICE = 128;

    private final int helpers;
    private final ExecutorService pool;

    ParallelFanOut(int cores) {
        this.helpers = Math.max(0, cores - 1);
        AtomicInteger n = new AtomicInteger();
        this.pool = helpers == 0 ? null : Executors.newFixedThreadPool(helpers, task -> {
            Thread thread = new Thread(task, "snapshot-fan-out-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Calls every listener with every change, changes in order. A listener that throws does not keep
     * the others from their changes; the first failure is thrown once all slices are done.
     */
    <T> void deliver(List<T> changes, Object[] listeners) {
        int slices = pool == null ? 1 : Math.min(1 + helpers, listeners.length / MIN_SLICE);
        if (slices <= 1) {
            RuntimeException failure = slice(changes, listeners, 0, listeners.length);
            if (failure != null) throw failure;
            return;
        }
        int size = (listeners.length + slices - 1) / slices;
        List<Future<RuntimeException>> others = new ArrayList<>(slices - 1);
        for (int s = 1; s < slices; s++) {
            int from = s * size;
            int to = Math.min(listeners.length, from + size);
            others.add(pool.submit(() -> slice(changes, listeners, from, to)));
        }
        RuntimeException failure = slice(changes, listeners, 0, size);
        boolean interrupted = false;
        for (Future<RuntimeException> other : others) {
            while (true) {
                try {
                    RuntimeException failed = other.get();
                    if (failure == null) failure = failed;
                    break;
                } catch (InterruptedException e) {
                    // Wait on regardless: returning early would let the next change overtake this one.
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (failure == null) failure = e.getCause() instanceof RuntimeException r ? r
                            : new IllegalStateException(e.getCause());
                    break;
                }
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
        if (failure != null) throw failure;
    }

    /** Delivers to one slice; returns the first failure instead of stopping at it. */
    @SuppressWarnings("unchecked")
    private static <T> RuntimeException slice(List<T> changes, Object[] listeners, int from, int to) {
        RuntimeException failure = null;
        for (T change : changes)
            for (int i = from; i < to; i++) {
                try {
                    ((Consumer<T>) listeners[i]).accept(change);
                } catch (RuntimeException e) {
                    if (failure == null) failure = e;
                }
            }
        return failure;
    }

    @Override
    public void close() {
        if (pool != null) pool.shutdown();
    }
}
