package dev.flagledger.projections.experiment;

import dev.flagledger.domain.experiment.MetricSource;
import dev.flagledger.domain.shared.InvalidInput;
import dev.flagledger.domain.shared.NotFound;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-unit values of an IMPORTED metric computed elsewhere (a warehouse), from CSV
 * {@code unit_key,value[,denominator[,pre_value]]}: each replaces the unit's value, in the arm and period the
 * unit was exposed in, so the results analyse it exactly like a metric from tracked events. One transaction:
 * a file with a bad row imports nothing.
 */
@Component
public class MetricValueImport {
    static final int MAX_ROWS = 100_000;
    private final JdbcTemplate jdbc;
    private final ExperimentQueries queries;
    private final TransactionTemplate transactions;

    public MetricValueImport(JdbcTemplate jdbc, ExperimentQueries queries, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.queries = queries;
        this.transactions = new TransactionTemplate(transactions);
    }

    public record Outcome(int imported, int unknownUnits, List<String> problems) {
    }

    private record Row(String unit, double value, double denominator, double pre) {
    }

    public Outcome importCsv(ExperimentView experiment, String metricKey, String csv) {
        if (!experiment.definition().metricKeys().contains(metricKey))
            throw new InvalidInput("metric " + metricKey + " is not a metric of experiment " + experiment.key());
        MetricView metric = queries.metric(experiment.projectKey(), metricKey)
                .orElseThrow(() -> new NotFound("no metric " + metricKey));
        if (metric.definition().source() != MetricSource.IMPORTED)
            throw new InvalidInput("metric " + metricKey + " comes from tracked events; only IMPORTED metrics take files");
        if (csv == null || csv.isBlank()) throw new InvalidInput("csv is empty");
        String[] lines = csv.split("\r?\n");
        if (lines.length - 1 > MAX_ROWS) throw new InvalidInput("at most " + MAX_ROWS + " rows per import");
        String header = lines[0].strip().toLowerCase(java.util.Locale.ROOT);
        if (!header.startsWith("unit_key,value"))
            throw new InvalidInput("the first line must be the header unit_key,value[,denominator[,pre_value]]");
        List<Row> rows = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank()) continue;
            String[] cells = lines[i].split(",", -1);
            try {
                if (cells.length < 2 || cells.length > 4) throw new NumberFormatException("expected 2 to 4 columns");
                String unit = cells[0].strip();
                if (unit.isEmpty() || unit.length() > 256) throw new NumberFormatException("unit_key must be 1 to 256 characters");
                rows.add(new Row(unit, number(cells[1]), cells.length > 2 ? number(cells[2]) : 0,
                        cells.length > 3 ? number(cells[3]) : 0));
            } catch (NumberFormatException bad) {
                if (problems.size() < 20) problems.add("line " + (i + 1) + ": " + bad.getMessage());
            }
        }
        if (!problems.isEmpty()) return new Outcome(0, 0, problems);
        return transactions.execute(status -> store(experiment, metricKey, rows));
    }

    private Outcome store(ExperimentView experiment, String metricKey, List<Row> rows) {
        Map<String, Object[]> units = new HashMap<>();
        jdbc.query("select unit_key, arm, period from experiment_unit where experiment_id = ?", rs -> {
            units.put(rs.getString(1), new Object[] {rs.getString(2), rs.getInt(3)});
        }, experiment.id());
        int imported = 0;
        int unknown = 0;
        for (Row row : rows) {
            Object[] unit = units.get(row.unit());
            if (unit == null) {
                unknown++;
                continue;
            }
            jdbc.update("delete from experiment_unit_metric where experiment_id = ? and metric_key = ? and unit_key = ?",
                    experiment.id(), metricKey, row.unit());
            jdbc.update("insert into experiment_unit_metric (experiment_id, metric_key, unit_key, arm, period, metric_value,"
                    + " denominator, pre_value) values (?, ?, ?, ?, ?, ?, ?, ?)", experiment.id(), metricKey, row.unit(),
                    unit[0], unit[1], row.value(), row.denominator(), row.pre());
            imported++;
        }
        return new Outcome(imported, unknown, List.of());
    }

    private static double number(String cell) {
        double value = Double.parseDouble(cell.strip());
        if (!Double.isFinite(value)) throw new NumberFormatException("not a finite number: " + cell);
        return value;
    }
}
