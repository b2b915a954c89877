package dev.flagledger.sdk.stream;

import dev.flagledger.projections.snapshot.ConfigChange;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class StreamConnectionTest {

    /**
     * A socket under the test's control: while {@code full}, it takes nothing ({@code ready()} is
     * false, as a non-blocking socket whose client stopped reading); what it took is in {@code sent}
     * once flushed.
     */
    static class Socket implements SseOutput {
        boolean full;
        boolean closed;
        int flushes;
        final List<String> written = new ArrayList<>();
        final List<String> sent = new ArrayList<>();

        @Override
        public boolean ready() {
            return !full && !closed;
        }

        @Override
        public void write(byte[] frame) {
            if (full) throw new IllegalStateException("write while not ready");
            written.add(new String(frame, StandardCharsets.UTF_8));
        }

        @Override
        public void flush() {
            flushes++;
            sent.addAll(written);
            written.clear();
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private static ConfigChange change(long position) {
        return new ConfigChange("shop", "production", position, ConfigChange.Kind.FLAG, "f" + position, Map.of());
    }

    @Test
    void a_client_that_stops_reading_never_blocks_the_publisher_and_gets_everything_once_it_reads_again() {
        Socket socket = new Socket();
        socket.full = true;
        StreamConnection connection = new StreamConnection(socket);

        long start = System.nanoTime();
        for (int position = 1; position <= 50; position++) connection.patch(change(position));

        // The stub refuses a write while full, so a publisher that wrote anyway fails above; this bound
        // only catches one that waits for the socket. 10 s, not 1: a loaded CI machine once took 1.5 s
        // for these 50 calls, class loading of the first frame included.
        assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(10));
        assertThat(socket.sent).isEmpty();
        socket.full = false;
        connection.drain(); // the container's write-possible callback
        assertThat(socket.sent).hasSize(50);
        assertThat(socket.sent.get(0)).startsWith("id:1\n");
        assertThat(socket.sent.get(49)).startsWith("id:50\n");
        assertThat(socket.flushes).as("one flush for the whole backlog").isEqualTo(1);
    }

    @Test
    void a_client_too_far_behind_is_disconnected_so_it_resumes_with_last_event_id() {
        Socket socket = new Socket();
        socket.full = true;
        StreamConnection connection = new StreamConnection(socket);

        for (int position = 1; position <= StreamConnection.OUTBOX_LIMIT; position++) connection.patch(change(position));
        assertThat(connection.isClosed()).isFalse();
        connection.patch(change(StreamConnection.OUTBOX_LIMIT + 1));

        assertThat(connection.isClosed()).isTrue();
        assertThat(socket.closed).isTrue();
        socket.full = false;
        connection.drain();
        assertThat(socket.sent).as("nothing is written after the disconnect").isEmpty();
    }

    @Test
    void events_are_written_in_order_and_a_position_is_never_sent_twice() {
        Socket socket = new Socket();
        StreamConnection connection = new StreamConnection(socket);

        connection.patch(change(3));
        connection.patch(change(3));
        connection.patch(change(2));
        connection.patch(change(4));

        assertThat(socket.sent).hasSize(2);
        assertThat(socket.sent.get(0)).startsWith("id:3\n");
        assertThat(socket.sent.get(1)).startsWith("id:4\n");
    }

    @Test
    void a_resumed_stream_skips_what_the_client_already_has() {
        Socket socket = new Socket();
        StreamConnection connection = new StreamConnection(socket);

        connection.resumeAt(5);
        connection.patch(change(5));
        connection.changed(5);
        connection.patch(change(6));

        assertThat(socket.sent).hasSize(1);
        assertThat(socket.sent.get(0)).startsWith("id:6\nevent:patch\n");
    }

    @Test
    void a_broken_socket_closes_the_connection_and_later_frames_are_dropped() {
        Socket socket = new Socket() {
            @Override
            public void write(byte[] frame) {
                throw new IllegalStateException("connection reset");
            }
        };
        StreamConnection connection = new StreamConnection(socket);

        connection.patch(change(1));

        assertThat(connection.isClosed()).isTrue();
        assertThat(socket.closed).isTrue();
        connection.heartbeat();
        assertThat(socket.sent).isEmpty();
    }
}
