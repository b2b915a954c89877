package dev.flagledger.auth.web;

import org.slf4j.Logger;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * A log of requests refused because a dependency is away ({@link Unavailable}), at most one line per interval:
 * the first refusal is logged at once, the ones after it are counted and reported with the next line. While a
 * database is stopped or a disk is full, every request is refused alike, and a line each (thousands a minute
 * under load, on a disk that may be the full one) would bury what an operator needs to read.
 */
public final class RefusalLog {
    private final Consumer<String> lines;
    private final long intervalNanos;
    private final LongSupplier nanoClock;
    private final AtomicLong nextLineAt = new AtomicLong();
    private final AtomicLong unreported = new AtomicLong();
    private volatile boolean logged;

    /** Warnings on {@code log}, at most one per {@code interval}. */
    public RefusalLog(Logger log, Duration interval) {
        this(log::warn, interval, System::nanoTime);
    }

    RefusalLog(Consumer<String> lines, Duration interval, LongSupplier nanoClock) {
        this.lines = lines;
        this.intervalNanos = interval.toNanos();
        this.nanoClock = nanoClock;
    }

    /** Logs, or counts for the next line, the refusal of {@code what} because of {@code cause}. */
    public void refused(String what, Throwable cause) {
        long now = nanoClock.getAsLong();
        long due = nextLineAt.get();
        if ((logged && now - due < 0) || !nextLineAt.compareAndSet(due, now + intervalNanos)) {
            unreported.incrementAndGet();
            return;
        }
        logged = true;
        long more = unreported.getAndSet(0);
        lines.accept(what + " refused: the store is unavailable (" + cause + ")"
                + (more == 0 ? "" : "; " + more + " more refused as unavailable since the last line"));
    }
}
