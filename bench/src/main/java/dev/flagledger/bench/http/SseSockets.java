package dev.flagledger.bench.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Many {@code /sdk/v1/stream} connections read by one selector thread, which notes when each
 * stream's bytes for a {@code put} and for every {@code patch} reach the client's socket. No HTTP
 * client and no JSON parsing per event: with 1 000 streams on the same 2 cores, a full client
 * (Java's HttpClient with a line subscriber and Gson per event) spent enough CPU to dominate the
 * spread it was meant to measure.
 */
final class SseSockets implements AutoCloseable {
    private static final byte[] PUT = "event:put".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PATCH = "event:patch".getBytes(StandardCharsets.US_ASCII);

    /** One stream; written by the reader thread, read by the measuring one. */
    static final class Stream {
        private final SocketChannel channel;
        private byte[] tail = new byte[0];
        volatile boolean opened;
        volatile boolean failed;
        private volatile long lastPatchAt;
        private volatile int patches;

        Stream(SocketChannel channel) {
            this.channel = channel;
        }

        int patches() {
            return patches;
        }

        long lastPatchAt() {
            return lastPatchAt;
        }

        private void received(byte[] bytes, int length, long at) {
            byte[] seen = new byte[tail.length + length];
            System.arraycopy(tail, 0, seen, 0, tail.length);
            System.arraycopy(bytes, 0, seen, tail.length, length);
            if (!opened && count(seen, PUT) > 0) opened = true;
            int found = count(seen, PATCH);
            if (found > 0) {
                lastPatchAt = at;
                patches += found;
            }
            // Keep less than a marker's length, so a marker split across reads is counted once.
            int keep = Math.min(seen.length, PATCH.length - 1);
            tail = java.util.Arrays.copyOfRange(seen, seen.length - keep, seen.length);
        }

        private static int count(byte[] haystack, byte[] needle) {
            int found = 0;
            outer:
            for (int i = 0; i + needle.length <= haystack.length; i++) {
                for (int j = 0; j < needle.length; j++) if (haystack[i + j] != needle[j]) continue outer;
                found++;
            }
            return found;
        }
    }

    private final Selector selector = Selector.open();
    private final List<Stream> streams = new ArrayList<>();
    private final Thread reader;
    private volatile boolean running = true;

    SseSockets(String base, String sdkKey, int count) throws IOException {
        URI uri = URI.create(base);
        InetSocketAddress address = new InetSocketAddress(uri.getHost(), uri.getPort());
        byte[] request = ("GET /sdk/v1/stream HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                + "\r\nAuthorization: Bearer " + sdkKey + "\r\nAccept: text/event-stream\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < count; i++) {
            SocketChannel channel = SocketChannel.open(address);
            channel.write(ByteBuffer.wrap(request));
            channel.configureBlocking(false);
            Stream stream = new Stream(channel);
            streams.add(stream);
            channel.register(selector, SelectionKey.OP_READ, stream);
        }
        reader = new Thread(this::read, "sse-sockets");
        reader.setDaemon(true);
        reader.start();
    }

    List<Stream> streams() {
        return streams;
    }

    private void read() {
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        byte[] bytes = new byte[buffer.capacity()];
        try {
            while (running) {
                selector.select();
                long at = System.nanoTime();
                for (SelectionKey key : selector.selectedKeys()) {
                    Stream stream = (Stream) key.attachment();
                    int read;
                    do {
                        buffer.clear();
                        read = stream.channel.read(buffer);
                        if (read > 0) {
                            buffer.flip();
                            buffer.get(bytes, 0, read);
                            stream.received(bytes, read, at);
                        }
                    } while (read == buffer.capacity());
                    if (read < 0) {
                        stream.failed = true;
                        key.cancel();
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException e) {
            if (running) throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws IOException {
        running = false;
        selector.wakeup();
        for (Stream stream : streams) stream.channel.close();
        selector.close();
    }
}
