package dev.flagledger.projections.experiment;

import dev.flagledger.domain.segment.Behaviour;
import dev.flagledger.domain.segment.SegmentDefinition;
import dev.flagledger.projections.flag.JsonColumns;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Behavioural cohorts: segments with a {@link Behaviour}, and who belongs to them now. Membership is read
 * from the raw events (event cohorts, through the {@code sdk_event_name} index) or from an experiment's
 * per-unit aggregates (arm cohorts), sorted so a capped list is stable between refreshes.
 */
@Component
public class CohortQueries {
    private final JdbcTemplate jdbc;

    public CohortQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public record Cohort(String segmentId, String projectKey, String segmentKey, SegmentDefinition definition, long version) {
    }

    public List<Cohort> cohorts() {
        return jdbc.query("select segment_id, project_key, segment_key, definition, version from segment_view"
                        + " where archived = false and definition like '%\"behaviour\":{%'", (rs, n) -> new Cohort(
                        rs.getString(1), rs.getString(2), rs.getString(3),
                        JsonColumns.read(rs.getString(4), SegmentDefinition.class), rs.getLong(5))).stream()
                .filter(cohort -> cohort.definition().behaviour() != null).toList();
    }

    public Optional<Behaviour> behaviour(String segmentId) {
        return jdbc.queryForList("select definition from segment_view where segment_id = ?", String.class, segmentId)
                .stream().findFirst().map(json -> JsonColumns.read(json, SegmentDefinition.class))
                .map(SegmentDefinition::behaviour);
    }

    /** The cohort's units now, at most {@code limit}, in key order. */
    public List<String> members(String projectKey, Behaviour behaviour, Instant now, int limit) {
        if (behaviour.eventBased()) {
            return jdbc.queryForList("select context_key from sdk_event where project_key = ? and environment = ?"
                            + " and event_name = ? and kind = 'custom' and occurred_at >= ? and context_key is not null"
                            + " group by context_key having count(*) >= ? order by context_key limit ?", String.class,
                    projectKey, behaviour.environment(), behaviour.eventName(),
                    java.sql.Timestamp.from(now.minus(Duration.ofDays(behaviour.days()))), behaviour.minCount(), limit);
        }
        return jdbc.queryForList("select u.unit_key from experiment_unit u join experiment_view e on e.experiment_id ="
                        + " u.experiment_id where e.project_key = ? and e.experiment_key = ? and u.arm = ?"
                        + " order by u.unit_key limit ?", String.class, projectKey, behaviour.experimentKey(),
                behaviour.arm(), limit);
    }
}
