package dev.flagledger.projections.experiment;

import dev.flagledger.domain.experiment.ExperimentConcluded;
import dev.flagledger.domain.experiment.ExperimentCreated;
import dev.flagledger.domain.experiment.ExperimentReweighted;
import dev.flagledger.domain.experiment.ExperimentStarted;
import dev.flagledger.domain.experiment.ExperimentStatus;
import dev.flagledger.domain.experiment.ExperimentStopped;
import dev.flagledger.domain.experiment.ExperimentUpdated;
import dev.flagledger.domain.experiment.MetricDefined;
import dev.flagledger.domain.experiment.MetricUpdated;
import dev.flagledger.domain.shared.ChangeMetadata;
import dev.flagledger.projections.flag.FlagStateProjection;
import dev.flagledger.projections.flag.JsonColumns;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Metric and experiment read models, with the experiment's weight periods. In the flag-state
 * processing group (one token, one order with flags and segments), so it is rebuilt with them.
 * The per-unit aggregates are not here: they come from SDK events, not from the store.
 */
@Component
@ProcessingGroup(FlagStateProjection.PROCESSING_GROUP)
public class ExperimentProjection {
    private final JdbcTemplate jdbc;

    public ExperimentProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(MetricDefined event, @SequenceNumber long version, @Timestamp Instant at) {
        jdbc.update("insert into metric_view (metric_id, project_key, metric_key, name, definition, version, updated_at)"
                        + " values (?, ?, ?, ?, ?, ?, ?)", event.metricId(), event.projectKey(), event.metricKey(),
                event.definition().name(), JsonColumns.writeValue(event.definition()), version, utc(at));
    }

    @EventHandler
    void on(MetricUpdated event, @SequenceNumber long version, @Timestamp Instant at) {
        jdbc.update("update metric_view set name = ?, definition = ?, version = ?, updated_at = ? where metric_id = ?",
                event.definition().name(), JsonColumns.writeValue(event.definition()), version, utc(at),
                event.metricId());
    }

    @EventHandler
    void on(ExperimentCreated event, @SequenceNumber long version, @Timestamp Instant at) {
        var definition = event.definition();
        jdbc.update("insert into experiment_view (experiment_id, project_key, experiment_key, name, status, flag_key,"
                        + " environment, definition, current_period, version, created_at, updated_at)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)", event.experimentId(), event.projectKey(),
                event.experimentKey(), definition.name(), ExperimentStatus.DRAFT.name(), definition.flagKey(),
                definition.environment(), JsonColumns.writeValue(definition), version, utc(at), utc(at));
    }

    @EventHandler
    void on(ExperimentUpdated event, @SequenceNumber long version, @Timestamp Instant at) {
        var definition = event.definition();
        jdbc.update("update experiment_view set name = ?, flag_key = ?, environment = ?, definition = ?, version = ?,"
                        + " updated_at = ? where experiment_id = ?", definition.name(), definition.flagKey(),
                definition.environment(), JsonColumns.writeValue(definition), version, utc(at), event.experimentId());
    }

    @EventHandler
    void on(ExperimentStarted event, @SequenceNumber long version, @Timestamp Instant at,
            @MetaDataValue(ChangeMetadata.ACTOR_NAME) String actor, @MetaDataValue(ChangeMetadata.REASON) String reason) {
        jdbc.update("update experiment_view set status = ?, serving = ?, current_period = 0, started_at = ?, version = ?,"
                        + " updated_at = ? where experiment_id = ?", ExperimentStatus.RUNNING.name(),
                JsonColumns.writeValue(event.serving()), utc(event.startedAt()), version, utc(at), event.experimentId());
        period(event.experimentId(), 0, event.startedAt(), event.serving().weights(), null, actor, reason);
    }

    @EventHandler
    void on(ExperimentReweighted event, @SequenceNumber long version, @Timestamp Instant at,
            @MetaDataValue(ChangeMetadata.ACTOR_NAME) String actor, @MetaDataValue(ChangeMetadata.REASON) String reason) {
        jdbc.update("update experiment_view set serving = ?, current_period = ?, version = ?, updated_at = ?"
                        + " where experiment_id = ?", JsonColumns.writeValue(event.serving()), event.period(), version,
                utc(at), event.experimentId());
        period(event.experimentId(), event.period(), event.reweightedAt(), event.serving().weights(),
                event.statistics(), actor, reason);
    }

    @EventHandler
    void on(ExperimentStopped event, @SequenceNumber long version, @Timestamp Instant at) {
        jdbc.update("update experiment_view set status = ?, stopped_at = ?, version = ?, updated_at = ?"
                        + " where experiment_id = ?", ExperimentStatus.STOPPED.name(), utc(event.stoppedAt()), version,
                utc(at), event.experimentId());
    }

    @EventHandler
    void on(ExperimentConcluded event, @SequenceNumber long version, @Timestamp Instant at) {
        jdbc.update("update experiment_view set status = ?, shipped_arm = ?, decision = ?, version = ?, updated_at = ?"
                        + " where experiment_id = ?", ExperimentStatus.CONCLUDED.name(), event.shippedArm(),
                event.decision(), version, utc(at), event.experimentId());
    }

    private void period(String experimentId, int period, Instant startsAt, Object weights, Object statistics,
                        String actor, String reason) {
        jdbc.update("delete from experiment_period where experiment_id = ? and period = ?", experimentId, period);
        jdbc.update("insert into experiment_period (experiment_id, period, starts_at, weights, statistics, actor, reason)"
                        + " values (?, ?, ?, ?, ?, ?, ?)", experimentId, period, utc(startsAt),
                JsonColumns.writeValue(weights), statistics == null ? null : JsonColumns.writeValue(statistics),
                actor, reason);
    }

    @ResetHandler
    void reset() {
        jdbc.update("delete from experiment_period");
        jdbc.update("delete from experiment_view");
        jdbc.update("delete from metric_view");
    }

    static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
