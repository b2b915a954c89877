package dev.flagledger.sdk.stream;

import dev.flagledger.projections.snapshot.ConfigChange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class StreamConnectionTest {
    private final ExecutorService writers = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        writers.shutdownNow();
    }

    /** An emitter whose client stops reading: every send blocks until released. */
    static final class StalledClient extends SseEmitter {
        final CountDownLatch release = new CountDownLatch(1);
        final List<String> sent = Collections.synchronizedList(new ArrayList<>());
        volatile boolean completed;

        @Override
        public void send(SseEventBuilder event) throws IOException {
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
            StringBuilder text = new StringBuilder();
            event.build().forEach(part -> text.append(part.getData()));
            sent.add(text.toString());
        }

        @Override
        public synchronized void complete() {
            completed = true;
        }
    }

    private static ConfigChange change(long position) {
        return new ConfigChange("shop", "production", position, ConfigChange.Kind.FLAG, "f" + position, Map.of());
    }

    @Test
    void a_client_that_stops_reading_never_blocks_the_publisher() {
        StalledClient client = new StalledClient();
        StreamConnection connection = new StreamConnection(client, writers);

        long start = System.nanoTime();
        for (int position = 1; position <= 50; position++) connection.patch(change(position));

        assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(1));
        assertThat(client.sent).isEmpty();
        client.release.countDown();
    }

    @Test
    void a_client_too_far_behind_is_disconnected_so_it_resumes_with_last_event_id() throws Exception {
        StalledClient client = new StalledClient();
        StreamConnection connection = new StreamConnection(client, writers);

        for (int position = 1; position <= StreamConnection.OUTBOX_LIMIT + 5; position++) connection.patch(change(position));

        assertThat(connection.isClosed()).isTrue();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!client.completed && System.nanoTime() < deadline) Thread.sleep(5);
        assertThat(client.completed).isTrue();
        client.release.countDown();
    }

    @Test
    void events_are_written_in_order_and_a_position_is_never_sent_twice() throws Exception {
        StalledClient client = new StalledClient();
        client.release.countDown();
        StreamConnection connection = new StreamConnection(client, writers);

        connection.patch(change(3));
        connection.patch(change(3));
        connection.patch(change(2));
        connection.patch(change(4));

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (client.sent.size() < 2 && System.nanoTime() < deadline) Thread.sleep(5);
        Thread.sleep(50);
        assertThat(client.sent).hasSize(2);
        assertThat(client.sent.get(0)).contains("id:3");
        assertThat(client.sent.get(1)).contains("id:4");
    }
}
