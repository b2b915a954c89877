package dev.flagledger.projections.segment;

import dev.flagledger.domain.segment.SegmentDefinition;
import dev.flagledger.projections.flag.JsonColumns;
import dev.flagledger.projections.flag.ReadModelPoll;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.flagledger.projections.flag.TimeColumns.utc;

/** Reads of the segment read model; nothing here writes. */
@Component
public class SegmentQueries {
    private static final String COLUMNS = "segment_id, project_key, segment_key, name, description, definition,"
            + " archived, version, created_at, updated_at";
    private final JdbcTemplate jdbc;

    public SegmentQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<SegmentView> segment(String projectKey, String segmentKey) {
        return jdbc.query("select " + COLUMNS + " from segment_view where project_key = ? and segment_key = ?",
                (rs, row) -> view(rs), projectKey, segmentKey).stream().findFirst();
    }

    public Optional<SegmentView> segmentById(String segmentId) {
        return jdbc.query("select " + COLUMNS + " from segment_view where segment_id = ?",
                (rs, row) -> view(rs), segmentId).stream().findFirst();
    }

    /** Up to {@code first + 1} segments ordered by key after {@code afterKey}: the extra one says "more". */
    public List<SegmentView> segments(String projectKey, boolean archived, int first, String afterKey) {
        List<Object> args = new ArrayList<>(List.of(projectKey, archived));
        String after = "";
        if (afterKey != null) {
            after = " and segment_key > ?";
            args.add(afterKey);
        }
        args.add(first + 1);
        return jdbc.query("select " + COLUMNS + " from segment_view where project_key = ? and archived = ?" + after
                + " order by segment_key limit ?", (rs, row) -> view(rs), args.toArray());
    }

    /** Waits until the read model has applied the segment's events up to {@code version}. */
    public Optional<SegmentView> awaitSegment(String segmentId, long version, Duration timeout) {
        return ReadModelPoll.until(() -> segmentById(segmentId).filter(view -> view.version() >= version), timeout);
    }

    private static SegmentView view(ResultSet rs) throws SQLException {
        SegmentDefinition definition = JsonColumns.read(rs.getString("definition"), SegmentDefinition.class);
        return new SegmentView(rs.getString("segment_id"), rs.getString("project_key"), rs.getString("segment_key"),
                rs.getString("name"), rs.getString("description"), definition.included(), definition.excluded(),
                definition.rules(), rs.getBoolean("archived"), rs.getLong("version"), utc(rs, "created_at"),
                utc(rs, "updated_at"));
    }
}
