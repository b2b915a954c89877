package dev.flagledger.projections.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static dev.flagledger.projections.experiment.ExperimentResultsCalculator.percent;

/**
 * The results in a few plain sentences, in the order a reader needs them: can the numbers be trusted
 * (SRM), is there data, what the primary metric says, and whether a guardrail got worse.
 */
final class Verdicts {
    private Verdicts() {
    }

    static String plain(ExperimentView experiment, ExperimentResults.Srm srm, List<ExperimentResults.ArmExposure> exposures,
                        List<ExperimentResults.MetricResult> metrics, List<String> missing) {
        List<String> sentences = new ArrayList<>();
        if (srm != null && srm.untrustworthy()) {
            List<String> split = new ArrayList<>();
            for (var arm : exposures)
                split.add(arm.arm() + " " + percent(arm.observedShare()) + " (expected " + percent(arm.expectedShare()) + ")");
            sentences.add(String.format(Locale.ROOT, "Sample ratio mismatch (p = %.2g): traffic did not split as"
                    + " configured (%s). Assignment or event logging is broken; do not trust these results.",
                    srm.pValue(), String.join(", ", split)));
        }
        long units = exposures.stream().mapToLong(ExperimentResults.ArmExposure::units).sum();
        if (units == 0) {
            sentences.add("No exposures yet.");
            return String.join(" ", sentences);
        }
        if (!missing.isEmpty()) sentences.add("Metric definitions missing: " + String.join(", ", missing) + ".");
        String control = experiment.definition().arms().get(0).variation();
        for (ExperimentResults.MetricResult metric : metrics) {
            boolean primary = "PRIMARY".equals(metric.role());
            for (ExperimentResults.ArmMetric arm : metric.arms()) {
                if ("INSUFFICIENT".equals(arm.status()) && primary) {
                    sentences.add("Not enough data on " + metric.name() + " for " + arm.arm() + " yet: " + arm.reason() + ".");
                } else if ("COMPUTED".equals(arm.status())) {
                    String change = String.format(Locale.ROOT, "%s%.1f %% (95 %% CI %+.1f %% to %+.1f %%, p = %.3g)",
                            arm.relative().estimate() >= 0 ? "+" : "", arm.relative().estimate() * 100,
                            arm.relative().lower() * 100, arm.relative().upper() * 100, arm.adjustedPValue());
                    String chance = arm.bayesian() == null ? "" : String.format(Locale.ROOT,
                            "; chance to beat %s %.0f %%", control, arm.bayesian().chanceToBeatControl() * 100);
                    if (primary && "BETTER".equals(arm.verdict()))
                        sentences.add(arm.arm() + " beats " + control + " on " + metric.name() + ": " + change + chance + ".");
                    else if (primary && "WORSE".equals(arm.verdict()))
                        sentences.add(arm.arm() + " is worse than " + control + " on " + metric.name() + ": " + change + chance + ".");
                    else if (primary)
                        sentences.add("No significant difference between " + arm.arm() + " and " + control + " on "
                                + metric.name() + " yet: " + change + chance + mde(metric) + ".");
                    else if ("WORSE".equals(arm.verdict()))
                        sentences.add("Guardrail " + metric.name() + " got worse for " + arm.arm() + ": " + change + ".");
                }
            }
        }
        return String.join(" ", sentences);
    }

    private static String mde(ExperimentResults.MetricResult metric) {
        return metric.minimumDetectableEffect() == null ? "" : String.format(Locale.ROOT,
                "; at this sample the smallest change detectable with 80 %% power is %.1f %%",
                metric.minimumDetectableEffect() * 100);
    }
}
