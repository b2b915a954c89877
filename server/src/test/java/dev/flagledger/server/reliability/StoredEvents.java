package dev.flagledger.server.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The event store's rows, read straight from the database with JDBC: what is really there. */
record StoredEvents(List<Row> rows, long auditEntries) {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Row(long globalIndex, String eventId, String aggregateId, long sequence, String payloadType, JsonNode payload) {
        String simpleType() {
            return payloadType.substring(payloadType.lastIndexOf('.') + 1);
        }
    }

    static StoredEvents read(String jdbcUrl, String user, String password) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
             Statement statement = connection.createStatement()) {
            List<Row> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery("select globalindex, eventidentifier, aggregateidentifier,"
                    + " sequencenumber, payloadtype, payload from domainevententry order by globalindex")) {
                while (result.next()) {
                    JsonNode payload;
                    try {
                        payload = JSON.readTree(result.getBytes(6));
                    } catch (IOException unreadable) {
                        throw new AssertionError("event " + result.getString(2) + " has an unreadable payload", unreadable);
                    }
                    rows.add(new Row(result.getLong(1), result.getString(2), result.getString(3), result.getLong(4),
                            result.getString(5), payload));
                }
            }
            long audit;
            try (ResultSet result = statement.executeQuery("select count(*) from audit_entry")) {
                result.next();
                audit = result.getLong(1);
            }
            return new StoredEvents(rows, audit);
        }
    }

    /** Each aggregate's events in sequence order. */
    Map<String, List<Row>> streams() {
        Map<String, List<Row>> streams = new LinkedHashMap<>();
        for (Row row : rows) streams.computeIfAbsent(row.aggregateId(), id -> new ArrayList<>()).add(row);
        streams.values().forEach(stream -> stream.sort(java.util.Comparator.comparingLong(Row::sequence)));
        return streams;
    }

    /** Store-level invariants: unique event ids and global positions, every stream numbered 0, 1, 2, ... */
    List<String> integrityProblems() {
        List<String> problems = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Set<Long> positions = new HashSet<>();
        for (Row row : rows) {
            if (!ids.add(row.eventId())) problems.add("duplicated event id " + row.eventId());
            if (!positions.add(row.globalIndex())) problems.add("duplicated global position " + row.globalIndex());
        }
        streams().forEach((aggregate, stream) -> {
            for (int i = 0; i < stream.size(); i++)
                if (stream.get(i).sequence() != i) {
                    problems.add("stream " + aggregate + " is not contiguous: position " + i + " holds sequence "
                            + stream.get(i).sequence());
                    break;
                }
        });
        return problems;
    }
}
