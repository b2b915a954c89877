package dev.flagledger.sdk.sse;

import java.nio.charset.StandardCharsets;

/**
 * Server-Sent Events frames as bytes, built once and written to every subscriber as they are: the
 * server's streams and the relay's share them, so both speak the same bytes.
 */
public final class SseFrames {
    public static final byte[] HEARTBEAT = ":heartbeat\n\n".getBytes(StandardCharsets.US_ASCII);

    private SseFrames() {
    }

    /** A comment line, which clients ignore: heartbeats, and the first bytes of a resumed stream. */
    public static byte[] comment(String text) {
        return (":" + text + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    /** One event; a data value with line breaks becomes several {@code data:} lines, as SSE requires. */
    public static byte[] event(String name, long id, String data) {
        if (data.indexOf('\n') < 0 && data.indexOf('\r') < 0) {
            // JSON from our upstreams is one line: no copy through a builder.
            byte[] head = ("id:" + id + "\nevent:" + name + "\ndata:").getBytes(StandardCharsets.UTF_8);
            byte[] body = data.getBytes(StandardCharsets.UTF_8);
            byte[] frame = new byte[head.length + body.length + 2];
            System.arraycopy(head, 0, frame, 0, head.length);
            System.arraycopy(body, 0, frame, head.length, body.length);
            frame[frame.length - 2] = '\n';
            frame[frame.length - 1] = '\n';
            return frame;
        }
        StringBuilder frame = new StringBuilder(data.length() + 48);
        frame.append("id:").append(id).append("\nevent:").append(name).append("\ndata:");
        for (int i = 0; i < data.length(); i++) {
            char c = data.charAt(i);
            if (c == '\r' && i + 1 < data.length() && data.charAt(i + 1) == '\n') continue;
            if (c == '\r' || c == '\n') frame.append("\ndata:");
            else frame.append(c);
        }
        return frame.append("\n\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A content-free change notice for client keys: {@code {"position": n}}. */
    public static byte[] change(long position) {
        return event("change", position, "{\"position\":" + position + "}");
    }

    /** What comes before the config body in a {@code put} frame; {@link #PUT_TAIL} comes after it. */
    public static byte[] putHead(long position) {
        return ("id:" + position + "\nevent:put\ndata:").getBytes(StandardCharsets.US_ASCII);
    }

    public static final byte[] PUT_TAIL = {'\n', '\n'};
}
