package dev.flagledger.projections.experiment;

import dev.flagledger.domain.experiment.Arm;
import dev.flagledger.domain.experiment.MetricDefinition;
import dev.flagledger.domain.experiment.MetricDirection;
import dev.flagledger.domain.experiment.MetricKind;
import dev.flagledger.domain.flag.Weight;
import dev.flagledger.domain.shared.NotFound;
import dev.flagledger.stats.InvalidStatsInput;
import dev.flagledger.stats.analysis.AnalysisSettings;
import dev.flagledger.stats.analysis.ExperimentAnalysis;
import dev.flagledger.stats.analysis.ExperimentAnalyzer;
import dev.flagledger.stats.analysis.ExperimentInput;
import dev.flagledger.stats.analysis.MetricInput;
import dev.flagledger.stats.metric.Direction;
import dev.flagledger.stats.metric.Moments;
import dev.flagledger.stats.metric.PairedMoments;
import dev.flagledger.stats.power.Baseline;
import dev.flagledger.stats.power.PowerCalculator;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Computes an experiment's results from its per-unit aggregates with SQL sums (one grouped query per
 * metric, never a raw event) and experiments-stats. Percentile capping takes the cap over the units with a
 * non-zero value (as GrowthBook's "ignore zeros": over all units a rare event's cap would be 0).
 */
@Component
public class ExperimentResultsCalculator {
    private final JdbcTemplate jdbc;
    private final ExperimentQueries queries;
    private final Clock clock;

    public ExperimentResultsCalculator(JdbcTemplate jdbc, ExperimentQueries queries) {
        this.jdbc = jdbc;
        this.queries = queries;
        this.clock = Clock.systemUTC();
    }

    public ExperimentResults results(String projectKey, String experimentKey) {
        ExperimentView experiment = queries.experiment(projectKey, experimentKey)
                .orElseThrow(() -> new NotFound("no experiment " + experimentKey + " in project " + projectKey));
        return results(experiment);
    }

    public ExperimentResults results(ExperimentView experiment) {
        List<String> arms = experiment.definition().arms().stream().map(Arm::variation).toList();
        List<WeightPeriod> periods = queries.periods(experiment.id());
        int periodCount = Math.max(1, periods.size());
        long[][] units = new long[periodCount][arms.size()];
        long[] switched = {0};
        jdbc.query("select arm, period, count(*), sum(case when switched then 1 else 0 end) from experiment_unit"
                + " where experiment_id = ? group by arm, period", rs -> {
            int arm = arms.indexOf(rs.getString(1));
            int period = Math.min(rs.getInt(2), periodCount - 1);
            if (arm >= 0) units[period][arm] += rs.getLong(3);
            switched[0] += rs.getLong(4);
        }, experiment.id());
        long[] exposed = new long[arms.size()];
        long total = 0;
        for (long[] period : units) for (int a = 0; a < arms.size(); a++) exposed[a] += period[a];
        for (long n : exposed) total += n;
        double[] expected = expectedShares(experiment, periods, units, total);

        Map<String, MetricDefinition> definitions = new HashMap<>();
        queries.metrics(experiment.projectKey()).forEach(metric -> definitions.put(metric.key(), metric.definition()));
        List<MetricInput> inputs = new ArrayList<>();
        Map<String, String> analysisKind = new LinkedHashMap<>();
        Map<String, Double> caps = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (String key : experiment.definition().metricKeys()) {
            MetricDefinition metric = definitions.get(key);
            if (metric == null) {
                missing.add(key);
                continue;
            }
            Double cap = metric.capPercentile() == null ? null : cap(experiment.id(), key, metric.capPercentile());
            if (cap != null) caps.put(key, cap);
            Sums[][] sums = sums(experiment.id(), key, cap, arms, periodCount);
            inputs.add(input(key, metric, sums, units, periodCount > 1 && periodsUsed(units) > 1, analysisKind));
        }
        List<Double> weights = new ArrayList<>();
        for (double share : expected) weights.add(share);
        ExperimentAnalysis analysis;
        try {
            analysis = new ExperimentAnalyzer(AnalysisSettings.defaults()).analyze(new ExperimentInput(arms, weights,
                    java.util.Arrays.stream(exposed).boxed().toList(), inputs));
        } catch (InvalidStatsInput invalid) {
            throw new dev.flagledger.domain.shared.InvalidInput("results cannot be computed: " + invalid.getMessage());
        }
        List<ExperimentResults.ArmExposure> exposures = new ArrayList<>();
        for (int a = 0; a < arms.size(); a++)
            exposures.add(new ExperimentResults.ArmExposure(arms.get(a), exposed[a],
                    total == 0 ? 0 : (double) exposed[a] / total, expected[a]));
        ExperimentResults.Srm srm = analysis.srm().map(s -> new ExperimentResults.Srm(s.chiSquare(),
                s.degreesOfFreedom(), s.pValue(), s.threshold(), s.untrustworthy())).orElse(null);
        List<ExperimentResults.MetricResult> metrics = new ArrayList<>();
        for (ExperimentAnalysis.MetricResult result : analysis.metrics()) {
            MetricDefinition metric = definitions.get(result.key());
            boolean primary = result.key().equals(experiment.definition().primaryMetric());
            metrics.add(new ExperimentResults.MetricResult(result.key(), metric.name(), primary ? "PRIMARY" : "GUARDRAIL",
                    metric.kind().name(), metric.direction().name(), analysisKind.get(result.key()), caps.get(result.key()),
                    result.cupedTheta().orElse(null), result.varianceReduction().orElse(null),
                    minimumDetectableEffect(metric, result, exposed), ResultViews.arms(result)));
        }
        String verdict = Verdicts.plain(experiment, srm, exposures, metrics, missing);
        return new ExperimentResults(experiment.key(), experiment.status().name(), clock.instant(), exposures,
                switched[0], srm, metrics, verdict, rejected(experiment));
    }

    private static double[] expectedShares(ExperimentView experiment, List<WeightPeriod> periods, long[][] units,
                                           long total) {
        int arms = experiment.definition().arms().size();
        double[] expected = new double[arms];
        if (periods.isEmpty() || total == 0) {
            List<Weight> weights = periods.isEmpty()
                    ? experiment.definition().arms().stream().map(arm -> new Weight(arm.variation(), arm.weight())).toList()
                    : periods.get(periods.size() - 1).weights();
            for (int a = 0; a < arms; a++) expected[a] = weights.get(a).weight() / 100_000.0;
            return expected;
        }
        // Each period's units were split by that period's weights.
        for (int p = 0; p < units.length && p < periods.size(); p++) {
            long inPeriod = 0;
            for (long n : units[p]) inPeriod += n;
            for (int a = 0; a < arms; a++)
                expected[a] += (double) inPeriod / total * periods.get(p).weights().get(a).weight() / 100_000.0;
        }
        return expected;
    }

    private static int periodsUsed(long[][] units) {
        int used = 0;
        for (long[] period : units) {
            long n = 0;
            for (long u : period) n += u;
            if (n > 0) used++;
        }
        return used;
    }

    private record Sums(long n, double v, double vv, double d, double dd, double vd, double x, double xx, double vx) {
        static final Sums EMPTY = new Sums(0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    private Double cap(String experimentId, String metric, double percentile) {
        return jdbc.query("select percentile_cont(?) within group (order by metric_value) from experiment_unit_metric"
                        + " where experiment_id = ? and metric_key = ? and metric_value <> 0",
                rs -> rs.next() && rs.getObject(1) != null ? rs.getDouble(1) : null, percentile / 100.0, experimentId, metric);
    }

    private Sums[][] sums(String experimentId, String metric, Double cap, List<String> arms, int periods) {
        Sums[][] sums = new Sums[periods][arms.size()];
        for (Sums[] row : sums) java.util.Arrays.fill(row, Sums.EMPTY);
        String v = cap == null ? "metric_value" : "least(metric_value, " + cap + ")";
        jdbc.query("select arm, period, count(*), sum(" + v + "), sum(" + v + " * " + v + "), sum(denominator),"
                + " sum(denominator * denominator), sum(" + v + " * denominator), sum(pre_value), sum(pre_value * pre_value),"
                + " sum(" + v + " * pre_value) from experiment_unit_metric where experiment_id = ? and metric_key = ?"
                + " group by arm, period", rs -> {
            int arm = arms.indexOf(rs.getString(1));
            if (arm < 0) return;
            int period = Math.min(rs.getInt(2), periods - 1);
            Sums old = sums[period][arm];
            sums[period][arm] = new Sums(old.n + rs.getLong(3), old.v + rs.getDouble(4), old.vv + rs.getDouble(5),
                    old.d + rs.getDouble(6), old.dd + rs.getDouble(7), old.vd + rs.getDouble(8), old.x + rs.getDouble(9),
                    old.xx + rs.getDouble(10), old.vx + rs.getDouble(11));
        }, experimentId, metric);
        return sums;
    }

    private static MetricInput input(String key, MetricDefinition metric, Sums[][] sums, long[][] units,
                                     boolean stratified, Map<String, String> kind) {
        Direction direction = metric.direction() == MetricDirection.LOWER_IS_BETTER
                ? Direction.LOWER_IS_BETTER : Direction.HIGHER_IS_BETTER;
        int arms = units[0].length;
        if (metric.kind() == MetricKind.RATIO) {
            kind.put(key, "RATIO");
            List<PairedMoments> pooled = new ArrayList<>();
            for (int a = 0; a < arms; a++) {
                PairedMoments sum = PairedMoments.EMPTY;
                for (int p = 0; p < units.length; p++) {
                    Sums s = sums[p][a];
                    sum = sum.plus(new PairedMoments(units[p][a], s.v, s.vv, s.d, s.dd, s.vd));
                }
                pooled.add(sum);
            }
            return new MetricInput.Ratio(key, direction, pooled);
        }
        if (stratified) {
            kind.put(key, "STRATIFIED");
            List<List<Moments>> periods = new ArrayList<>();
            for (int p = 0; p < units.length; p++) {
                List<Moments> period = new ArrayList<>();
                for (int a = 0; a < arms; a++) period.add(new Moments(units[p][a], sums[p][a].v, sums[p][a].vv));
                periods.add(period);
            }
            return new MetricInput.PeriodMean(key, direction, periods);
        }
        boolean preExposure = false;
        for (Sums[] period : sums) for (Sums s : period) preExposure |= s.x != 0;
        List<PairedMoments> paired = new ArrayList<>();
        for (int a = 0; a < arms; a++) {
            PairedMoments sum = PairedMoments.EMPTY;
            for (int p = 0; p < units.length; p++) {
                Sums s = sums[p][a];
                sum = sum.plus(new PairedMoments(units[p][a], s.v, s.vv, s.x, s.xx, s.vx));
            }
            paired.add(sum);
        }
        if (preExposure) {
            kind.put(key, "CUPED");
            return new MetricInput.MeanWithPreExposure(key, direction, paired);
        }
        kind.put(key, "MEAN");
        return new MetricInput.Mean(key, direction, paired.stream().map(PairedMoments::x).toList());
    }

    private static Double minimumDetectableEffect(MetricDefinition metric, ExperimentAnalysis.MetricResult result,
                                                  long[] exposed) {
        if (exposed.length < 2 || exposed[0] < 2 || exposed[1] < 2) return null;
        Optional<dev.flagledger.stats.metric.ArmEstimate> control = result.arms().get(0).estimate();
        if (control.isEmpty() || control.get().mean() <= 0) return null;
        try {
            double mean = control.get().mean();
            Baseline baseline = metric.kind() == MetricKind.CONVERSION ? Baseline.conversion(Math.min(mean, 0.999))
                    : Baseline.mean(mean, control.get().varianceOfMean() * control.get().n());
            return new PowerCalculator(0.05).minimumDetectableEffect(baseline, exposed[0], exposed[1], 0.8);
        } catch (RuntimeException thin) {
            return null;
        }
    }

    private Map<String, Long> rejected(ExperimentView experiment) {
        Map<String, Long> rejected = new java.util.TreeMap<>();
        jdbc.query("select reason, rejected from sdk_event_rejection where project_key = ? and environment = ?",
                rs -> { rejected.put(rs.getString(1), rs.getLong(2)); }, experiment.projectKey(),
                experiment.definition().environment());
        return rejected;
    }

    static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f %%", share * 100);
    }
}
