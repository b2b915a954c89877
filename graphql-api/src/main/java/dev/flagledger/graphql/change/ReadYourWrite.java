package dev.flagledger.graphql.change;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Lets a mutation wait for the in-memory read model a tracking processor feeds (SDK keys, API
 * tokens) to hold its own change: the command's effect arrives a moment after the command. The
 * model calls {@link #changed()} after every event it applies.
 */
public final class ReadYourWrite {
    private final Object monitor = new Object();

    /** Waits until {@code read} answers something satisfying {@code condition}, or until the timeout. */
    public <T> Optional<T> await(Supplier<Optional<T>> read, Predicate<T> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (monitor) {
            while (true) {
                Optional<T> value = read.get().filter(condition);
                long remaining = deadline - System.nanoTime();
                if (value.isPresent() || remaining <= 0) return value;
                try {
                    monitor.wait(Math.max(1, remaining / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Optional.empty();
                }
            }
        }
    }

    /** Wakes every waiter to check again. */
    public void changed() {
        synchronized (monitor) {
            monitor.notifyAll();
        }
    }
}
