package dev.flagledger.openfeature;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The SDK side of the server's protocol (docs/sdk-api.md), scriptable for fault tests: the config
 * download with ETag, the SSE stream (a put on connect, then whatever the test sends) and event
 * ingestion, each of which a test can make fail or send garbage. The real server is exercised by
 * the ITs in server/ (JavaProviderIT); this one exists to produce faults the real one never makes.
 */
final class ProtocolServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<BlockingQueue<String>> streams = new CopyOnWriteArrayList<>();

    volatile String config;
    volatile long position = 1;
    /** Non-zero: every endpoint answers this status. */
    volatile int failWith;
    /** Non-null: the stream's first event is this raw data as a put instead of the config. */
    volatile String streamPutOverride;
    /** False: the stream endpoint answers 404 (a server or proxy without it). */
    volatile boolean streamAvailable = true;
    volatile int eventsStatus = 202;
    /** Non-null: every request must carry a valid Flagledger-Signature made with this secret, else 401. */
    volatile String signingSecret;
    final AtomicInteger signedRequests = new AtomicInteger();
    final AtomicInteger unsignedRefused = new AtomicInteger();
    final AtomicInteger configRequests = new AtomicInteger();
    final AtomicInteger streamRequests = new AtomicInteger();
    final List<String> lastEventIds = new CopyOnWriteArrayList<>();
    final List<String> ifNoneMatch = new CopyOnWriteArrayList<>();
    final List<Map<String, Object>> events = new CopyOnWriteArrayList<>();
    final AtomicInteger eventBatches = new AtomicInteger();

    ProtocolServer(int port, String config) throws IOException {
        this.config = config;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
        server.setExecutor(threads);
        server.createContext("/sdk/v1/config", this::config);
        server.createContext("/sdk/v1/stream", this::stream);
        server.createContext("/sdk/v1/events", this::events);
        server.start();
    }

    ProtocolServer(String config) throws IOException {
        this(0, config);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** Sends a raw SSE event to every open stream. */
    void send(String event, String id, String data) {
        String text = "event: " + event + "\n" + (id == null ? "" : "id: " + id + "\n") + "data: " + data + "\n\n";
        streams.forEach(queue -> queue.add(text));
    }

    /** A patch replacing (or, with null, removing) one flag; the position advances. */
    void patchFlag(String key, String flagJson) {
        long at = ++position;
        send("patch", Long.toString(at), "{\"kind\":\"flag\",\"key\":\"" + key + "\",\"position\":" + at
                + ",\"value\":" + flagJson + "}");
    }

    /** Ends every open stream, as a server shutting down does. */
    void closeStreams() {
        streams.forEach(queue -> queue.add(""));
    }

    int openStreams() {
        return streams.size();
    }

    /**
     * Checks the signature as the server does (docs/webhooks.md), written out here rather than calling
     * the SDK's signer, so that a wrong signer fails the test. Consumes the body; returns it, or null
     * after answering 401.
     */
    private byte[] signed(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String secret = signingSecret;
        if (secret == null) return body;
        String header = exchange.getRequestHeaders().getFirst("Flagledger-Signature");
        boolean valid = false;
        if (header != null && header.matches("t=\\d+,v1=[0-9a-f]{64}")) {
            long t = Long.parseLong(header.substring(2, header.indexOf(',')));
            String target = exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
            try {
                javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
                mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                mac.update((t + "." + exchange.getRequestMethod() + " " + target + "\n").getBytes(StandardCharsets.UTF_8));
                String expected = java.util.HexFormat.of().formatHex(mac.doFinal(body));
                valid = Math.abs(System.currentTimeMillis() / 1000 - t) <= 300
                        && expected.equals(header.substring(header.indexOf("v1=") + 3));
            } catch (java.security.GeneralSecurityException e) {
                throw new IOException(e);
            }
        }
        if (valid) {
            signedRequests.incrementAndGet();
            return body;
        }
        unsignedRefused.incrementAndGet();
        respond(exchange, 401, "application/problem+json", "{\"title\":\"Unauthorized\"}");
        return null;
    }

    private void config(HttpExchange exchange) throws IOException {
        configRequests.incrementAndGet();
        if (signed(exchange) == null) return;
        String header = exchange.getRequestHeaders().getFirst("If-None-Match");
        if (header != null) ifNoneMatch.add(header);
        if (failWith != 0) {
            respond(exchange, failWith, "text/plain", "failing on purpose");
            return;
        }
        String etag = "\"" + position + "\"";
        if (etag.equals(header)) {
            exchange.getResponseHeaders().add("ETag", etag);
            exchange.sendResponseHeaders(304, -1);
            exchange.close();
            return;
        }
        exchange.getResponseHeaders().add("ETag", etag);
        respond(exchange, 200, "application/json", withPosition(config));
    }

    private void stream(HttpExchange exchange) throws IOException {
        streamRequests.incrementAndGet();
        if (signed(exchange) == null) return;
        String lastEventId = exchange.getRequestHeaders().getFirst("Last-Event-ID");
        lastEventIds.add(lastEventId == null ? "" : lastEventId);
        if (failWith != 0) {
            respond(exchange, failWith, "text/plain", "failing on purpose");
            return;
        }
        if (!streamAvailable) {
            respond(exchange, 404, "text/plain", "no stream here");
            return;
        }
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        OutputStream out = exchange.getResponseBody();
        try {
            String put = streamPutOverride != null ? streamPutOverride : withPosition(config);
            boolean resumed = lastEventId != null && !lastEventId.isEmpty() && Long.parseLong(lastEventId) == position;
            if (!resumed) write(out, "event: put\nid: " + position + "\ndata: " + put + "\n\n");
            else write(out, ": resumed\n\n");
            streams.add(queue);
            while (true) {
                String next = queue.poll(200, TimeUnit.MILLISECONDS);
                if (next == null) continue;
                if (next.isEmpty()) break;
                write(out, next);
            }
        } catch (IOException | InterruptedException | NumberFormatException gone) {
            // the client went away
        } finally {
            streams.remove(queue);
            exchange.close();
        }
    }

    @SuppressWarnings("unchecked")
    private void events(HttpExchange exchange) throws IOException {
        byte[] body = signed(exchange);
        if (body == null) return;
        eventBatches.incrementAndGet();
        int status = failWith != 0 ? failWith : eventsStatus;
        if (status == 202) {
            Map<String, Object> batch = JSON.readValue(body, Map.class);
            events.addAll((List<Map<String, Object>>) batch.get("events"));
        }
        respond(exchange, status, "application/json", "{\"accepted\":0}");
    }

    List<Map<String, Object>> exposures() {
        List<Map<String, Object>> exposures = new ArrayList<>();
        for (Map<String, Object> event : events) if ("exposure".equals(event.get("kind"))) exposures.add(event);
        return exposures;
    }

    private String withPosition(String body) {
        String trimmed = body.strip();
        if (!trimmed.startsWith("{") || !trimmed.endsWith("}")) return body; // garbage stays garbage
        return trimmed.substring(0, trimmed.length() - 1) + (trimmed.length() > 2 ? "," : "") + "\"position\":" + position + "}";
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        closeStreams();
        server.stop(0);
        threads.shutdownNow();
    }
}
