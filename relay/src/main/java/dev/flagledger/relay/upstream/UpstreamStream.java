package dev.flagledger.relay.upstream;

import dev.flagledger.relay.environment.EnvironmentState;
import dev.flagledger.relay.environment.EnvironmentView;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Mirrors one environment from the upstream's {@code /sdk/v1/stream}, on a thread of its own: a
 * {@code put} replaces the configuration, each {@code patch} changes one flag or segment, and a
 * reconnect sends the last position as {@code Last-Event-ID}, so the upstream sends exactly what
 * was missed. Reconnects back off (0.5 s doubling to {@code maxBackoff}, with jitter, reset after
 * a working connection); a stream silent for {@code idleTimeout} (three missed heartbeats) is
 * closed and reopened, which catches half-open connections.
 */
public final class UpstreamStream implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(UpstreamStream.class.getName());
    private final EnvironmentState state;
    private final String sdkKey;
    private final UpstreamClient upstream;
    private final Duration maxBackoff;
    private final Duration idleTimeout;
    private final Clock clock;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile InputStream open;
    private volatile Instant lastActivity;
    /** Set after an event the relay could not apply: the next connection asks for a whole put. */
    private volatile boolean needPut;

    public UpstreamStream(EnvironmentState state, String sdkKey, UpstreamClient upstream, Duration maxBackoff,
                          Duration idleTimeout, Clock clock) {
        this.state = state;
        this.sdkKey = sdkKey;
        this.upstream = upstream;
        this.maxBackoff = maxBackoff;
        this.idleTimeout = idleTimeout;
        this.clock = clock;
        this.thread = new Thread(this::run, "relay-upstream-" + state.id());
        thread.setDaemon(true);
    }

    public UpstreamStream start() {
        thread.start();
        return this;
    }

    private void run() {
        int attempt = 0;
        while (running) {
            boolean worked = false;
            try {
                worked = connectOnce();
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                if (running) state.upstreamLost(e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            // After a connection that worked, wait the shortest step: the upstream restarting should not be hammered.
            attempt = worked ? 1 : attempt + 1;
            if (!running) return;
            try {
                Thread.sleep(backoff(attempt));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** One connection, read until it ends; true when the upstream accepted it (the backoff resets). */
    private boolean connectOnce() throws IOException, InterruptedException {
        Long resumeFrom = needPut ? null : state.position().orElse(null);
        HttpResponse<InputStream> response = upstream.openStream(sdkKey, resumeFrom);
        if (response.statusCode() != 200) {
            String problem = "GET /sdk/v1/stream answered " + response.statusCode();
            response.body().close();
            state.upstreamLost(problem);
            LOG.log(System.Logger.Level.WARNING, state.id() + ": " + problem);
            return false;
        }
        open = response.body();
        lastActivity = clock.instant();
        state.upstreamConnected();
        needPut = false;
        try (InputStream body = response.body()) {
            SseReader.read(body, new SseReader.Listener() {
                @Override
                public void onEvent(SseReader.Event event) throws IOException {
                    apply(event);
                }

                @Override
                public void onActivity() {
                    lastActivity = clock.instant();
                    state.upstreamContact();
                }
            });
        } finally {
            open = null;
        }
        if (running) state.upstreamLost("the upstream stream ended");
        return true;
    }

    private void apply(SseReader.Event event) throws IOException {
        long position;
        try {
            position = Long.parseLong(event.id());
        } catch (NumberFormatException | NullPointerException noPosition) {
            return; // not an event of ours
        }
        try {
            switch (event.name()) {
                case "put" -> state.applyPut(position, event.data(), EnvironmentView.Source.UPSTREAM, clock.instant());
                case "patch" -> {
                    if (state.view().isEmpty()) throw new IllegalStateException("a patch before any put");
                    state.applyPatch(position, event.data());
                }
                default -> {
                    // change notices and future event kinds: nothing to mirror
                }
            }
        } catch (RuntimeException unusable) {
            // Something was missed or is malformed: start over from a whole put, keep serving what we hold.
            LOG.log(System.Logger.Level.WARNING, state.id() + ": unusable " + event.name() + " at " + position
                    + " (" + unusable.getMessage() + "); reconnecting for a whole configuration");
            needPut = true;
            throw new IOException("unusable event", unusable);
        }
    }

    /** Closes a stream that has been silent too long; called periodically from a shared timer. */
    public void checkIdle() {
        InputStream current = open;
        Instant last = lastActivity;
        if (current != null && last != null && Duration.between(last, clock.instant()).compareTo(idleTimeout) > 0) {
            LOG.log(System.Logger.Level.WARNING, state.id() + ": upstream silent for " + idleTimeout + "; reconnecting");
            state.upstreamLost("the upstream stream was silent for " + idleTimeout.toSeconds() + " s");
            closeQuietly(current);
        }
    }

    private long backoff(int attempt) {
        long ceiling = Math.min(maxBackoff.toMillis(), 500L << Math.min(attempt - 1, 16));
        return ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
    }

    @Override
    public void close() {
        running = false;
        InputStream current = open;
        if (current != null) closeQuietly(current);
        thread.interrupt();
    }

    private static void closeQuietly(InputStream stream) {
        try {
            stream.close();
        } catch (IOException ignored) {
            // closing to stop reading
        }
    }
}
