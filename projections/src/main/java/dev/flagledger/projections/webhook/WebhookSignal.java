package dev.flagledger.projections.webhook;

import org.springframework.stereotype.Component;

import java.util.concurrent.TimeUnit;

/**
 * Wakes the dispatcher when deliveries were queued on this server (after their transaction commits),
 * so a change is sent at once rather than at the next poll.
 */
@Component
public class WebhookSignal {
    private final Object lock = new Object();
    private boolean pending;

    public void queued() {
        synchronized (lock) {
            pending = true;
            lock.notifyAll();
        }
    }

    /** Waits until something was queued or the timeout passed. */
    public void await(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        synchronized (lock) {
            while (!pending) {
                long left = deadline - System.nanoTime();
                if (left <= 0) return;
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
            pending = false;
        }
    }
}
