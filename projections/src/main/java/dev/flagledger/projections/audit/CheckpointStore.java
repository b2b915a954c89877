package dev.flagledger.projections.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Optional;

/**
 * The {@code time_travel_checkpoint} table. Instants are stored as epoch nanoseconds, so a
 * checkpoint is compared with a requested instant exactly (a timestamp column would round to
 * microseconds on PostgreSQL and could make a checkpoint look older than it is).
 */
@Component
class CheckpointStore {
    private final JdbcTemplate jdbc;

    CheckpointStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The newest checkpoint whose events are all at or before {@code at}. */
    Optional<Checkpoint> latestCoveredBy(String aggregateId, Instant at) {
        return jdbc.query("select sequence_number, reached_at_nanos, state from time_travel_checkpoint"
                        + " where aggregate_id = ? and reached_at_nanos <= ? order by sequence_number desc limit 1",
                (rs, row) -> read(aggregateId, rs), aggregateId, nanos(at)).stream().findFirst();
    }

    /** The newest checkpoint before event {@code sequence}, whatever its time: where the next one folds from. */
    Optional<Checkpoint> latestBefore(String aggregateId, long sequence) {
        return jdbc.query("select sequence_number, reached_at_nanos, state from time_travel_checkpoint"
                        + " where aggregate_id = ? and sequence_number < ? order by sequence_number desc limit 1",
                (rs, row) -> read(aggregateId, rs), aggregateId, sequence).stream().findFirst();
    }

    boolean exists(String aggregateId, long sequence) {
        Integer count = jdbc.queryForObject("select count(*) from time_travel_checkpoint where aggregate_id = ?"
                + " and sequence_number = ?", Integer.class, aggregateId, sequence);
        return count != null && count > 0;
    }

    void save(Checkpoint checkpoint) {
        StreamAsOf state = checkpoint.state();
        ObjectNode json = AuditFields.JSON.createObjectNode();
        json.set("fields", AuditFields.toObject(state.fields()));
        json.put("version", state.version());
        json.put("createdAt", state.createdAt().toString());
        json.put("updatedAt", state.updatedAt().toString());
        json.put("lastEventId", state.lastEventId());
        jdbc.update("insert into time_travel_checkpoint (aggregate_id, sequence_number, reached_at_nanos, state)"
                        + " values (?, ?, ?, ?)", state.aggregateId(), checkpoint.sequence(),
                nanos(checkpoint.reachedAt()), AuditTrailProjection.write(json));
    }

    void clear() {
        jdbc.update("delete from time_travel_checkpoint");
    }

    long count() {
        Long count = jdbc.queryForObject("select count(*) from time_travel_checkpoint", Long.class);
        return count == null ? 0 : count;
    }

    private static Checkpoint read(String aggregateId, ResultSet rs) throws SQLException {
        try {
            JsonNode json = AuditFields.JSON.readTree(rs.getString("state"));
            LinkedHashMap<String, JsonNode> fields = new LinkedHashMap<>();
            json.get("fields").fields().forEachRemaining(field -> fields.put(field.getKey(), field.getValue()));
            StreamAsOf state = new StreamAsOf(aggregateId, fields, json.get("version").asLong(),
                    Instant.parse(json.get("createdAt").asText()), Instant.parse(json.get("updatedAt").asText()),
                    json.get("lastEventId").asText());
            return new Checkpoint(rs.getLong("sequence_number"), instant(rs.getLong("reached_at_nanos")), state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read a time-travel checkpoint of " + aggregateId, e);
        }
    }

    /** Epoch nanoseconds, saturated: instants past 2262 (an open "until") compare as the largest. */
    static long nanos(Instant at) {
        try {
            return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000_000L), at.getNano());
        } catch (ArithmeticException outOfRange) {
            return at.getEpochSecond() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    private static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }
}
