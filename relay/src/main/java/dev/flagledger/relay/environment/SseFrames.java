package dev.flagledger.relay.environment;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Server-Sent Events frames as bytes, built once and written to every subscriber as they are. */
public final class SseFrames {
    public static final byte[] HEARTBEAT = ":heartbeat\n\n".getBytes(StandardCharsets.US_ASCII);

    private SseFrames() {
    }

    /** One event; a data value with line breaks becomes several {@code data:} lines, as SSE requires. */
    public static byte[] event(String name, long id, String data) {
        StringBuilder frame = new StringBuilder(data.length() + 48);
        frame.append("id:").append(id).append("\nevent:").append(name).append('\n');
        for (String line : data.split("\r\n|\r|\n", -1)) frame.append("data:").append(line).append('\n');
        return frame.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A content-free change notice for client keys: {@code {"position": n}}. */
    public static byte[] change(long position) {
        return event("change", position, "{\"position\":" + position + "}");
    }

    /** The {@code put} frame around a config body; the body's offset in it is {@link #putBodyOffset(long)}. */
    public static byte[] put(long position, byte[] body) {
        byte[] head = ("id:" + position + "\nevent:put\ndata:").getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream frame = new ByteArrayOutputStream(head.length + body.length + 2);
        frame.writeBytes(head);
        frame.writeBytes(body);
        frame.writeBytes(new byte[] {'\n', '\n'});
        return frame.toByteArray();
    }

    public static int putBodyOffset(long position) {
        return ("id:" + position + "\nevent:put\ndata:").length();
    }
}
