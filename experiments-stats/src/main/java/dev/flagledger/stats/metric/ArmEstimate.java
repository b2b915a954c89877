package dev.flagledger.stats.metric;

import dev.flagledger.stats.InvalidStatsInput;

/**
 * One arm's estimate of a metric: the units it rests on, the point estimate and the variance of that
 * estimate (not of a unit's value). Every test in this module works from these three numbers.
 */
public record ArmEstimate(long n, double mean, double varianceOfMean) {
    public ArmEstimate {
        if (n < 0) throw new InvalidStatsInput("unit count must be >= 0: " + n);
        if (!Double.isFinite(mean) || !Double.isFinite(varianceOfMean) || varianceOfMean < 0)
            throw new InvalidStatsInput("estimate and variance must be finite, variance >= 0");
    }

    public double standardError() {
        return Math.sqrt(varianceOfMean);
    }
}
