package dev.flagledger.projections.flag;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Wakes readers waiting for the read model to catch up, once the projection's transaction has
 * committed, so a mutation can answer with its own write without polling the database.
 */
@Component
public class ReadModelSignal {
    private final Object monitor = new Object();
    private long generation;

    /** Called by a projection after it changed rows in the current transaction. */
    public void changed() {
        if (TransactionSynchronizationManager.isSynchronizationActive())
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    wake();
                }
            });
        else
            wake();
    }

    /** The count of committed changes so far; read it before probing, then wait for it to move. */
    public long generation() {
        synchronized (monitor) {
            return generation;
        }
    }

    /** Waits until a change committed after {@code seen}, or until {@code timeoutNanos} elapse. */
    public void awaitChangeAfter(long seen, long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        synchronized (monitor) {
            while (generation == seen) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) return;
                monitor.wait(remaining / 1_000_000, (int) (remaining % 1_000_000));
            }
        }
    }

    private void wake() {
        synchronized (monitor) {
            generation++;
            monitor.notifyAll();
        }
    }
}
