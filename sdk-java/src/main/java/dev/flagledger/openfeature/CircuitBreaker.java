package dev.flagledger.openfeature;

import java.util.function.LongSupplier;

/**
 * Stops hammering a failing server: after {@code threshold} consecutive failures the circuit opens
 * for a cool-down (doubling per re-open, capped); then one trial call is let through (half-open), and
 * a success closes it again. The same policy as the TypeScript SDK's {@code CircuitBreaker}.
 */
final class CircuitBreaker {
    private final int threshold;
    private final long coolDownMillis;
    private final long maxCoolDownMillis;
    private final LongSupplier nowMillis;
    private int failures;
    private int opens;
    private long openUntil;

    CircuitBreaker(int threshold, long coolDownMillis, long maxCoolDownMillis, LongSupplier nowMillis) {
        this.threshold = threshold;
        this.coolDownMillis = coolDownMillis;
        this.maxCoolDownMillis = maxCoolDownMillis;
        this.nowMillis = nowMillis;
    }

    CircuitBreaker(int threshold, long coolDownMillis, long maxCoolDownMillis) {
        this(threshold, coolDownMillis, maxCoolDownMillis, System::currentTimeMillis);
    }

    synchronized boolean isOpen() {
        return openUntil > nowMillis.getAsLong();
    }

    /** Milliseconds until a call is allowed again (0 when closed or half-open). */
    synchronized long waitMillis() {
        return Math.max(0, openUntil - nowMillis.getAsLong());
    }

    synchronized void success() {
        failures = 0;
        opens = 0;
        openUntil = 0;
    }

    synchronized void failure() {
        if (++failures >= threshold) {
            long coolDown = Math.min(maxCoolDownMillis, coolDownMillis << Math.min(opens, 20));
            opens++;
            openUntil = nowMillis.getAsLong() + coolDown;
            failures = threshold - 1; // half-open next: one more failure re-opens it
        }
    }
}
