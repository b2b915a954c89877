package dev.flagledger.stats.analysis;

import dev.flagledger.stats.InvalidStatsInput;
import dev.flagledger.stats.bayes.GaussianPrior;
import dev.flagledger.stats.frequentist.PValueCorrection;
import dev.flagledger.stats.sequential.ConfidenceSequence;
import dev.flagledger.stats.srm.SampleRatioCheck;

/** The choices an experiment makes once: significance level, correction, prior and tuning. */
public record AnalysisSettings(double alpha, PValueCorrection correction, GaussianPrior prior, double credibleLevel,
                               double sequentialTuningSample, double srmThreshold) {
    public AnalysisSettings {
        if (!(alpha > 0 && alpha < 1)) throw new InvalidStatsInput("alpha must be in (0, 1)");
        if (correction == null || prior == null) throw new InvalidStatsInput("correction and prior are required");
        if (!(credibleLevel > 0 && credibleLevel < 1)) throw new InvalidStatsInput("credible level must be in (0, 1)");
        if (!(sequentialTuningSample >= 1)) throw new InvalidStatsInput("sequential tuning sample must be >= 1");
        if (!(srmThreshold > 0 && srmThreshold < 1)) throw new InvalidStatsInput("SRM threshold must be in (0, 1)");
    }

    /** alpha 0.05, Holm, flat prior, 95 % credible intervals, N* = 5000, SRM at p < 0.001. */
    public static AnalysisSettings defaults() {
        return new AnalysisSettings(0.05, PValueCorrection.HOLM, GaussianPrior.FLAT, 0.95,
                ConfidenceSequence.DEFAULT_TUNING_SAMPLE, SampleRatioCheck.DEFAULT_THRESHOLD);
    }
}
