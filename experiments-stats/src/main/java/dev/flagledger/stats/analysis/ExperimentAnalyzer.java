package dev.flagledger.stats.analysis;

import dev.flagledger.stats.InsufficientData;
import dev.flagledger.stats.analysis.ExperimentAnalysis.ArmResult;
import dev.flagledger.stats.analysis.ExperimentAnalysis.Comparison;
import dev.flagledger.stats.analysis.ExperimentAnalysis.Computed;
import dev.flagledger.stats.analysis.ExperimentAnalysis.MetricResult;
import dev.flagledger.stats.analysis.ExperimentAnalysis.Verdict;
import dev.flagledger.stats.bayes.BayesianComparison;
import dev.flagledger.stats.bayes.BayesianResult;
import dev.flagledger.stats.cuped.Cuped;
import dev.flagledger.stats.cuped.CupedAdjustment;
import dev.flagledger.stats.frequentist.PValueCorrection;
import dev.flagledger.stats.frequentist.WelchResult;
import dev.flagledger.stats.frequentist.WelchTest;
import dev.flagledger.stats.metric.ArmEstimate;
import dev.flagledger.stats.metric.Estimators;
import dev.flagledger.stats.metric.Moments;
import dev.flagledger.stats.metric.PairedMoments;
import dev.flagledger.stats.metric.Stratified;
import dev.flagledger.stats.sequential.ConfidenceSequence;
import dev.flagledger.stats.sequential.SequentialResult;
import dev.flagledger.stats.srm.SampleRatioCheck;
import dev.flagledger.stats.srm.SrmResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one entry point the results projection and GraphQL use: every statistic for every (arm, metric),
 * with the multiple-comparison correction applied across all of them. Never throws for thin data: such
 * comparisons come back {@link ExperimentAnalysis.Insufficient}; only malformed input is rejected.
 */
public final class ExperimentAnalyzer {
    private final AnalysisSettings settings;

    public ExperimentAnalyzer(AnalysisSettings settings) {
        this.settings = settings;
    }

    public ExperimentAnalysis analyze(ExperimentInput input) {
        long[] exposed = input.exposedUnits().stream().mapToLong(Long::longValue).toArray();
        Optional<SrmResult> srm = java.util.Arrays.stream(exposed).sum() == 0 ? Optional.empty()
                : Optional.of(SampleRatioCheck.check(exposed,
                        input.weights().stream().mapToDouble(Double::doubleValue).toArray(), settings.srmThreshold()));

        List<Draft> drafts = new ArrayList<>();
        for (MetricInput metric : input.metrics()) drafts.add(estimate(metric));

        // Family for the correction: every computed (treatment arm, metric) pair of this experiment.
        List<int[]> slots = new ArrayList<>();
        List<Double> pValues = new ArrayList<>();
        for (int m = 0; m < drafts.size(); m++)
            for (int arm = 1; arm < drafts.get(m).partials.length; arm++)
                if (drafts.get(m).partials[arm] instanceof Partial p) {
                    slots.add(new int[] {m, arm});
                    pValues.add(p.welch.absolute().pValue());
                }
        double[] adjusted = settings.correction().adjust(pValues.stream().mapToDouble(Double::doubleValue).toArray());
        // Confidence sequences have no p-values to step through; with a correction chosen, each gets
        // alpha / m (Bonferroni), valid for both the family-wise error and the false discovery rate.
        int family = settings.correction() == PValueCorrection.NONE ? 1 : Math.max(1, slots.size());
        ConfidenceSequence sequence = new ConfidenceSequence(settings.alpha() / family, settings.sequentialTuningSample());

        List<MetricResult> results = new ArrayList<>();
        for (int m = 0; m < drafts.size(); m++) {
            Draft d = drafts.get(m);
            List<ArmResult> arms = new ArrayList<>();
            for (int arm = 0; arm < d.partials.length; arm++) {
                Comparison comparison;
                if (arm == 0) comparison = new ExperimentAnalysis.Control();
                else if (d.partials[arm] instanceof Partial p) {
                    double adj = adjusted[indexOf(slots, m, arm)];
                    SequentialResult seq = sequence.compare(d.estimates.get(0), d.estimates.get(arm));
                    comparison = new Computed(p.welch, adj, verdict(p.welch, adj, d.metric), seq, p.bayesian);
                } else comparison = (ExperimentAnalysis.Insufficient) d.partials[arm];
                arms.add(new ArmResult(input.armKeys().get(arm), Optional.ofNullable(d.estimates.get(arm)), comparison));
            }
            results.add(new MetricResult(d.metric.key(), d.metric.direction(), d.theta, d.reduction, arms));
        }
        return new ExperimentAnalysis(srm, settings, results);
    }

    private Verdict verdict(WelchResult welch, double adjustedP, MetricInput metric) {
        if (adjustedP >= settings.alpha()) return Verdict.INCONCLUSIVE;
        return metric.direction().sign() * welch.absolute().estimate() > 0 ? Verdict.BETTER : Verdict.WORSE;
    }

    private static int indexOf(List<int[]> slots, int metric, int arm) {
        for (int i = 0; i < slots.size(); i++)
            if (slots.get(i)[0] == metric && slots.get(i)[1] == arm) return i;
        throw new IllegalStateException("no slot for metric " + metric + " arm " + arm);
    }

    private Draft estimate(MetricInput metric) {
        Estimates e = new Estimates();
        Optional<Double> theta = Optional.empty(), reduction = Optional.empty();
        if (metric instanceof MetricInput.MeanWithPreExposure w) {
            try {
                CupedAdjustment cuped = Cuped.adjust(w.arms());
                cuped.adjusted().forEach(a -> e.add(a, null));
                theta = Optional.of(cuped.theta());
                reduction = Optional.of(cuped.varianceReduction());
            } catch (InsufficientData thin) {
                // No variation in the pre-exposure value (or a thin arm): CUPED cannot help, plain means can.
                for (PairedMoments arm : w.arms()) e.attempt(() -> Estimators.mean(arm.x()));
            }
        } else if (metric instanceof MetricInput.PeriodMean periods) {
            try {
                Stratified.combine(periods.periods()).forEach(a -> e.add(a, null));
            } catch (InsufficientData thin) {
                for (int arm = 0; arm < periods.armCount(); arm++) e.add(null, thin.getMessage());
            }
        } else if (metric instanceof MetricInput.Mean mean) {
            for (Moments arm : mean.arms()) e.attempt(() -> Estimators.mean(arm));
        } else {
            for (PairedMoments arm : ((MetricInput.Ratio) metric).arms()) e.attempt(() -> Estimators.ratio(arm));
        }

        Object[] partials = new Object[e.values.size()];
        ArmEstimate control = e.values.get(0);
        for (int arm = 1; arm < e.values.size(); arm++) {
            ArmEstimate treatment = e.values.get(arm);
            if (control == null || treatment == null) {
                partials[arm] = new ExperimentAnalysis.Insufficient(control == null
                        ? "control: " + e.reasons.get(0) : e.reasons.get(arm));
                continue;
            }
            try {
                WelchResult welch = WelchTest.compare(control, treatment, settings.alpha());
                Optional<BayesianResult> bayes = control.mean() > 0 && treatment.mean() > 0
                        ? Optional.of(BayesianComparison.compare(control, treatment, settings.prior(),
                                metric.direction(), settings.credibleLevel()))
                        : Optional.empty();
                partials[arm] = new Partial(welch, bayes);
            } catch (InsufficientData thin) {
                partials[arm] = new ExperimentAnalysis.Insufficient(thin.getMessage());
            }
        }
        return new Draft(metric, e.values, partials, theta, reduction);
    }

    /** Per-arm estimates in arm order, with the reason where an arm has none yet. */
    private static final class Estimates {
        final List<ArmEstimate> values = new ArrayList<>();
        final List<String> reasons = new ArrayList<>();

        void add(ArmEstimate value, String reason) {
            values.add(value);
            reasons.add(reason);
        }

        void attempt(java.util.function.Supplier<ArmEstimate> estimate) {
            try {
                add(estimate.get(), null);
            } catch (InsufficientData thin) {
                add(null, thin.getMessage());
            }
        }
    }

    private record Partial(WelchResult welch, Optional<BayesianResult> bayesian) {}

    private record Draft(MetricInput metric, List<ArmEstimate> estimates, Object[] partials,
                         Optional<Double> theta, Optional<Double> reduction) {}
}
