package dev.flagledger.relay.events;

import dev.flagledger.relay.environment.EnvironmentId;
import dev.flagledger.relay.upstream.UpstreamClient;
import dev.flagledger.sdk.events.SdkEventBatchReader;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * Sends spooled events upstream in batches of up to 500 events and 256 KiB (what the server takes),
 * each with the idempotency key of its spool range, using the relay's own SDK key of the
 * environment. A batch waits up to {@code linger} for company unless it is full. Failures back off
 * per environment (0.5 s doubling to {@code maxBackoff}, or the upstream's Retry-After); the
 * batch stays in flight and is sent again unchanged. A batch the upstream refuses as invalid
 * (400, 413: it cannot become valid) is set aside beside the spool, never retried forever.
 */
public final class SpoolForwarder implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SpoolForwarder.class.getName());
    private final EventSpool spool;
    private final UpstreamClient upstream;
    private final Function<EnvironmentId, Optional<String>> relayKey;
    private final String relayId;
    private final long lingerNanos;
    private final Duration maxBackoff;
    private final Thread thread;
    private volatile boolean running = true;

    public SpoolForwarder(EventSpool spool, UpstreamClient upstream, Function<EnvironmentId, Optional<String>> relayKey,
                          String relayId, Duration linger, Duration maxBackoff) {
        this.spool = spool;
        this.upstream = upstream;
        this.relayKey = relayKey;
        this.relayId = relayId;
        this.lingerNanos = linger.toNanos();
        this.maxBackoff = maxBackoff;
        this.thread = new Thread(this::run, "relay-event-forwarder");
        thread.setDaemon(true);
    }

    public SpoolForwarder start() {
        thread.start();
        return this;
    }

    private void run() {
        while (running) {
            long waitMillis = Math.max(1, lingerNanos / 1_000_000);
            for (EnvironmentSpool environment : spool.spools()) {
                long now = System.nanoTime();
                if (!environment.ready(now, lingerNanos, SdkEventBatchReader.MAX_EVENTS, false)) {
                    continue;
                }
                long waitForRetry = environment.nextAttemptNanos() - now;
                if (environment.failedAttempts() > 0 && waitForRetry > 0) {
                    waitMillis = Math.min(waitMillis, Math.max(1, waitForRetry / 1_000_000));
                    continue;
                }
                if (forward(environment)) waitMillis = 0;
            }
            try {
                spool.awaitWork(waitMillis);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Sends one batch of one environment; true when it was delivered (there may be more). */
    private boolean forward(EnvironmentSpool environment) {
        Optional<String> key = relayKey.apply(environment.id());
        if (key.isEmpty()) {
            environment.failed("the relay has no SDK key for " + environment.id() + " yet", System.nanoTime()
                    + Duration.ofSeconds(5).toNanos());
            return false;
        }
        EnvironmentSpool.Batch batch;
        try {
            batch = environment.next(relayId, SdkEventBatchReader.MAX_EVENTS, SdkEventBatchReader.MAX_BODY_BYTES);
        } catch (IOException e) {
            environment.failed("reading the spool: " + e, retryAt(environment, null));
            return false;
        }
        if (batch == null) return false;
        try {
            UpstreamClient.Delivery delivery = upstream.postEvents(key.get(), batch.key(), batch.body());
            if (delivery.accepted()) {
                environment.delivered(batch);
                return true;
            }
            if (delivery.status() == 400 || delivery.status() == 413) {
                LOG.log(System.Logger.Level.ERROR, environment.id() + ": upstream refused event batch " + batch.key()
                        + " as invalid (" + delivery.status() + "): " + delivery.body());
                environment.rejected(batch, delivery.status() + " " + delivery.body());
                return true;
            }
            environment.failed("POST /sdk/v1/events answered " + delivery.status(), retryAt(environment, delivery.retryAfter()));
        } catch (IOException e) {
            environment.failed("POST /sdk/v1/events failed: " + e.getClass().getSimpleName() + " " + e.getMessage(),
                    retryAt(environment, null));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
        return false;
    }

    private long retryAt(EnvironmentSpool environment, Duration retryAfter) {
        int attempt = environment.failedAttempts() + 1;
        long ceiling = Math.min(maxBackoff.toMillis(), 500L << Math.min(attempt - 1, 16));
        long wait = ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
        if (retryAfter != null) wait = Math.max(wait, retryAfter.toMillis());
        return System.nanoTime() + wait * 1_000_000;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
