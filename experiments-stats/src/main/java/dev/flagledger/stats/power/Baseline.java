package dev.flagledger.stats.power;

import dev.flagledger.stats.InvalidStatsInput;

/**
 * What the power calculator knows about the control arm: its mean and per-unit variance. For a
 * proportion the treatment's variance follows from its rate, p (1 - p); for other metrics the
 * treatment is assumed to have the control's variance.
 */
public record Baseline(double mean, double unitVariance, boolean proportion) {
    public Baseline {
        if (!Double.isFinite(mean) || mean == 0) throw new InvalidStatsInput("baseline mean must be finite and non-zero");
        if (!(unitVariance > 0) || !Double.isFinite(unitVariance))
            throw new InvalidStatsInput("baseline variance must be positive and finite");
        if (proportion && !(mean > 0 && mean < 1)) throw new InvalidStatsInput("a rate must be in (0, 1): " + mean);
    }

    public static Baseline conversion(double rate) {
        if (!(rate > 0 && rate < 1)) throw new InvalidStatsInput("a rate must be in (0, 1): " + rate);
        return new Baseline(rate, rate * (1 - rate), true);
    }

    public static Baseline mean(double mean, double unitVariance) {
        return new Baseline(mean, unitVariance, false);
    }

    double treatmentVariance(double relativeEffect) {
        if (!proportion) return unitVariance;
        double p = mean * (1 + relativeEffect);
        return p * (1 - p);
    }
}
