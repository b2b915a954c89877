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
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
        Map<String, Set<String>> touched = new LinkedHashMap<>();
        Map<String, Set<String>> enrolled = new HashMap<>();
        for (ExperimentView experiment : experiments) {
            Set<String> units = new LinkedHashSet<>();
            Set<String> fresh = new HashSet<>();
            List<WeightPeriod> periods = null;
            for (TrackedEvent event : stored) {
                if (!event.exposure() || event.contextKey() == null || !served(experiment, event)) continue;
                if (periods == null) periods = queries.periods(experiment.id());
                switch (enrol(experiment, event, periods)) {
                    case NEW -> {
                        units.add(event.contextKey());
                        fresh.add(event.contextKey());
                    }
                    case MOVED -> units.add(event.contextKey());
                    case UNCHANGED -> { }
                }
            }
            Set<String> names = eventNames(experiment, metrics);
            Set<String> candidates = new LinkedHashSet<>();
            for (TrackedEvent event : stored)
                if (!event.exposure() && event.contextKey() != null && names.contains(event.eventName()))
                    candidates.add(event.contextKey());
            candidates.removeAll(units);
            units.addAll(enrolledAmong(experiment.id(), candidates));
            touched.put(experiment.id(), units);
            enrolled.put(experiment.id(), fresh);
        }
        for (ExperimentView experiment : experiments)
            for (String unit : touched.get(experiment.id()))
                refresh(experiment, metrics, unit, enrolled.get(experiment.id()).contains(unit));
    }

    /** Recomputes one unit's values of the experiment's event-based metrics (also after an import or a fix). */
    void refresh(ExperimentView experiment, Map<String, MetricDefinition> metrics, String unit, boolean fresh) {
        var row = jdbc.query("select arm, period, first_exposure_at from experiment_unit where experiment_id = ?"
                + " and unit_key = ?", (rs, n) -> new Object[] {rs.getString(1), rs.getInt(2),
                rs.getTimestamp(3).toInstant()}, experiment.id(), unit);
        if (row.isEmpty()) return;
        String arm = (String) row.get(0)[0];
        int period = (Integer) row.get(0)[1];
        Instant first = (Instant) row.get(0)[2];
        Map<String, MetricDefinition> native_ = new LinkedHashMap<>();
        for (String key : experiment.definition().metricKeys()) {
            MetricDefinition metric = metrics.get(key);
            if (metric != null && metric.source() == MetricSource.EVENTS) native_.put(key, metric);
        }
        if (native_.isEmpty()) return;
        Set<String> names = eventNames(experiment, metrics);
        List<Object> args = new ArrayList<>(List.of(experiment.projectKey(), experiment.definition().environment(), unit));
        args.addAll(names);
        List<UnitMetricValue.Event> events = jdbc.query("select event_name, numeric_value, occurred_at from sdk_event"
                + " where project_key = ? and environment = ? and context_key = ? and kind = 'custom' and event_name in ("
                + placeholders(names.size()) + ")", (rs, n) -> new UnitMetricValue.Event(rs.getString(1),
                rs.getObject(2) == null ? null : rs.getDouble(2), rs.getTimestamp(3).toInstant()), args.toArray());
        if (events.isEmpty() && fresh) return;
        for (Map.Entry<String, MetricDefinition> metric : native_.entrySet()) {
            UnitMetricValue value = UnitMetricValue.of(metric.getValue(), first, events);
            if (!fresh) jdbc.update("delete from experiment_unit_metric where experiment_id = ? and metric_key = ?"
                    + " and unit_key = ?", experiment.id(), metric.getKey(), unit);
            if (!value.zero())
                jdbc.update("insert into experiment_unit_metric (experiment_id, metric_key, unit_key, arm, period,"
                                + " metric_value, denominator, pre_value) values (?, ?, ?, ?, ?, ?, ?, ?)", experiment.id(),
                        metric.getKey(), unit, arm, period, value.value(), value.denominator(), value.preValue());
        }
    }

    private enum Enrolment { NEW, MOVED, UNCHANGED }

    private Enrolment enrol(ExperimentView experiment, TrackedEvent exposure, List<WeightPeriod> periods) {
        Timestamp at = Timestamp.from(exposure.occurredAt());
        int period = periodAt(periods, exposure.occurredAt());
        int inserted = jdbc.update("insert into experiment_unit (experiment_id, unit_key, arm, period, first_exposure_at,"
                + " switched) values (?, ?, ?, ?, ?, false) on conflict do nothing", experiment.id(), exposure.contextKey(),
                exposure.variant(), period, at);
        if (inserted == 1) return Enrolment.NEW;
        var current = jdbc.query("select arm, first_exposure_at, switched from experiment_unit where experiment_id = ?"
                + " and unit_key = ?", (rs, n) -> new Object[] {rs.getString(1), rs.getTimestamp(2).toInstant(),
                rs.getBoolean(3)}, experiment.id(), exposure.contextKey()).get(0);
        String arm = (String) current[0];
        boolean otherArm = !arm.equals(exposure.variant());
        if (exposure.occurredAt().isBefore((Instant) current[1])) {
            jdbc.update("update experiment_unit set arm = ?, period = ?, first_exposure_at = ?, switched = ?"
                    + " where experiment_id = ? and unit_key = ?", exposure.variant(), period, at,
                    otherArm || (Boolean) current[2], experiment.id(), exposure.contextKey());
            return Enrolment.MOVED;
        }
        if (otherArm && !(Boolean) current[2])
            jdbc.update("update experiment_unit set switched = true where experiment_id = ? and unit_key = ?",
                    experiment.id(), exposure.contextKey());
        return Enrolment.UNCHANGED;
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
        List<String> all = new ArrayList<>(units);
        for (int from = 0; from < all.size(); from += CHUNK) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
            List<Object> args = new ArrayList<>();
            args.add(experimentId);
            args.addAll(chunk);
            found.addAll(jdbc.queryForList("select unit_key from experiment_unit where experiment_id = ? and unit_key in ("
                    + placeholders(chunk.size()) + ")", String.class, args.toArray()));
        }
        return found;
    }

    static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(Math.max(1, count), "?"));
    }
}
