package dev.flagledger.server.webhook;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff: the n-th retry waits {@code initial * 2^(n-1)}, at most {@code max}, with ±20 %
 * jitter so many failing deliveries do not retry in lockstep; after {@code maxAttempts} attempts a
 * delivery has failed for good.
 */
public record WebhookRetries(Duration initial, Duration max, int maxAttempts) {
    public WebhookRetries {
        if (initial.isNegative() || initial.isZero()) throw new IllegalArgumentException("initial backoff must be positive");
        if (max.compareTo(initial) < 0) throw new IllegalArgumentException("max backoff must not be below the initial one");
        if (maxAttempts < 1) throw new IllegalArgumentException("at least one attempt");
    }

    /** The wait before the next attempt, after {@code attempts} failed ones (1 or more), without jitter. */
    public Duration nominalDelay(int attempts) {
        Duration delay = initial;
        for (int i = 1; i < attempts && delay.compareTo(max) < 0; i++) delay = delay.multipliedBy(2);
        return delay.compareTo(max) > 0 ? max : delay;
    }

    public Duration delay(int attempts) {
        long nominal = nominalDelay(attempts).toMillis();
        return Duration.ofMillis(Math.round(nominal * ThreadLocalRandom.current().nextDouble(0.8, 1.2)));
    }

    public boolean exhausted(int attempts) {
        return attempts >= maxAttempts;
    }
}
