package dev.flagledger.relay.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A Server-Sent Events client that notes when each event arrived; reads on a thread of its own. */
final class SseClient implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** One event and {@link System#nanoTime()} when its blank line was read. */
    record Received(String name, long id, String data, long atNanos) {
    }

    private final InputStream body;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private volatile boolean ended;

    private SseClient(InputStream body) {
        this.body = body;
        Thread reader = new Thread(this::read, "sse-client");
        reader.setDaemon(true);
        reader.start();
    }

    static SseClient open(String url, String key, Long lastEventId) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + key)
                .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(30)).GET();
        if (lastEventId != null) request.header("Last-Event-ID", Long.toString(lastEventId));
        HttpResponse<InputStream> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            String problem = new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + problem);
        }
        return new SseClient(response.body());
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String name = null;
            String id = null;
            StringBuilder data = null;
            for (String line; (line = lines.readLine()) != null; ) {
                if (line.isEmpty()) {
                    if (data != null) received.add(new Received(name, id == null ? -1 : Long.parseLong(id), data.toString(),
                            System.nanoTime()));
                    name = null;
                    id = null;
                    data = null;
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                } else if (line.startsWith("data:")) {
                    String value = line.substring(5);
                    if (value.startsWith(" ")) value = value.substring(1);
                    data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                }
            }
        } catch (IOException closed) {
            // closed by us or by the other side
        } finally {
            ended = true;
        }
    }

    /** The next event within {@code timeout}, or null. */
    Received next(Duration timeout) throws InterruptedException {
        return received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Skips events until one at or past {@code position}; null when none came within {@code timeout}. */
    Received awaitPosition(long position, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Received event = received.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (event == null || event.id() >= position) return event;
        }
    }

    boolean ended() {
        return ended;
    }

    @Override
    public void close() throws IOException {
        body.close();
    }
}
