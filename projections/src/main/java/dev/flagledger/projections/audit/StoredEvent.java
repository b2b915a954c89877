package dev.flagledger.projections.audit;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One row of the event store exactly as stored, and its canonical bytes: what the audit chain
 * hashes. The bytes are a fixed sequence of the row's columns, each length-prefixed so no two rows
 * can encode alike: global index (8 bytes), then event id, aggregate id, sequence number (8 bytes),
 * aggregate type, payload type, payload revision, timestamp, payload bytes, metadata bytes. A string
 * is its UTF-8 bytes after a 4-byte big-endian length; an absent value is length -1. docs/audit.md
 * describes the same encoding for offline verifiers.
 */
public record StoredEvent(long globalIndex, String eventId, String aggregateId, long sequenceNumber,
                          String aggregateType, String payloadType, String payloadRevision, String timestamp,
                          byte[] payload, byte[] metadata) {

    /** The columns, in the order {@link #read} expects them. */
    public static final String COLUMNS = "globalindex, eventidentifier, aggregateidentifier, sequencenumber, type,"
            + " payloadtype, payloadrevision, timestamp, payload, metadata";

    public static StoredEvent read(ResultSet rs) throws SQLException {
        return new StoredEvent(rs.getLong("globalindex"), rs.getString("eventidentifier"),
                rs.getString("aggregateidentifier"), rs.getLong("sequencenumber"), rs.getString("type"),
                rs.getString("payloadtype"), rs.getString("payloadrevision"), rs.getString("timestamp"),
                rs.getBytes("payload"), rs.getBytes("metadata"));
    }

    public byte[] canonicalBytes() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(256 + length(payload) + length(metadata));
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            out.writeLong(globalIndex);
            string(out, eventId);
            string(out, aggregateId);
            out.writeLong(sequenceNumber);
            string(out, aggregateType);
            string(out, payloadType);
            string(out, payloadRevision);
            string(out, timestamp);
            bytes(out, payload);
            bytes(out, metadata);
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        }
        return buffer.toByteArray();
    }

    private static void string(DataOutputStream out, String value) throws IOException {
        bytes(out, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    private static void bytes(DataOutputStream out, byte[] value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(value.length);
        out.write(value);
    }

    private static int length(byte[] value) {
        return value == null ? 0 : value.length;
    }
}
