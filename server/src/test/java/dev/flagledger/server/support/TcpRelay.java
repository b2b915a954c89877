package dev.flagledger.server.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP relay in front of a dependency, so a test can make it unreachable and bring it back
 * without stopping it: {@link #cut()} closes the listening port and resets every open connection
 * (callers then get "connection refused", exactly as when the process is gone), {@link #restore()}
 * listens on the same port again. Bytes pass unchanged, so an HTTP server behind it sees the relay's
 * address in the Host header (Keycloak then names the relay in its tokens' issuer).
 */
public final class TcpRelay implements AutoCloseable {
    private final int port;
    private final int target;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket listening;

    private TcpRelay(int port, int target) {
        this.port = port;
        this.target = target;
    }

    /** A relay on {@code port} (loopback) to {@code target} (loopback), listening at once. */
    public static TcpRelay start(int port, int target) throws IOException {
        TcpRelay relay = new TcpRelay(port, target);
        relay.restore();
        return relay;
    }

    public int port() {
        return port;
    }

    /** Stops listening and resets every connection through the relay. */
    public synchronized void cut() throws IOException {
        ServerSocket socket = listening;
        listening = null;
        if (socket != null) socket.close();
        for (Socket connection : open) {
            try {
                connection.setSoLinger(true, 0); // a reset, as when the network drops, not a polite close
            } catch (java.net.SocketException closedMeanwhile) {
                // its other side ended it already (a finished request): nothing left to cut
            }
            connection.close();
        }
        open.clear();
    }

    /** Listens on the same port again. */
    public synchronized void restore() throws IOException {
        if (listening != null) return;
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        listening = socket;
        Thread acceptor = new Thread(() -> accept(socket), "relay-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Socket upstream;
                try {
                    upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                } catch (IOException down) {
                    client.setSoLinger(true, 0);
                    client.close();
                    continue;
                }
                open.add(client);
                open.add(upstream);
                pump(client, upstream);
                pump(upstream, client);
            } catch (IOException closed) {
                // cut(): the listening socket is gone
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) != -1) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException gone) {
                // one side closed or the relay was cut
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "relay-" + port + "-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private void closeQuietly(Socket socket) {
        open.remove(socket);
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        cut();
    }
}
