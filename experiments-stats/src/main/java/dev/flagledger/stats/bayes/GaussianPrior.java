package dev.flagledger.stats.bayes;

import dev.flagledger.stats.InvalidStatsInput;

/**
 * Prior on the log of the relative effect, ln(treatment / control). {@link #FLAT} lets the data speak
 * alone; a proper prior such as N(0, 0.3^2) shrinks noisy early lifts towards zero.
 */
public record GaussianPrior(double mean, double variance) {
    public static final GaussianPrior FLAT = new GaussianPrior(0, Double.POSITIVE_INFINITY);

    public GaussianPrior {
        if (!Double.isFinite(mean)) throw new InvalidStatsInput("prior mean must be finite");
        if (!(variance > 0)) throw new InvalidStatsInput("prior variance must be > 0 (infinite for flat)");
    }

    public boolean isFlat() {
        return Double.isInfinite(variance);
    }
}
