package dev.flagledger.openfeature;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link FlagledgerProvider} reaches its server. Build with {@link #builder()}:
 *
 * <pre>{@code
 * FlagledgerOptions.builder().url("https://flags.example.com").sdkKey(System.getenv("FLAGLEDGER_SERVER_KEY")).build()
 * }</pre>
 *
 * Without a {@code url} the provider is offline: it serves a {@link Builder#flagFile(Path) flagFile} (a project
 * document, re-read when it changes) or a {@link Builder#configFile(Path) configFile}.
 *
 * @param url               the server's base URL; null for offline use
 * @param sdkKey            a SERVER key of the environment to evaluate (it may read the rules)
 * @param mode              {@link Mode#STREAM} (SSE, polling as fallback) or {@link Mode#POLLING}
 * @param pollInterval      how often {@code /sdk/v1/config} is asked in polling mode (and while the stream is down)
 * @param startupTimeout    {@code initialize} waits at most this long for the first config; then defaults serve
 * @param requestTimeout    deadline of one HTTP request, body included (a stream's headers may take up to
 *                          {@code streamIdleTimeout}, as some servers and proxies send them with the first byte)
 * @param streamIdleTimeout a stream silent this long (three 15 s heartbeats) is dropped and reopened
 * @param configFile        a config JSON file (the {@code /sdk/v1/config} format) served until the server answers,
 *                          or for good when there is no url
 * @param flagFile          a project document in the GitOps format (YAML or JSON, docs/gitops.md) served instead of a
 *                          server and re-read whenever its content changes (local development, tests)
 * @param environment       with {@code flagFile}: the environment to serve; null for the file's first
 * @param events            exposure and {@code track()} events
 * @param httpClient        the client for every request; null for a new one per provider
 * @param signingSecret     for a key that requires signed requests: its signing secret ({@code flsig_...}); every
 *                          request then carries a {@code Flagledger-Signature} (docs/webhooks.md); null signs nothing
 */
public record FlagledgerOptions(URI url, String sdkKey, Mode mode, Duration pollInterval, Duration startupTimeout,
                                Duration requestTimeout, Duration streamIdleTimeout, Path configFile,
                                EventOptions events, HttpClient httpClient, Path flagFile, String environment,
                                String signingSecret) {

    /** How the config is kept current. */
    public enum Mode {
        /** {@code GET /sdk/v1/stream}: a put, then a patch per change; polling while it is down. */
        STREAM,
        /** {@code GET /sdk/v1/config} every {@code pollInterval} with If-None-Match. */
        POLLING
    }

    /**
     * @param enabled       false sends nothing
     * @param batchSize     send when this many are queued (at most 500, the server's batch limit)
     * @param flushInterval send what is queued at least this often
     * @param maxQueue      events kept while the server is unreachable; the oldest are dropped beyond it
     */
    public record EventOptions(boolean enabled, int batchSize, Duration flushInterval, int maxQueue) {
        public static final EventOptions DEFAULT = new EventOptions(true, 100, Duration.ofSeconds(10), 1_000);
        public static final EventOptions DISABLED = new EventOptions(false, 100, Duration.ofSeconds(10), 1_000);

        public EventOptions {
            if (batchSize < 1) throw new IllegalArgumentException("events.batchSize must be at least 1");
            batchSize = Math.min(batchSize, 500);
            positive(flushInterval, "events.flushInterval");
            if (maxQueue < batchSize) throw new IllegalArgumentException("events.maxQueue must be at least batchSize");
        }
    }

    public FlagledgerOptions {
        if (url == null && configFile == null && flagFile == null)
            throw new IllegalArgumentException("a url (with an sdkKey), a flagFile or a configFile is required");
        if (flagFile != null && (url != null || configFile != null))
            throw new IllegalArgumentException("a flagFile replaces the server: give a url or a flagFile, not both");
        if (url != null && (sdkKey == null || sdkKey.isBlank()))
            throw new IllegalArgumentException("sdkKey is required with a url");
        if (url != null) {
            String text = url.toString();
            url = URI.create(text.endsWith("/") ? text.replaceAll("/+$", "") : text);
        }
        Objects.requireNonNull(mode, "mode");
        positive(pollInterval, "pollInterval");
        Objects.requireNonNull(startupTimeout, "startupTimeout");
        positive(requestTimeout, "requestTimeout");
        positive(streamIdleTimeout, "streamIdleTimeout");
        if (events == null) events = EventOptions.DEFAULT;
        if (signingSecret != null && signingSecret.isBlank()) signingSecret = null;
    }

    public static Builder builder() {
        return new Builder();
    }

    private static void positive(Duration duration, String name) {
        if (duration == null || duration.isNegative() || duration.isZero())
            throw new IllegalArgumentException(name + " must be a positive duration");
    }

    /** Defaults: stream mode, poll every 30 s, start-up 5 s, requests 5 s, stream idle 45 s, events on. */
    public static final class Builder {
        private URI url;
        private String sdkKey;
        private Mode mode = Mode.STREAM;
        private Duration pollInterval = Duration.ofSeconds(30);
        private Duration startupTimeout = Duration.ofSeconds(5);
        private Duration requestTimeout = Duration.ofSeconds(5);
        private Duration streamIdleTimeout = Duration.ofSeconds(45);
        private Path configFile;
        private EventOptions events = EventOptions.DEFAULT;
        private HttpClient httpClient;
        private Path flagFile;
        private String environment;
        private String signingSecret;

        private Builder() {
        }

        public Builder url(String url) {
            this.url = url == null ? null : URI.create(url);
            return this;
        }

        public Builder sdkKey(String sdkKey) {
            this.sdkKey = sdkKey;
            return this;
        }

        public Builder mode(Mode mode) {
            this.mode = mode;
            return this;
        }

        public Builder pollInterval(Duration pollInterval) {
            this.pollInterval = pollInterval;
            return this;
        }

        public Builder startupTimeout(Duration startupTimeout) {
            this.startupTimeout = startupTimeout;
            return this;
        }

        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = requestTimeout;
            return this;
        }

        public Builder streamIdleTimeout(Duration streamIdleTimeout) {
            this.streamIdleTimeout = streamIdleTimeout;
            return this;
        }

        public Builder configFile(Path configFile) {
            this.configFile = configFile;
            return this;
        }

        public Builder events(EventOptions events) {
            this.events = events;
            return this;
        }

        public Builder flagFile(Path flagFile) {
            this.flagFile = flagFile;
            return this;
        }

        public Builder environment(String environment) {
            this.environment = environment;
            return this;
        }

        public Builder httpClient(HttpClient httpClient) {
            this.httpClient = httpClient;
            return this;
        }

        /** The signing secret of a key that requires signed requests (shown once when the key was made). */
        public Builder signingSecret(String signingSecret) {
            this.signingSecret = signingSecret;
            return this;
        }

        public FlagledgerOptions build() {
            return new FlagledgerOptions(url, sdkKey, mode, pollInterval, startupTimeout, requestTimeout,
                    streamIdleTimeout, configFile, events, httpClient, flagFile, environment, signingSecret);
        }
    }
}
