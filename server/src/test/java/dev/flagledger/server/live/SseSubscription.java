package dev.flagledger.server.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A GraphQL-over-SSE subscriber as a browser's graphql-sse client is one: POST the document with
 * {@code Accept: text/event-stream} and read {@code next} events as they arrive.
 */
final class SseSubscription implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
    private final CompletableFuture<HttpResponse<Stream<String>>> response;
    private volatile Stream<String> lines;

    private SseSubscription(HttpClient client, HttpRequest request) {
        response = client.sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        response.thenAcceptAsync(answer -> {
            lines = answer.body();
            StringBuilder data = new StringBuilder();
            String[] event = {null};
            try {
                lines.forEach(line -> {
                    if (line.startsWith("event:")) event[0] = line.substring(6).trim();
                    else if (line.startsWith("data:")) data.append(line.substring(5));
                    else if (line.isEmpty() && !data.isEmpty()) {
                        events.add(parse(event[0], data.toString()));
                        data.setLength(0);
                        event[0] = null;
                    }
                });
            } catch (RuntimeException closed) {
                // the stream ends when the test closes it
            }
        });
    }

    static SseSubscription open(int port, String username, String password, String document,
                                Map<String, Object> variables) throws IOException {
        HttpRequest.Builder request = request(port, document, variables);
        if (username != null)
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)));
        return new SseSubscription(HttpClient.newHttpClient(), request.build());
    }

    /** Subscribes with whatever the client carries (a browser's session cookie) plus the given headers. */
    static SseSubscription open(HttpClient client, int port, String document, Map<String, Object> variables,
                                Map<String, String> headers) throws IOException {
        HttpRequest.Builder request = request(port, document, variables);
        headers.forEach(request::header);
        return new SseSubscription(client, request.build());
    }

    private static HttpRequest.Builder request(int port, String document, Map<String, Object> variables)
            throws IOException {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                        Map.of("query", document, "variables", variables))));
    }

    /** The HTTP status, once the server has answered the request's headers. */
    int status(Duration timeout) throws Exception {
        return response.get(timeout.toMillis(), TimeUnit.MILLISECONDS).statusCode();
    }

    /** The next event ({@code {"event": ..., "data": ...}}), or null when none arrives in time. */
    JsonNode next(Duration timeout) throws InterruptedException {
        return events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static JsonNode parse(String event, String data) {
        try {
            return JSON.createObjectNode().put("event", event).set("data", JSON.readTree(data.isBlank() ? "{}" : data));
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + data, e);
        }
    }

    @Override
    public void close() {
        response.cancel(true);
        Stream<String> open = lines;
        if (open != null) open.close();
    }
}
