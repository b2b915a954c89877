package dev.flagledger.sdk.stream;

import dev.flagledger.projections.snapshot.ConfigChange;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * One client's stream. Events are queued and written by a writer thread, never by the caller: the
 * snapshot projection publishes changes, and a client with a full TCP buffer must not stall it for
 * everyone. A client that falls more than {@link #OUTBOX_LIMIT} events behind is disconnected; it
 * reconnects with Last-Event-ID and resumes without gaps. Positions are sent in order, never twice.
 */
final class StreamConnection {
    static final int OUTBOX_LIMIT = 1_000;
    private final SseEmitter emitter;
    private final Executor writer;
    private final ArrayDeque<SseEmitter.SseEventBuilder> outbox = new ArrayDeque<>();
    private boolean draining;
    private boolean closed;
    private long queuedUpTo = -1;

    StreamConnection(SseEmitter emitter, Executor writer) {
        this.emitter = emitter;
        this.writer = writer;
    }

    synchronized void resumeAt(long position) {
        queuedUpTo = Math.max(queuedUpTo, position);
    }

    synchronized void put(long position, Map<String, Object> body) {
        enqueue(SseEmitter.event().name("put").id(Long.toString(position)).data(body));
        queuedUpTo = Math.max(queuedUpTo, position);
    }

    synchronized void patch(ConfigChange change) {
        if (change.position() <= queuedUpTo) return;
        // Rendered JSON text, shared by every stream of the environment, written as is.
        enqueue(SseEmitter.event().name("patch").id(Long.toString(change.position()))
                .data(PatchBodies.json(change), MediaType.APPLICATION_JSON));
        queuedUpTo = change.position();
    }

    /** A content-free notice that the environment is now at {@code position} (the client-key stream). */
    synchronized void changed(long position) {
        if (position <= queuedUpTo) return;
        enqueue(SseEmitter.event().name("change").id(Long.toString(position)).data(Map.of("position", position)));
        queuedUpTo = position;
    }

    synchronized void heartbeat() {
        // A client too far behind for a heartbeat to matter is closed by the outbox limit anyway.
        comment("heartbeat");
    }

    synchronized void comment(String text) {
        enqueue(SseEmitter.event().comment(text));
    }

    synchronized boolean isClosed() {
        return closed;
    }

    private void enqueue(SseEmitter.SseEventBuilder event) {
        if (closed) return;
        if (outbox.size() >= OUTBOX_LIMIT) {
            closed = true;
            outbox.clear();
            writer.execute(emitter::complete);
            return;
        }
        outbox.add(event);
        if (!draining) {
            draining = true;
            writer.execute(this::drain);
        }
    }

    private void drain() {
        while (true) {
            SseEmitter.SseEventBuilder next;
            synchronized (this) {
                next = closed ? null : outbox.poll();
                if (next == null) {
                    draining = false;
                    return;
                }
            }
            try {
                emitter.send(next);
            } catch (IOException | IllegalStateException gone) {
                synchronized (this) {
                    closed = true;
                    outbox.clear();
                    draining = false;
                }
                emitter.completeWithError(gone);
                return;
            }
        }
    }
}
