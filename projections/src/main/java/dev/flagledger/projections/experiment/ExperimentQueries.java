package dev.flagledger.projections.experiment;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flagledger.domain.experiment.ExperimentDefinition;
import dev.flagledger.domain.experiment.ExperimentServing;
import dev.flagledger.domain.experiment.ExperimentStatus;
import dev.flagledger.domain.experiment.MetricDefinition;
import dev.flagledger.domain.experiment.ReweightStatistics;
import dev.flagledger.domain.flag.Weight;
import dev.flagledger.projections.flag.JsonColumns;
import dev.flagledger.projections.flag.ReadModelPoll;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** Reads of the metric and experiment read models. */
@Component
public class ExperimentQueries {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EXPERIMENT = "select * from experiment_view";
    private final JdbcTemplate jdbc;

    public ExperimentQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<ExperimentView> experiment(String projectKey, String key) {
        return jdbc.query(EXPERIMENT + " where project_key = ? and experiment_key = ?", (rs, row) -> experiment(rs),
                projectKey, key).stream().findFirst();
    }

    public Optional<ExperimentView> experimentById(String id) {
        return jdbc.query(EXPERIMENT + " where experiment_id = ?", (rs, row) -> experiment(rs), id).stream().findFirst();
    }

    public List<ExperimentView> experiments(String projectKey) {
        return jdbc.query(EXPERIMENT + " where project_key = ? order by experiment_key", (rs, row) -> experiment(rs),
                projectKey);
    }

    /** Experiments whose exposures and events the pipeline still takes in: running, or stopped (late events). */
    public List<ExperimentView> collecting(String projectKey, String environment) {
        return jdbc.query(EXPERIMENT + " where project_key = ? and environment = ? and status in ('RUNNING', 'STOPPED')",
                (rs, row) -> experiment(rs), projectKey, environment);
    }

    public List<ExperimentView> running() {
        return jdbc.query(EXPERIMENT + " where status = 'RUNNING'", (rs, row) -> experiment(rs));
    }

    public List<WeightPeriod> periods(String experimentId) {
        return jdbc.query("select * from experiment_period where experiment_id = ? order by period", (rs, row) ->
                new WeightPeriod(rs.getInt("period"), instant(rs, "starts_at"), read(rs.getString("weights"),
                        new TypeReference<List<Weight>>() { }), JsonColumns.read(rs.getString("statistics"),
                        ReweightStatistics.class), rs.getString("actor"), rs.getString("reason")), experimentId);
    }

    public Optional<MetricView> metric(String projectKey, String key) {
        return jdbc.query("select * from metric_view where project_key = ? and metric_key = ?", (rs, row) -> metric(rs),
                projectKey, key).stream().findFirst();
    }

    public Optional<MetricView> metricById(String id) {
        return jdbc.query("select * from metric_view where metric_id = ?", (rs, row) -> metric(rs), id).stream()
                .findFirst();
    }

    public List<MetricView> metrics(String projectKey) {
        return jdbc.query("select * from metric_view where project_key = ? order by metric_key", (rs, row) -> metric(rs),
                projectKey);
    }

    /** Waits until the read model has applied the experiment's events up to {@code version}. */
    public Optional<ExperimentView> awaitExperiment(String id, long version, Duration timeout) {
        return ReadModelPoll.until(() -> experimentById(id).filter(view -> view.version() >= version), timeout);
    }

    public Optional<MetricView> awaitMetric(String id, long version, Duration timeout) {
        return ReadModelPoll.until(() -> metricById(id).filter(view -> view.version() >= version), timeout);
    }

    private static ExperimentView experiment(ResultSet rs) throws SQLException {
        return new ExperimentView(rs.getString("experiment_id"), rs.getString("project_key"),
                rs.getString("experiment_key"), ExperimentStatus.valueOf(rs.getString("status")),
                JsonColumns.read(rs.getString("definition"), ExperimentDefinition.class),
                JsonColumns.read(rs.getString("serving"), ExperimentServing.class), rs.getInt("current_period"),
                instant(rs, "started_at"), instant(rs, "stopped_at"), rs.getString("shipped_arm"),
                rs.getString("decision"), rs.getLong("version"), instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    private static MetricView metric(ResultSet rs) throws SQLException {
        return new MetricView(rs.getString("metric_id"), rs.getString("project_key"), rs.getString("metric_key"),
                JsonColumns.read(rs.getString("definition"), MetricDefinition.class), rs.getLong("version"),
                instant(rs, "updated_at"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
