package dev.flagledger.projections.flag;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Read-your-write for a read model whose projection wakes no {@link ReadModelSignal}: reads it again
 * every few milliseconds until it answers or the timeout passes.
 */
public final class ReadModelPoll {
    private ReadModelPoll() {
    }

    /** What {@code read} answers once it answers something, or its last (empty) answer at the timeout. */
    public static <T> Optional<T> until(Supplier<Optional<T>> read, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<T> found = read.get();
            if (found.isPresent() || System.nanoTime() > deadline) return found;
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }
}
