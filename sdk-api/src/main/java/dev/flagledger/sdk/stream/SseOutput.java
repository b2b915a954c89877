package dev.flagledger.sdk.stream;

import java.io.IOException;

/**
 * Where a stream's frames go: a non-blocking socket. {@link #ready()} false means the client's TCP
 * buffer is full; the output then calls back ({@link StreamConnection#drain()}) once it can take more.
 */
interface SseOutput {
    boolean ready();

    void write(byte[] frame) throws IOException;

    void flush() throws IOException;

    /** Ends the response; the client reconnects with Last-Event-ID. */
    void close();
}
