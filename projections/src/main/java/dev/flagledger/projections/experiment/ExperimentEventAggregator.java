package dev.flagledger.projections.experiment;

import dev.flagledger.domain.experiment.Arm;
import dev.flagledger.domain.experiment.MetricDefinition;
import dev.flagledger.domain.experiment.MetricSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Keeps the experiments' per-unit aggregates as SDK events are stored, in the same transaction, so a
 * batch that is not stored changes no aggregate and results never read raw events.
 * <ul>
 *   <li>An exposure served by an experiment's rule enrols its unit with that arm and the weight period of
 *       the moment; assignment is sticky: the unit keeps the arm of its earliest exposure (a later exposure
 *       to another arm only marks it {@code switched}; an earlier one that arrives late takes over).</li>
 *   <li>Any change to a unit (enrolment, an earlier exposure, a custom event a metric reads) recomputes that
 *       one unit's metric values from that unit's events: late and out-of-order events land where they
 *       belong, and the work is bounded by one unit's history, never the experiment's.</li>
 *   <li>Batches stored at once are aggregated one after the other per unit (a row lock per unit, see
 *       {@code lock}), so neither misses the other's exposure or conversion; batches of other units run in
 *       parallel.</li>
 * </ul>
 */
@Component
public class ExperimentEventAggregator {
    /** SDK clocks drift: an exposure stamped a little before the start still counts. */
    static final Duration START_TOLERANCE = Duration.ofMinutes(5);
    private static final int CHUNK = 500;
    private final JdbcTemplate jdbc;
    private final ExperimentQueries queries;

    public ExperimentEventAggregator(JdbcTemplate jdbc, ExperimentQueries queries) {
        this.jdbc = jdbc;
        this.queries = queries;
    }

    /** Takes in newly stored events of one environment; call inside the transaction that stored them. */
    public void apply(String projectKey, String environment, List<TrackedEvent> stored) {
        List<ExperimentView> experiments = queries.collecting(projectKey, environment);
        if (experiments.isEmpty() || stored.isEmpty()) return;
        Map<String, MetricDefinition> metrics = new HashMap<>();
        queries.metrics(projectKey).forEach(metric -> metrics.put(metric.key(), metric.definition()));
        List<Touched> touched = new ArrayList<>();
        Set<String> units = new TreeSet<>();
        for (ExperimentView experiment : experiments) {
            Touched batch = Touched.of(experiment, stored, eventNames(experiment, metrics));
            touched.add(batch);
            units.addAll(batch.earliest().keySet());
            units.addAll(batch.converting());
        }
        lock(projectKey, environment, units);
        for (Touched batch : touched) aggregate(batch, metrics);
    }

    /**
     * What one batch brings one experiment: the earliest served exposure of each unit (and the units the batch
     * also shows another arm), and the units that sent an event one of its metrics reads.
     */
    private record Touched(ExperimentView experiment, Map<String, TrackedEvent> earliest, Set<String> otherArm,
                           Set<String> converting) {
        static Touched of(ExperimentView experiment, List<TrackedEvent> stored, Set<String> names) {
            Map<String, TrackedEvent> earliest = new LinkedHashMap<>();
            Set<String> otherArm = new HashSet<>();
            Set<String> converting = new LinkedHashSet<>();
            for (TrackedEvent event : stored) {
                if (event.contextKey() == null) continue;
                if (!event.exposure()) {
                    if (names.contains(event.eventName())) converting.add(event.contextKey());
                    continue;
                }
                if (!served(experiment, event)) continue;
                TrackedEvent seen = earliest.get(event.contextKey());
                if (seen != null && !seen.variant().equals(event.variant())) otherArm.add(event.contextKey());
                if (seen == null || event.occurredAt().isBefore(seen.occurredAt())) earliest.put(event.contextKey(), event);
            }
            return new Touched(experiment, earliest, otherArm, converting);
        }
    }

    /**
     * Serialises the aggregation of these units with every other batch's: each unit's row in
     * {@code experiment_unit_lock} is taken (created on first use) before any of its aggregates or events are
     * read. Without it, two batches stored at once, one with a unit's exposure and one with its conversion,
     * each miss the other's uncommitted rows and the conversion counts in no arm. A new row is locked by its
     * insert (a concurrent insert of the same key waits for this transaction); an existing one by
     * {@code for update}. Units go in key order, so two batches never wait for each other in a cycle.
     */
    private void lock(String projectKey, String environment, Set<String> sortedUnits) {
        if (sortedUnits.isEmpty()) return;
        List<String> units = new ArrayList<>(sortedUnits);
        int[] inserted = jdbc.batchUpdate("insert into experiment_unit_lock (project_key, environment, unit_key)"
                + " values (?, ?, ?) on conflict do nothing", units.stream()
                .map(unit -> new Object[] {projectKey, environment, unit}).toList());
        List<String> existing = new ArrayList<>();
        for (int i = 0; i < units.size(); i++) if (inserted[i] == 0) existing.add(units.get(i));
        inChunks(existing, chunk -> {
            List<Object> args = new ArrayList<>(List.of(projectKey, environment));
            args.addAll(chunk);
            jdbc.query("select unit_key from experiment_unit_lock where project_key = ? and environment = ? and unit_key in ("
                    + placeholders(chunk.size()) + ") order by unit_key for update", rs -> { }, args.toArray());
        });
    }

    private void aggregate(Touched batch, Map<String, MetricDefinition> metrics) {
        ExperimentView experiment = batch.experiment();
        Set<String> units = new LinkedHashSet<>();
        Set<String> fresh = new HashSet<>();
        if (!batch.earliest().isEmpty()) {
            List<WeightPeriod> periods = queries.periods(experiment.id());
            List<TrackedEvent> candidates = new ArrayList<>(batch.earliest().values());
            int[] inserted = jdbc.batchUpdate("insert into experiment_unit (experiment_id, unit_key, arm, period,"
                    + " first_exposure_at, switched) values (?, ?, ?, ?, ?, ?) on conflict do nothing",
                    candidates.stream().map(e -> new Object[] {experiment.id(), e.contextKey(), e.variant(),
                            periodAt(periods, e.occurredAt()), Timestamp.from(e.occurredAt()),
                            batch.otherArm().contains(e.contextKey())}).toList());
            for (int i = 0; i < candidates.size(); i++) {
                TrackedEvent exposure = candidates.get(i);
                if (inserted[i] != 0) {
                    units.add(exposure.contextKey());
                    fresh.add(exposure.contextKey());
                } else if (enrolled(experiment, exposure, periods, batch.otherArm().contains(exposure.contextKey()))) {
                    units.add(exposure.contextKey());
                }
            }
        }
        Set<String> converting = new LinkedHashSet<>(batch.converting());
        converting.removeAll(units);
        units.addAll(enrolledAmong(experiment.id(), converting));
        refresh(experiment, metrics, units, fresh);
    }

    /**
     * Recomputes the touched units' values of the experiment's event-based metrics from their events: a
     * handful of statements per batch (units, their events, the rows to replace), however many units.
     */
    void refresh(ExperimentView experiment, Map<String, MetricDefinition> metrics, Set<String> units, Set<String> fresh) {
        Map<String, MetricDefinition> native_ = new LinkedHashMap<>();
        for (String key : experiment.definition().metricKeys()) {
            MetricDefinition metric = metrics.get(key);
            if (metric != null && metric.source() == MetricSource.EVENTS) native_.put(key, metric);
        }
        if (native_.isEmpty() || units.isEmpty()) return;
        List<String> names = new ArrayList<>(eventNames(experiment, metrics));
        inChunks(units, chunk -> {
            List<Object> args = new ArrayList<>();
            args.add(experiment.id());
            args.addAll(chunk);
            Map<String, Object[]> rows = new HashMap<>();
            jdbc.query("select unit_key, arm, period, first_exposure_at from experiment_unit where experiment_id = ?"
                    + " and unit_key in (" + placeholders(chunk.size()) + ")", rs -> {
                rows.put(rs.getString(1), new Object[] {rs.getString(2), rs.getInt(3), rs.getTimestamp(4).toInstant()});
            }, args.toArray());
            args = new ArrayList<>(List.of(experiment.projectKey(), experiment.definition().environment()));
            args.addAll(names);
            args.addAll(chunk);
            Map<String, List<UnitMetricValue.Event>> events = new HashMap<>();
            jdbc.query("select context_key, event_name, numeric_value, occurred_at from sdk_event where project_key = ?"
                    + " and environment = ? and kind = 'custom' and event_name in (" + placeholders(names.size())
                    + ") and context_key in (" + placeholders(chunk.size()) + ")", rs -> {
                events.computeIfAbsent(rs.getString(1), unit -> new ArrayList<>()).add(new UnitMetricValue.Event(
                        rs.getString(2), rs.getObject(3) == null ? null : rs.getDouble(3), rs.getTimestamp(4).toInstant()));
            }, args.toArray());
            List<Object[]> deletes = new ArrayList<>();
            List<Object[]> inserts = new ArrayList<>();
            for (String unit : chunk) {
                Object[] row = rows.get(unit);
                if (row == null) continue;
                List<UnitMetricValue.Event> own = events.getOrDefault(unit, List.of());
                boolean isFresh = fresh.contains(unit);
                if (own.isEmpty() && isFresh) continue;
                for (Map.Entry<String, MetricDefinition> metric : native_.entrySet()) {
                    if (!isFresh) deletes.add(new Object[] {experiment.id(), metric.getKey(), unit});
                    UnitMetricValue value = UnitMetricValue.of(metric.getValue(), (Instant) row[2], own);
                    if (!value.zero())
                        inserts.add(new Object[] {experiment.id(), metric.getKey(), unit, row[0], row[1], value.value(),
                                value.denominator(), value.preValue()});
                }
            }
            if (!deletes.isEmpty())
                jdbc.batchUpdate("delete from experiment_unit_metric where experiment_id = ? and metric_key = ?"
                        + " and unit_key = ?", deletes);
            if (!inserts.isEmpty())
                jdbc.batchUpdate("insert into experiment_unit_metric (experiment_id, metric_key, unit_key, arm, period,"
                        + " metric_value, denominator, pre_value) values (?, ?, ?, ?, ?, ?, ?, ?)", inserts);
        });
    }

    /**
     * An exposure of a unit already enrolled: an earlier one (arrived late) takes over its arm and period; a
     * later one to another arm only marks it switched. Answers whether the unit's first exposure moved.
     */
    private boolean enrolled(ExperimentView experiment, TrackedEvent exposure, List<WeightPeriod> periods,
                             boolean otherArmInBatch) {
        var current = jdbc.query("select arm, first_exposure_at, switched from experiment_unit where experiment_id = ?"
                + " and unit_key = ?", (rs, n) -> new Object[] {rs.getString(1), rs.getTimestamp(2).toInstant(),
                rs.getBoolean(3)}, experiment.id(), exposure.contextKey()).get(0);
        boolean otherArm = otherArmInBatch || !current[0].equals(exposure.variant());
        if (exposure.occurredAt().isBefore((Instant) current[1])) {
            jdbc.update("update experiment_unit set arm = ?, period = ?, first_exposure_at = ?, switched = ?"
                    + " where experiment_id = ? and unit_key = ?", exposure.variant(), periodAt(periods, exposure.occurredAt()),
                    Timestamp.from(exposure.occurredAt()), otherArm || (Boolean) current[2], experiment.id(),
                    exposure.contextKey());
            return true;
        }
        if (otherArm && !(Boolean) current[2])
            jdbc.update("update experiment_unit set switched = true where experiment_id = ? and unit_key = ?",
                    experiment.id(), exposure.contextKey());
        return false;
    }

    /** Served by this experiment: its flag, one of its arms, its rule (or a split when the SDK names no rule), while it ran. */
    static boolean served(ExperimentView experiment, TrackedEvent exposure) {
        if (experiment.serving() == null || experiment.startedAt() == null) return false;
        if (!experiment.definition().flagKey().equals(exposure.flagKey())) return false;
        if (experiment.definition().arms().stream().map(Arm::variation).noneMatch(exposure.variant()::equals)) return false;
        boolean rule = exposure.ruleId() != null ? exposure.ruleId().equals(experiment.serving().ruleId())
                : "SPLIT".equals(exposure.reason());
        if (!rule) return false;
        if (exposure.occurredAt().isBefore(experiment.startedAt().minus(START_TOLERANCE))) return false;
        return experiment.stoppedAt() == null || !exposure.occurredAt().isAfter(experiment.stoppedAt());
    }

    static int periodAt(List<WeightPeriod> periods, Instant at) {
        int period = 0;
        for (WeightPeriod candidate : periods) if (!candidate.startsAt().isAfter(at)) period = candidate.period();
        return period;
    }

    static Set<String> eventNames(ExperimentView experiment, Map<String, MetricDefinition> metrics) {
        Set<String> names = new HashSet<>();
        for (String key : experiment.definition().metricKeys()) {
            MetricDefinition metric = metrics.get(key);
            if (metric == null || metric.source() != MetricSource.EVENTS) continue;
            names.add(metric.eventName());
            if (metric.denominatorEvent() != null) names.add(metric.denominatorEvent());
        }
        return names;
    }

    private Set<String> enrolledAmong(String experimentId, Set<String> units) {
        if (units.isEmpty()) return Collections.emptySet();
        Set<String> found = new LinkedHashSet<>();
        inChunks(units, chunk -> {
            List<Object> args = new ArrayList<>();
            args.add(experimentId);
            args.addAll(chunk);
            found.addAll(jdbc.queryForList("select unit_key from experiment_unit where experiment_id = ? and unit_key in ("
                    + placeholders(chunk.size()) + ")", String.class, args.toArray()));
        });
        return found;
    }

    /** Statements with one placeholder per unit go in chunks of {@value #CHUNK}, well inside every driver's limit. */
    private static void inChunks(Collection<String> units, Consumer<List<String>> statement) {
        List<String> all = new ArrayList<>(units);
        for (int from = 0; from < all.size(); from += CHUNK) statement.accept(all.subList(from, Math.min(all.size(), from + CHUNK)));
    }

    static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(Math.max(1, count), "?"));
    }
}
