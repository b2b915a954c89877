package dev.flagledger.openfeature;

import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with jitter: 0.5 s, 1 s, 2 s ... capped at 30 s, so reconnecting clients spread out. */
final class Backoff {
    static final long BASE_MILLIS = 500;
    static final long MAX_MILLIS = 30_000;

    private Backoff() {
    }

    /** A delay between half and all of {@code min(max, base * 2^attempt)}. */
    static long delayMillis(int attempt) {
        long ceiling = Math.min(MAX_MILLIS, BASE_MILLIS << Math.min(Math.max(attempt, 0), 16));
        return ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
    }
}
