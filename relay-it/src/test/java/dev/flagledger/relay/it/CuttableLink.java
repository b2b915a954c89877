package dev.flagledger.relay.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP link between a relay and its upstream that a test can cut (every connection dropped, new
 * ones refused) and restore on the same port, and that can lose the answer to an event batch after
 * the upstream has stored it: the network failures the relay must survive without a gap, a loss or
 * a double delivery.
 */
final class CuttableLink implements AutoCloseable {
    private static final byte[] EVENTS_REQUEST = "POST /sdk/v1/events".getBytes(StandardCharsets.US_ASCII);
    private final int port;
    private final int target;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicInteger answersToLose = new AtomicInteger();
    private final AtomicInteger answersLost = new AtomicInteger();
    private volatile ServerSocket listener;

    CuttableLink(int port, int target) throws IOException {
        this.port = port;
        this.target = target;
        restore();
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Listens again: new connections reach the upstream. */
    synchronized void restore() throws IOException {
        if (listener != null) return;
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        listener = socket;
        Thread acceptor = new Thread(() -> accept(socket), "link-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Drops every open connection and refuses new ones. */
    synchronized void cut() throws IOException {
        if (listener != null) listener.close();
        listener = null;
        for (Socket socket : sockets) socket.close();
        sockets.clear();
    }

    /** The next {@code count} answers to {@code POST /sdk/v1/events} are dropped after the upstream sent them. */
    void loseEventAnswers(int count) {
        answersToLose.set(count);
    }

    int answersLost() {
        return answersLost.get();
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            Socket client;
            try {
                client = socket.accept();
            } catch (IOException closed) {
                return;
            }
            try {
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                sockets.add(client);
                sockets.add(upstream);
                boolean[] eventsRequest = {false};
                pump(client, upstream, eventsRequest, false);
                pump(upstream, client, eventsRequest, true);
            } catch (IOException upstreamDown) {
                close(client);
            }
        }
    }

    private void pump(Socket from, Socket to, boolean[] eventsRequest, boolean answers) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int read; (read = in.read(buffer)) >= 0; ) {
                    if (!answers && contains(buffer, read, EVENTS_REQUEST)) eventsRequest[0] = true;
                    if (answers && eventsRequest[0] && answersToLose.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                        // The upstream has answered, so it has stored the batch; the relay never hears of it.
                        answersLost.incrementAndGet();
                        break;
                    }
                    if (answers) eventsRequest[0] = false;
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException closed) {
                // either side went away
            } finally {
                close(from);
                close(to);
            }
        }, "link-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static boolean contains(byte[] buffer, int length, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= length; i++) {
            for (int j = 0; j < needle.length; j++) if (buffer[i + j] != needle[j]) continue outer;
            return true;
        }
        return false;
    }

    private void close(Socket socket) {
        sockets.remove(socket);
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        cut();
    }
}
