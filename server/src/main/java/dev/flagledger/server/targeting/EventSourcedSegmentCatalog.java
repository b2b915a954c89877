package dev.flagledger.server.targeting;

import dev.flagledger.domain.segment.Segment;
import dev.flagledger.domain.segment.SegmentCatalog;
import dev.flagledger.domain.segment.SegmentFacts;
import dev.flagledger.server.registry.AggregateFacts;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** Finds a segment by key through the key registry and loads it from its event stream. */
@Component
public class EventSourcedSegmentCatalog implements SegmentCatalog {
    private final AggregateFacts aggregates;
    private final JdbcTemplate jdbc;

    public EventSourcedSegmentCatalog(AggregateFacts aggregates, JdbcTemplate jdbc) {
        this.aggregates = aggregates;
        this.jdbc = jdbc;
    }

    @Override
    public Optional<SegmentFacts> find(String projectKey, String segmentKey) {
        return RegistryLookup.owner(jdbc, "segment:" + projectKey, segmentKey)
                .flatMap(id -> aggregates.of(Segment.class, id, Segment::facts));
    }
}
