package dev.flagledger.sdk.stream;

import dev.flagledger.projections.snapshot.ConfigChange;
import dev.flagledger.sdk.sse.SseFrames;

import java.io.IOException;
import java.util.ArrayDeque;

/**
 * One client's stream. Frames are written without blocking by whichever thread has them (the
 * snapshot projection publishing a change, the heartbeat timer, or the container when the socket
 * drains): a frame is written only while the socket can take it, otherwise it waits in the outbox
 * and the socket's write-possible callback drains it. So a client with a full TCP buffer never stalls
 * the publisher, and no thread is handed a task per stream per change. A client that falls more than
 * {@link #OUTBOX_LIMIT} frames behind is disconnected; it reconnects with Last-Event-ID and resumes
 * without gaps. Positions are sent in order, never twice.
 */
final class StreamConnection {
    static final int OUTBOX_LIMIT = 1_000;
    private final SseOutput output;
    /** Frames are shared by every stream of a change; the outbox holds references, not copies. */
    private final ArrayDeque<byte[]> outbox = new ArrayDeque<>();
    private boolean unflushed;
    private boolean closed;
    private long queuedUpTo = -1;

    StreamConnection(SseOutput output) {
        this.output = output;
    }

    synchronized void resumeAt(long position) {
        queuedUpTo = Math.max(queuedUpTo, position);
    }

    synchronized void put(long position, byte[] frame) {
        enqueue(frame);
        queuedUpTo = Math.max(queuedUpTo, position);
    }

    synchronized void patch(ConfigChange change) {
        if (change.position() <= queuedUpTo) return;
        enqueue(StreamFrames.patch(change));
        queuedUpTo = change.position();
    }

    /** A content-free notice that the environment is now at {@code position} (the client-key stream). */
    synchronized void changed(long position) {
        if (position <= queuedUpTo) return;
        enqueue(StreamFrames.change(position));
        queuedUpTo = position;
    }

    synchronized void heartbeat() {
        // A client too far behind for a heartbeat to matter is closed by the outbox limit anyway.
        enqueue(SseFrames.HEARTBEAT);
    }

    synchronized void comment(String text) {
        enqueue(SseFrames.comment(text));
    }

    synchronized boolean isClosed() {
        return closed;
    }

    /** Ends the stream from the server's side (shutdown); the client reconnects elsewhere. */
    synchronized void close() {
        if (closed) return;
        closed = true;
        outbox.clear();
        output.close();
    }

    private void enqueue(byte[] frame) {
        if (closed) return;
        if (outbox.size() >= OUTBOX_LIMIT) {
            close();
            return;
        }
        outbox.add(frame);
        drain();
    }

    /** Writes what the socket takes now, then flushes; called again by the socket when it drains. */
    synchronized void drain() {
        if (closed) return;
        try {
            while (output.ready()) {
                byte[] next = outbox.poll();
                if (next != null) {
                    output.write(next);
                    unflushed = true;
                } else if (unflushed) {
                    unflushed = false;
                    output.flush();
                } else {
                    return;
                }
            }
        } catch (IOException | IllegalStateException gone) {
            close();
        }
    }
}
