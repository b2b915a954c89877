package dev.flagledger.stats.analysis;

import dev.flagledger.stats.bayes.BayesianResult;
import dev.flagledger.stats.frequentist.WelchResult;
import dev.flagledger.stats.metric.ArmEstimate;
import dev.flagledger.stats.metric.Direction;
import dev.flagledger.stats.sequential.SequentialResult;
import dev.flagledger.stats.srm.SrmResult;
import java.util.List;
import java.util.Optional;

/**
 * The results of one analysis: the SRM check (absent before the first exposure; when untrustworthy, show
 * it before anything else) and, per metric, each arm's estimate and its comparison with the control.
 */
public record ExperimentAnalysis(Optional<SrmResult> srm, AnalysisSettings settings, List<MetricResult> metrics) {
    public ExperimentAnalysis {
        metrics = List.copyOf(metrics);
    }

    /**
     * One metric. {@code cupedTheta} and {@code varianceReduction} are present when CUPED adjusted it.
     */
    public record MetricResult(String key, Direction direction, Optional<Double> cupedTheta,
                               Optional<Double> varianceReduction, List<ArmResult> arms) {
        public MetricResult {
            arms = List.copyOf(arms);
        }
    }

    /** One arm of one metric: its estimate (absent when too thin) and how it compares with control. */
    public record ArmResult(String armKey, Optional<ArmEstimate> estimate, Comparison comparison) {}

    public sealed interface Comparison permits Control, Computed, Insufficient {}

    /** The control arm itself. */
    public record Control() implements Comparison {}

    /** Not enough data yet (too few units, no variance, a zero control mean). */
    public record Insufficient(String reason) implements Comparison {}

    /**
     * A full comparison. {@code adjustedPValue} is the absolute-effect p-value after the experiment's
     * multiple-comparison correction; {@code verdict} reads it in the metric's direction. The Bayesian
     * part is absent for metrics whose means are not positive (the log scale needs them).
     */
    public record Computed(WelchResult frequentist, double adjustedPValue, Verdict verdict,
                           SequentialResult sequential, Optional<BayesianResult> bayesian) implements Comparison {}

    public enum Verdict { BETTER, WORSE, INCONCLUSIVE }
}
