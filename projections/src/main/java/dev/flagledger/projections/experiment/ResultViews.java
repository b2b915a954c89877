package dev.flagledger.projections.experiment;

import dev.flagledger.stats.analysis.ExperimentAnalysis;
import dev.flagledger.stats.frequentist.Effect;
import dev.flagledger.stats.metric.ArmEstimate;
import dev.flagledger.stats.sequential.ConfidenceSequence;

import java.util.ArrayList;
import java.util.List;

/** experiments-stats' results as the API's plain records. */
final class ResultViews {
    private ResultViews() {
    }

    static List<ExperimentResults.ArmMetric> arms(ExperimentAnalysis.MetricResult result) {
        List<ExperimentResults.ArmMetric> arms = new ArrayList<>();
        for (ExperimentAnalysis.ArmResult arm : result.arms()) {
            ArmEstimate estimate = arm.estimate().orElse(null);
            Long n = estimate == null ? null : estimate.n();
            Double mean = estimate == null ? null : estimate.mean();
            Double se = estimate == null ? null : estimate.standardError();
            if (arm.comparison() instanceof ExperimentAnalysis.Computed computed) {
                var bayes = computed.bayesian().map(b -> new ExperimentResults.Bayesian(b.chanceToBeatControl(),
                        b.relativeEffect(), b.credibleLower(), b.credibleUpper(), b.expectedLossTreatment(),
                        b.expectedLossControl())).orElse(null);
                arms.add(new ExperimentResults.ArmMetric(arm.armKey(), "COMPUTED", null, n, mean, se,
                        effect(computed.frequentist().absolute()), effect(computed.frequentist().relative()),
                        computed.adjustedPValue(), computed.verdict().name(),
                        interval(computed.sequential().absolute()), interval(computed.sequential().relative()), bayes));
            } else if (arm.comparison() instanceof ExperimentAnalysis.Insufficient insufficient) {
                arms.add(new ExperimentResults.ArmMetric(arm.armKey(), "INSUFFICIENT", insufficient.reason(), n, mean, se,
                        null, null, null, null, null, null, null));
            } else {
                arms.add(new ExperimentResults.ArmMetric(arm.armKey(), "CONTROL", null, n, mean, se, null, null, null,
                        null, null, null, null));
            }
        }
        return arms;
    }

    private static ExperimentResults.Effect effect(Effect effect) {
        return new ExperimentResults.Effect(effect.estimate(), effect.standardError(), effect.pValue(), effect.lower(),
                effect.upper());
    }

    private static ExperimentResults.Interval interval(ConfidenceSequence.Interval interval) {
        return new ExperimentResults.Interval(interval.estimate(), interval.lower(), interval.upper());
    }
}
