package dev.flagledger.server.support;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The reliability tests judge what the server did by what the client was told, so the client must
 * send a mutation exactly once: a POST whose connection dies after it was sent is reported as lost,
 * never sent again behind the test's back (a resent createProject would look like a server bug, a
 * resent toggle like a duplicate write). The JDK client resends only idempotent methods unless
 * {@code jdk.httpclient.enableAllMethodRetry} is set; these tests pin that, on a fresh connection
 * and on a pooled one the server closed.
 */
class GraphQlClientTest {

    @Test
    void a_post_whose_connection_dies_unanswered_is_sent_once_and_reported_as_lost() throws Exception {
        try (FlakyServer server = new FlakyServer(0)) {
            GraphQl client = GraphQl.at("http://localhost:" + server.port(), "admin", "secret");
            assertThatThrownBy(() -> client.execute("mutation { createProject(input: {key: \"p\", name: \"p\"}) { project { key } } }"))
                    .isInstanceOf(IllegalStateException.class);
            Thread.sleep(500);
            assertThat(server.posts()).isEqualTo(1);
        }
    }

    @Test
    void a_post_on_a_pooled_connection_the_server_then_drops_is_sent_once() throws Exception {
        try (FlakyServer server = new FlakyServer(1)) {
            GraphQl client = GraphQl.at("http://localhost:" + server.port(), "admin", "secret");
            assertThat(client.execute("{ projects { key } }").ok()).isTrue();
            assertThatThrownBy(() -> client.execute("mutation { createProject(input: {key: \"p\", name: \"p\"}) { project { key } } }"))
                    .isInstanceOf(IllegalStateException.class);
            Thread.sleep(500);
            assertThat(server.posts()).isEqualTo(2);
        }
    }

    /** Answers the first {@code answered} requests of its first connection, then reads one and hangs up. */
    private static final class FlakyServer implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0);
        private final AtomicInteger posts = new AtomicInteger();
        private final Thread thread;

        FlakyServer(int answered) throws IOException {
            thread = new Thread(() -> {
                int left = answered;
                while (!socket.isClosed()) {
                    try (Socket connection = socket.accept()) {
                        InputStream in = connection.getInputStream();
                        OutputStream out = connection.getOutputStream();
                        while (readRequest(in)) {
                            posts.incrementAndGet();
                            if (left-- <= 0) break;
                            byte[] body = "{\"data\":{\"projects\":[]}}".getBytes(StandardCharsets.UTF_8);
                            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                            out.write(body);
                            out.flush();
                        }
                    } catch (IOException closed) {
                        // the test is over, or the client gave up
                    }
                }
            });
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        int posts() {
            return posts.get();
        }

        /** Reads one request (headers and a Content-Length body); false at the end of the stream. */
        private static boolean readRequest(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int last4 = 0;
            int b;
            while ((b = in.read()) != -1) {
                head.write(b);
                last4 = (last4 << 8) | b;
                if (last4 == 0x0d0a0d0a) break;
            }
            if (b == -1) return false;
            int length = 0;
            for (String line : head.toString(StandardCharsets.US_ASCII).split("\r\n"))
                if (line.toLowerCase().startsWith("content-length:")) length = Integer.parseInt(line.substring(15).trim());
            in.readNBytes(length);
            return true;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
