package dev.flagledger.sdk.stream;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;

import java.io.IOException;

/**
 * A stream's response in Servlet non-blocking mode: {@link #ready()} is the container's
 * {@code isReady()}, which, when false, arranges the write-possible callback that drains the
 * connection's outbox. Every call comes under the connection's lock, as the Servlet spec asks of
 * writes made from threads other than the container's.
 */
final class ServletSseOutput implements SseOutput {
    private final AsyncContext async;
    private final ServletOutputStream out;

    ServletSseOutput(AsyncContext async, ServletOutputStream out) {
        this.async = async;
        this.out = out;
        async.setTimeout(0);
    }

    /**
     * Switches the response to non-blocking writes for {@code connection}: the socket draining
     * drains it, a broken connection closes it, and {@code ended} runs once the response has ended
     * for any reason (client gone, server closing it, container error).
     */
    void attach(StreamConnection connection, Runnable ended) {
        async.addListener(new AsyncListener() {
            @Override
            public void onComplete(AsyncEvent event) {
                ended.run();
            }

            @Override
            public void onTimeout(AsyncEvent event) {
                connection.close();
            }

            @Override
            public void onError(AsyncEvent event) {
                connection.close();
            }

            @Override
            public void onStartAsync(AsyncEvent event) {
                // Not restarted: one async cycle per stream.
            }
        });
        out.setWriteListener(new WriteListener() {
            @Override
            public void onWritePossible() {
                connection.drain();
            }

            @Override
            public void onError(Throwable gone) {
                connection.close();
            }
        });
    }

    @Override
    public boolean ready() {
        return out.isReady();
    }

    @Override
    public void write(byte[] frame) throws IOException {
        out.write(frame);
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() {
        try {
            async.complete();
        } catch (IllegalStateException alreadyEnded) {
            // The container ended it first (client gone): nothing left to close.
        }
    }
}
