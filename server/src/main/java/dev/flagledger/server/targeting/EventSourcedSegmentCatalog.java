package dev.flagledger.server.targeting;

import dev.flagledger.domain.segment.Segment;
import dev.flagledger.domain.segment.SegmentCatalog;
import dev.flagledger.domain.segment.SegmentFacts;
import org.axonframework.config.Configuration;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** Finds a segment by key through the key registry and loads it from its event stream. */
@Component
public class EventSourcedSegmentCatalog implements SegmentCatalog {
    private final Configuration axon;
    private final JdbcTemplate jdbc;

    public EventSourcedSegmentCatalog(@Lazy Configuration axon, JdbcTemplate jdbc) {
        this.axon = axon;
        this.jdbc = jdbc;
    }

    @Override
    public Optional<SegmentFacts> find(String projectKey, String segmentKey) {
        return RegistryLookup.owner(jdbc, "segment:" + projectKey, segmentKey).flatMap(segmentId -> {
            try {
                return Optional.of(axon.repository(Segment.class).load(segmentId).invoke(Segment::facts));
            } catch (AggregateNotFoundException absent) {
                return Optional.empty();
            }
        });
    }
}
