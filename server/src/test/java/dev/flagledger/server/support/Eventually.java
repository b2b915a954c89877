package dev.flagledger.server.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for something the server does asynchronously: polls with a deadline generous enough for a loaded machine. */
public final class Eventually {
    private Eventually() {
    }

    /** Polls {@code condition} every 50 ms until it holds; fails naming {@code what} after 60 s. */
    public static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting until " + what);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
