package dev.flagledger.server.experiment.export;

import dev.flagledger.projections.experiment.ExperimentResults;
import dev.flagledger.projections.experiment.ExperimentResultsCalculator;
import dev.flagledger.projections.experiment.ExperimentView;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static dev.flagledger.server.experiment.export.Table.Type.BOOLEAN;
import static dev.flagledger.server.experiment.export.Table.Type.DOUBLE;
import static dev.flagledger.server.experiment.export.Table.Type.LONG;
import static dev.flagledger.server.experiment.export.Table.Type.STRING;

/** An experiment's results, exposures and events as tables for the connectors (CSV, Parquet, webhook). */
@Component
public class ExperimentExport {
    /** A bound on one export of raw events; the per-unit exposures are bounded by the experiment itself. */
    static final int MAX_EVENTS = 5_000_000;
    private final JdbcTemplate jdbc;
    private final ExperimentResultsCalculator results;

    public ExperimentExport(JdbcTemplate jdbc, ExperimentResultsCalculator results) {
        this.jdbc = jdbc;
        this.results = results;
    }

    public Table table(ExperimentView experiment, ExportData data) {
        return switch (data) {
            case RESULTS -> results(results.results(experiment));
            case EXPOSURES -> exposures(experiment);
            case EVENTS -> events(experiment);
        };
    }

    static Table results(ExperimentResults results) {
        List<Table.Column> columns = List.of(col("experiment", STRING), col("computed_at", STRING), col("metric", STRING),
                col("role", STRING), col("analysis", STRING), col("arm", STRING), col("status", STRING),
                col("units", LONG), col("mean", DOUBLE), col("standard_error", DOUBLE), col("absolute_effect", DOUBLE),
                col("absolute_lower", DOUBLE), col("absolute_upper", DOUBLE), col("relative_effect", DOUBLE),
                col("relative_lower", DOUBLE), col("relative_upper", DOUBLE), col("p_value", DOUBLE),
                col("adjusted_p_value", DOUBLE), col("verdict", STRING), col("sequential_relative_lower", DOUBLE),
                col("sequential_relative_upper", DOUBLE), col("chance_to_beat_control", DOUBLE),
                col("expected_loss", DOUBLE), col("srm_p_value", DOUBLE), col("srm_untrustworthy", BOOLEAN));
        List<Object[]> rows = new ArrayList<>();
        for (ExperimentResults.MetricResult metric : results.metrics()) {
            for (ExperimentResults.ArmMetric arm : metric.arms()) {
                var absolute = arm.absolute();
                var relative = arm.relative();
                rows.add(new Object[] {results.experimentKey(), results.computedAt().toString(), metric.key(), metric.role(),
                        metric.analysis(), arm.arm(), arm.status(), arm.units(), arm.mean(), arm.standardError(),
                        absolute == null ? null : absolute.estimate(), absolute == null ? null : absolute.lower(),
                        absolute == null ? null : absolute.upper(), relative == null ? null : relative.estimate(),
                        relative == null ? null : relative.lower(), relative == null ? null : relative.upper(),
                        absolute == null ? null : absolute.pValue(), arm.adjustedPValue(), arm.verdict(),
                        arm.sequentialRelative() == null ? null : arm.sequentialRelative().lower(),
                        arm.sequentialRelative() == null ? null : arm.sequentialRelative().upper(),
                        arm.bayesian() == null ? null : arm.bayesian().chanceToBeatControl(),
                        arm.bayesian() == null ? null : arm.bayesian().expectedLossTreatment(),
                        results.srm() == null ? null : results.srm().pValue(),
                        results.srm() == null ? null : results.srm().untrustworthy()});
            }
        }
        return new Table(columns, rows);
    }

    private Table exposures(ExperimentView experiment) {
        List<Table.Column> columns = List.of(col("unit_key", STRING), col("arm", STRING), col("period", LONG),
                col("first_exposure_at", STRING), col("switched", BOOLEAN));
        List<Object[]> rows = jdbc.query("select unit_key, arm, period, first_exposure_at, switched from experiment_unit"
                + " where experiment_id = ? order by first_exposure_at, unit_key", (rs, n) -> new Object[] {rs.getString(1),
                rs.getString(2), rs.getLong(3), rs.getTimestamp(4).toInstant().toString(), rs.getBoolean(5)}, experiment.id());
        return new Table(columns, rows);
    }

    private Table events(ExperimentView experiment) {
        List<Table.Column> columns = List.of(col("kind", STRING), col("flag_key", STRING), col("variant", STRING),
                col("rule_id", STRING), col("event_name", STRING), col("value", DOUBLE), col("context_key", STRING),
                col("occurred_at", STRING), col("received_at", STRING));
        Instant from = experiment.startedAt() == null ? Instant.EPOCH : experiment.startedAt().minusSeconds(300);
        Instant to = experiment.stoppedAt() == null ? Instant.now().plusSeconds(300) : experiment.stoppedAt();
        List<Object[]> rows = jdbc.query("select kind, flag_key, variant, rule_id, event_name, numeric_value, context_key,"
                        + " occurred_at, received_at from sdk_event where project_key = ? and environment = ?"
                        + " and occurred_at >= ? and occurred_at <= ? and (kind = 'custom' or flag_key = ?) order by id limit ?",
                (rs, n) -> new Object[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getObject(6) == null ? null : rs.getDouble(6), rs.getString(7),
                        rs.getTimestamp(8).toInstant().toString(), rs.getTimestamp(9).toInstant().toString()},
                experiment.projectKey(), experiment.definition().environment(), java.sql.Timestamp.from(from),
                java.sql.Timestamp.from(to), experiment.definition().flagKey(), MAX_EVENTS);
        return new Table(columns, rows);
    }

    private static Table.Column col(String name, Table.Type type) {
        return new Table.Column(name, type);
    }
}
