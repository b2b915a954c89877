package dev.flagledger.openfeature;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

/**
 * Batches exposure and custom events for {@code POST /sdk/v1/events} (docs/sdk-api.md). An exposure
 * is sent once per (context, flag, variant) for the life of the tracker (the memory is bounded).
 * Sending never throws and never runs on the caller's thread: a failed batch goes back to the queue
 * (bounded, oldest dropped) and its own circuit breaker spaces out retries, so a failing ingestion
 * endpoint never delays evaluations or config updates.
 */
final class EventTracker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventTracker.class);
    /** The server's rules (SdkEvent): an event it would refuse would take its whole batch with it. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}");
    private static final int MAX_CONTEXT_KEY = 256;
    private static final int MAX_DETAILS = 4096;
    static final int MAX_REMEMBERED = 50_000;

    private final FlagledgerOptions.EventOptions options;
    private final URI endpoint;
    private final String sdkKey;
    private final RequestSigner signer;
    private final HttpClient http;
    private final Duration requestTimeout;
    private final ScheduledExecutorService sender;
    private final ArrayDeque<Map<String, Object>> queue = new ArrayDeque<>();
    /** flag -> variant -> context keys already reported ("" for anonymous contexts). */
    private final ConcurrentHashMap<String, ConcurrentHashMap<String, Set<String>>> seen = new ConcurrentHashMap<>();
    private final AtomicInteger remembered = new AtomicInteger();
    private final CircuitBreaker breaker = new CircuitBreaker(3, 2_000, 60_000);
    private final ReentrantLock sending = new ReentrantLock();
    private volatile boolean closed;

    EventTracker(FlagledgerOptions options, HttpClient http) {
        this.options = options.url() == null ? FlagledgerOptions.EventOptions.DISABLED : options.events();
        this.endpoint = options.url() == null ? null : URI.create(options.url() + "/sdk/v1/events");
        this.sdkKey = options.sdkKey();
        this.signer = RequestSigner.of(options.signingSecret());
        this.http = http;
        this.requestTimeout = options.requestTimeout();
        if (this.options.enabled()) {
            sender = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "flagledger-events");
                thread.setDaemon(true);
                return thread;
            });
            long every = this.options.flushInterval().toMillis();
            sender.scheduleWithFixedDelay(this::flush, every, every, TimeUnit.MILLISECONDS);
        } else {
            sender = null;
        }
    }

    void exposure(String flagKey, String variant, String reason, String contextKey) {
        if (sender == null) return;
        ConcurrentHashMap<String, Set<String>> variants = seen.get(flagKey);
        if (variants == null) variants = seen.computeIfAbsent(flagKey, key -> new ConcurrentHashMap<>());
        Set<String> contexts = variants.get(variant);
        if (contexts == null) contexts = variants.computeIfAbsent(variant, key -> ConcurrentHashMap.newKeySet());
        String key = contextKey(contextKey);
        if (!contexts.add(key == null ? "" : key)) return;
        if (remembered.incrementAndGet() > MAX_REMEMBERED) {
            // Bounded memory in long-lived servers: forget everything; a few repeats are harmless.
            seen.clear();
            remembered.set(0);
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("kind", "exposure");
        event.put("flagKey", flagKey);
        event.put("variant", variant);
        event.put("reason", reason);
        if (key != null) event.put("contextKey", key);
        event.put("timestamp", Instant.now().toString());
        add(event);
    }

    /** A {@code track()} event; {@code details} without {@code value}, which OpenFeature passes apart. */
    void custom(String name, String contextKey, Number value, Map<String, Object> details) {
        if (sender == null) return;
        if (name == null || !NAME.matcher(name).matches()) {
            LOG.warn("flagledger: track({}) not sent: a name must match {}", name, NAME);
            return;
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("kind", "custom");
        event.put("name", name);
        if (value != null && Double.isFinite(value.doubleValue())) event.put("value", value);
        if (details != null && !details.isEmpty()) {
            if (Json.writeString(details).length() <= MAX_DETAILS) event.put("details", details);
            else LOG.warn("flagledger: track({}) details dropped: more than {} characters of JSON", name, MAX_DETAILS);
        }
        String key = contextKey(contextKey);
        if (key != null) event.put("contextKey", key);
        event.put("timestamp", Instant.now().toString());
        add(event);
    }

    int pending() {
        synchronized (queue) {
            return queue.size();
        }
    }

    private void add(Map<String, Object> event) {
        boolean full;
        synchronized (queue) {
            queue.addLast(event);
            while (queue.size() > options.maxQueue()) queue.removeFirst();
            full = queue.size() >= options.batchSize();
        }
        if (full && !closed) {
            try {
                sender.execute(this::flush);
            } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
                // close() sends what is left
            }
        }
    }

    /** Sends queued batches until the queue is empty or a send fails; one sender at a time. */
    void flush() {
        if (sender == null || !sending.tryLock()) return;
        try {
            while (!breaker.isOpen()) {
                List<Map<String, Object>> batch = new ArrayList<>();
                synchronized (queue) {
                    while (batch.size() < options.batchSize() && !queue.isEmpty()) batch.add(queue.pollFirst());
                }
                if (batch.isEmpty() || !send(batch)) return;
            }
        } finally {
            sending.unlock();
        }
    }

    private boolean send(List<Map<String, Object>> batch) {
        try {
            byte[] body = Json.write(Map.of("events", batch));
            HttpRequest request = RequestSigner.sign(signer, HttpRequest.newBuilder(endpoint).timeout(requestTimeout)
                    .header("Authorization", "Bearer " + sdkKey)
                    .header("Content-Type", "application/json"), "POST", endpoint, body)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            var pending = http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> response;
            try {
                response = pending.get(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException slow) {
                pending.cancel(true);
                throw new IOException("no answer within " + requestTimeout.toMillis() + " ms");
            }
            int status = response.statusCode();
            if (status == 400 || status == 413) {
                // Refused as invalid: sending it again would be refused again.
                LOG.warn("flagledger: {} events refused ({}): {}", batch.size(), status, response.body());
            } else if (status / 100 != 2) {
                throw new IOException("POST /sdk/v1/events answered " + status);
            }
            breaker.success();
            return true;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            requeue(batch);
            return false;
        } catch (IOException | ExecutionException | RuntimeException e) {
            breaker.failure();
            requeue(batch);
            LOG.warn("flagledger: sending events failed, will retry: {}", e.getMessage());
            return false;
        }
    }

    private void requeue(List<Map<String, Object>> batch) {
        synchronized (queue) {
            for (int i = batch.size() - 1; i >= 0; i--) queue.addFirst(batch.get(i));
            while (queue.size() > options.maxQueue()) queue.removeFirst();
        }
    }

    /** Sends what is left (bounded by the request timeout per batch) and stops. */
    @Override
    public void close() {
        if (sender == null || closed) return;
        closed = true;
        sender.shutdown();
        try {
            sender.awaitTermination(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        flush();
    }

    private static String contextKey(String key) {
        return key == null || key.isEmpty() || key.length() > MAX_CONTEXT_KEY ? null : key;
    }
}
