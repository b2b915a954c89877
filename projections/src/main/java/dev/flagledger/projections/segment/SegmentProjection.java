package dev.flagledger.projections.segment;

import dev.flagledger.domain.segment.SegmentArchived;
import dev.flagledger.domain.segment.SegmentCreated;
import dev.flagledger.domain.segment.SegmentDefinition;
import dev.flagledger.domain.segment.SegmentUpdated;
import dev.flagledger.projections.flag.JsonColumns;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The segment read model, in the flag-state processing group: one token, one order, so a query
 * never sees a flag whose rule names a segment the model has not applied yet.
 */
@Component
@ProcessingGroup(dev.flagledger.projections.flag.FlagStateProjection.PROCESSING_GROUP)
public class SegmentProjection {
    private final JdbcTemplate jdbc;

    public SegmentProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(SegmentCreated event, @SequenceNumber long version, @Timestamp Instant at) {
        SegmentDefinition definition = event.definition();
        jdbc.update("insert into segment_view (segment_id, project_key, segment_key, name, description, definition,"
                        + " archived, version, created_at, updated_at) values (?, ?, ?, ?, ?, ?, false, ?, ?, ?)",
                event.segmentId(), event.projectKey(), event.segmentKey(), definition.name(), definition.description(),
                JsonColumns.writeValue(definition), version, at.atOffset(ZoneOffset.UTC), at.atOffset(ZoneOffset.UTC));
    }

    @EventHandler
    void on(SegmentUpdated event, @SequenceNumber long version, @Timestamp Instant at) {
        SegmentDefinition definition = event.definition();
        jdbc.update("update segment_view set name = ?, description = ?, definition = ?, version = ?, updated_at = ?"
                        + " where segment_id = ?", definition.name(), definition.description(),
                JsonColumns.writeValue(definition), version, at.atOffset(ZoneOffset.UTC), event.segmentId());
    }

    @EventHandler
    void on(SegmentArchived event, @SequenceNumber long version, @Timestamp Instant at) {
        jdbc.update("update segment_view set archived = true, version = ?, updated_at = ? where segment_id = ?",
                version, at.atOffset(ZoneOffset.UTC), event.segmentId());
    }

    @ResetHandler
    void reset() {
        jdbc.update("delete from segment_view");
    }
}
