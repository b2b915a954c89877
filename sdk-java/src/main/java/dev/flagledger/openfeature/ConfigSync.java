package dev.flagledger.openfeature;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Keeps one environment's compiled config current. In stream mode it holds {@code GET /sdk/v1/stream}
 * open (a {@code put}, then a {@code patch} per change; the event id is sent back as
 * {@code Last-Event-ID} on every reconnect, so a reconnect gets exactly what it missed), reconnects
 * with backoff and a circuit breaker, and downloads {@code /sdk/v1/config} while the stream cannot be
 * held. Every update is compiled before it replaces the last good config, so a malformed one never
 * takes working flags away: it is reported, and the stream is reopened without Last-Event-ID for a
 * clean {@code put}. Nothing here throws to its caller.
 */
final class ConfigSync implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigSync.class);

    /** What the provider hears: a new config, and whether the last one is current. */
    interface Listener {
        void updated(List<String> changedFlags, boolean first);

        void stale(String problem);

        void current();
    }

    /** A flag file is checked this often: by content, so in-place writes and renames both show. */
    static final long FLAG_FILE_POLL_MILLIS = 200;
    private final FlagledgerOptions options;
    private final HttpClient http;
    private final RequestSigner signer;
    private final ScheduledExecutorService timer;
    private final Listener listener;
    private final CircuitBreaker breaker = new CircuitBreaker(3, 1_000, 30_000);
    private final CountDownLatch firstConfig = new CountDownLatch(1);
    private final Object sleeper = new Object();
    private volatile ConfigState state;
    private volatile String lastError;
    private volatile String lastEventId;
    private volatile StreamSession session;
    private volatile boolean closed;
    private boolean announcedStale;
    private String etag;
    private String flagFileText;
    private boolean streamUnsupported;
    private Thread thread;

    ConfigSync(FlagledgerOptions options, HttpClient http, ScheduledExecutorService timer, Listener listener) {
        this.options = options;
        this.http = http;
        this.signer = RequestSigner.of(options.signingSecret());
        this.timer = timer;
        this.listener = listener;
    }

    /** The last good config, or null before the first one. */
    ConfigState state() {
        return state;
    }

    /** Why the config may be out of date (the server unreachable, failing, or sending garbage); null when current. */
    String lastError() {
        return lastError;
    }

    /** Loads the config file (if any) and starts syncing with the server (if there is one); once only. */
    synchronized void start() {
        if (thread != null || closed) return;
        if (options.configFile() != null) loadFile();
        if (options.flagFile() != null) {
            reloadFlagFile();
            timer.scheduleWithFixedDelay(this::reloadFlagFile, FLAG_FILE_POLL_MILLIS, FLAG_FILE_POLL_MILLIS,
                    TimeUnit.MILLISECONDS);
        }
        if (options.url() == null) {
            thread = Thread.currentThread(); // nothing to run; marks "started"
            return;
        }
        thread = new Thread(this::run, "flagledger-config-sync");
        thread.setDaemon(true);
        thread.start();
    }

    boolean awaitFirstConfig(Duration timeout) throws InterruptedException {
        return firstConfig.await(Math.max(0, timeout.toMillis()), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        closed = true;
        StreamSession open = session;
        if (open != null) open.cancel(new IOException("closed"));
        synchronized (sleeper) {
            sleeper.notifyAll();
        }
    }

    private void loadFile() {
        try {
            byte[] bytes = Files.readAllBytes(options.configFile());
            apply(ConfigState.fromBody(Json.parse(bytes)));
        } catch (IOException | RuntimeException e) {
            LOG.warn("flagledger: cannot use the config file {}: {}", options.configFile(), e.getMessage());
        }
    }

    /** Reads the flag file when its content changed; a file that does not read or compile keeps the last good one. */
    private void reloadFlagFile() {
        if (closed) return;
        String text;
        try {
            text = Files.readString(options.flagFile());
        } catch (IOException | RuntimeException e) {
            flagFileProblem("cannot read " + options.flagFile() + ": " + e.getMessage());
            return;
        }
        if (text.equals(flagFileText)) return;
        flagFileText = text;
        try {
            apply(ProjectFile.configOf(ProjectFile.parse(text), options.environment()));
            current();
        } catch (IOException | RuntimeException e) {
            flagFileProblem(options.flagFile() + " not loaded, serving the last good version: " + e.getMessage());
        }
    }

    private void flagFileProblem(String problem) {
        if (problem.equals(lastError)) return;
        LOG.warn("flagledger: {}", problem);
        stale(problem);
    }

    private void run() {
        int attempt = 0;
        while (!closed) {
            if (options.mode() == FlagledgerOptions.Mode.POLLING || streamUnsupported) {
                poll();
                sleep(Math.max(options.pollInterval().toMillis(), breaker.waitMillis()));
                continue;
            }
            boolean received = stream();
            if (closed) break;
            attempt = received ? 0 : attempt + 1;
            // Polling as the fallback: while the stream cannot be held, the download may still work.
            if (!received && attempt >= 2 && !streamUnsupported) poll();
            sleep(Math.max(Backoff.delayMillis(attempt), breaker.waitMillis()));
        }
    }

    /** One stream connection, until it ends; true when it delivered anything (events or heartbeats). */
    private boolean stream() {
        if (breaker.isOpen()) return false;
        // Headers may wait for the first byte of the body (a proxy, or a server that commits them with
        // the first event): allow as long as a silent stream is tolerated.
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint("/sdk/v1/stream"))
                .timeout(options.streamIdleTimeout().compareTo(options.requestTimeout()) > 0
                        ? options.streamIdleTimeout() : options.requestTimeout())
                .header("Authorization", "Bearer " + options.sdkKey())
                .header("Accept", "text/event-stream");
        String resumeFrom = lastEventId;
        if (resumeFrom != null) request.header("Last-Event-ID", resumeFrom);
        RequestSigner.sign(signer, request, "GET", endpoint("/sdk/v1/stream"), new byte[0]);
        StreamSession current = new StreamSession();
        session = current;
        if (closed) return false;
        ScheduledFuture<?> watchdog = timer.scheduleAtFixedRate(current::checkIdle, 1, 1, TimeUnit.SECONDS);
        try {
            CompletableFuture<HttpResponse<Void>> response = http.sendAsync(request.GET().build(), info -> {
                String type = info.headers().firstValue("Content-Type").orElse("");
                if (info.statusCode() == 200 && type.startsWith("text/event-stream")) {
                    current.connected();
                    return HttpResponse.BodySubscribers.fromLineSubscriber(current, s -> null, StandardCharsets.UTF_8, null);
                }
                current.refused(info.statusCode(), type);
                return HttpResponse.BodySubscribers.replacing(null);
            });
            response.whenComplete((answer, error) -> current.end(error != null ? error : new IOException("the stream ended")));
            current.ended.get();
            return current.receivedAny;
        } catch (ExecutionException ended) {
            if (!closed) {
                Throwable cause = ended.getCause();
                if (cause instanceof StreamUnsupported unsupported) {
                    streamUnsupported = true;
                    LOG.warn("flagledger: {}; polling /sdk/v1/config every {} s instead", unsupported.getMessage(),
                            options.pollInterval().toSeconds());
                } else {
                    fail(describe(cause));
                }
            }
            return current.receivedAny;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            closed = true;
            return false;
        } finally {
            watchdog.cancel(false);
            current.cancel(new IOException("stream closed"));
            session = null;
        }
    }

    /** One {@code GET /sdk/v1/config} with If-None-Match; true when the config is current afterwards. */
    boolean poll() {
        if (breaker.isOpen() || closed) return false;
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(endpoint("/sdk/v1/config"))
                    .timeout(options.requestTimeout())
                    .header("Authorization", "Bearer " + options.sdkKey());
            String known = etag;
            if (known != null) request.header("If-None-Match", known);
            RequestSigner.sign(signer, request, "GET", endpoint("/sdk/v1/config"), new byte[0]);
            CompletableFuture<HttpResponse<byte[]>> pending = http.sendAsync(request.GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            HttpResponse<byte[]> response;
            try {
                // The deadline covers the body too: a server that sends headers and then stalls is not up.
                response = pending.get(options.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException slow) {
                pending.cancel(true);
                throw new IOException("GET /sdk/v1/config took longer than " + options.requestTimeout().toMillis() + " ms");
            }
            if (response.statusCode() == 304) {
                breaker.success();
                current();
                return true;
            }
            if (response.statusCode() != 200)
                throw new IOException("GET /sdk/v1/config answered " + response.statusCode());
            Object body = Json.parse(response.body());
            apply(ConfigState.fromBody(body));
            etag = response.headers().firstValue("ETag").orElse(null);
            if (body instanceof Map<?, ?> map && map.get("position") instanceof Number position)
                lastEventId = Long.toString(position.longValue());
            breaker.success();
            current();
            return true;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            closed = true;
            return false;
        } catch (ExecutionException failed) {
            fail(describe(failed.getCause()));
            return false;
        } catch (IOException | RuntimeException e) {
            fail(describe(e));
            return false;
        }
    }

    /** Applies one stream event; false when it could not be used (the connection is then reopened afresh). */
    private boolean onStreamEvent(SseParser.Event event) {
        try {
            switch (event.name()) {
                case "put" -> apply(ConfigState.fromBody(Json.parse(event.data())));
                case "patch" -> apply(patched(Json.object(Json.parse(event.data()), "a patch")));
                default -> {
                    return true;
                }
            }
            if (event.id() != null) lastEventId = event.id();
            return true;
        } catch (IOException | RuntimeException e) {
            String problem = "malformed stream event (" + event.name() + "): " + e.getMessage();
            LOG.warn("flagledger: ignoring a {}; serving the last good config", problem);
            lastError = problem;
            lastEventId = null; // reconnect without Last-Event-ID: a clean put
            return false;
        }
    }

    private ConfigState patched(Map<String, Object> patch) throws IOException {
        ConfigState before = state;
        if (before == null) throw new IOException("a patch before any put");
        Object kind = patch.get("kind");
        if (!(patch.get("key") instanceof String key) || !("flag".equals(kind) || "segment".equals(kind)))
            throw new IOException("a patch needs kind flag|segment and a key");
        Map<String, Object> flags = new LinkedHashMap<>(before.flags());
        Map<String, Object> segments = new LinkedHashMap<>(before.segments());
        Map<String, Object> target = "flag".equals(kind) ? flags : segments;
        Object value = patch.get("value");
        if (value == null) target.remove(key);
        else target.put(key, value);
        return ConfigState.compile(flags, segments);
    }

    private void apply(ConfigState next) {
        ConfigState before = state;
        state = next;
        List<String> changed = before == null || next.segments().equals(before.segments())
                ? next.changedFlags(before)
                // A segment change may change any flag that uses it: report every flag as possibly changed.
                : List.copyOf(next.flags().keySet());
        boolean first = before == null;
        if (first) firstConfig.countDown();
        listener.updated(changed, first);
    }

    private void fail(String problem) {
        if (closed) return;
        breaker.failure();
        LOG.warn("flagledger: {}", problem);
        stale(problem);
    }

    /** The config may be out of date: evaluations say STALE, and PROVIDER_STALE is emitted once. */
    private void stale(String problem) {
        lastError = problem;
        boolean announce;
        synchronized (this) {
            announce = !announcedStale && state != null;
            if (announce) announcedStale = true;
        }
        if (announce) listener.stale(problem);
    }

    private void current() {
        lastError = null;
        boolean announce;
        synchronized (this) {
            announce = announcedStale;
            announcedStale = false;
        }
        if (announce) listener.current();
    }

    private URI endpoint(String path) {
        return URI.create(options.url() + path);
    }

    private void sleep(long millis) {
        long until = System.currentTimeMillis() + millis;
        synchronized (sleeper) {
            long left;
            while (!closed && (left = until - System.currentTimeMillis()) > 0) {
                try {
                    sleeper.wait(left);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    closed = true;
                }
            }
        }
    }

    private static String describe(Throwable error) {
        if (error == null) return "unknown failure";
        if (error instanceof java.net.http.HttpTimeoutException) return "the server did not answer in time";
        if (error instanceof java.net.ConnectException) return "cannot connect to the server";
        if (error instanceof CancellationException) return "the request was cancelled";
        String message = error.getMessage();
        return message == null ? error.getClass().getSimpleName() : message;
    }

    /** The endpoint answered, but not with a stream (an old server, or a proxy that hides it): poll instead. */
    private static final class StreamUnsupported extends IOException {
        StreamUnsupported(String message) {
            super(message);
        }
    }

    /**
     * One open stream: lines arrive on the HTTP client's threads, one at a time, and go through the
     * SSE parser to {@link #onStreamEvent}. Ends (once) on completion, error, cancellation or idleness.
     */
    private final class StreamSession implements Flow.Subscriber<String> {
        final CompletableFuture<Void> ended = new CompletableFuture<>();
        private final SseParser parser = new SseParser(this::dispatch);
        private volatile Flow.Subscription subscription;
        private volatile long lastActivity = System.nanoTime();
        private volatile boolean broken;
        volatile boolean receivedAny;

        void connected() {
            lastActivity = System.nanoTime();
            // Connected again: what we hold is current (a resume sends what was missed, else a put follows).
            breaker.success();
            current();
        }

        void refused(int status, String contentType) {
            if (status == 404 || status == 405 || status == 406 || status == 501 || status == 200)
                end(new StreamUnsupported("GET /sdk/v1/stream answered " + status
                        + (status == 200 ? " with " + contentType : "")));
            else end(new IOException("GET /sdk/v1/stream answered " + status));
        }

        void checkIdle() {
            long silentFor = System.nanoTime() - lastActivity;
            if (silentFor > options.streamIdleTimeout().toNanos() && subscription != null)
                cancel(new IOException("the stream was silent for " + TimeUnit.NANOSECONDS.toSeconds(silentFor) + " s"));
        }

        void cancel(Throwable reason) {
            Flow.Subscription open = subscription;
            if (open != null) open.cancel();
            end(reason);
        }

        void end(Throwable reason) {
            ended.completeExceptionally(reason);
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            if (ended.isDone()) subscription.cancel();
            else subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            lastActivity = System.nanoTime();
            receivedAny = true;
            // After a bad event, nothing more from this connection: a patch was missed.
            if (!broken && !ended.isDone()) parser.line(line);
        }

        @Override
        public void onError(Throwable error) {
            end(error);
        }

        @Override
        public void onComplete() {
            end(new IOException("the stream ended"));
        }

        private void dispatch(SseParser.Event event) {
            if (!onStreamEvent(event)) {
                broken = true;
                cancel(new IOException(lastError == null ? "a stream event could not be used" : lastError));
            }
        }
    }
}
