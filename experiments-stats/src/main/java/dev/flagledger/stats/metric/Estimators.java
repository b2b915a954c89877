package dev.flagledger.stats.metric;

import dev.flagledger.stats.InsufficientData;

/** Turns per-arm aggregates into {@link ArmEstimate}s for each metric kind. */
public final class Estimators {
    private Estimators() {}

    /** Conversion rate or mean per unit: mean and s^2 / n. */
    public static ArmEstimate mean(Moments m) {
        return new ArmEstimate(m.n(), m.mean(), m.variance() / m.n());
    }

    /**
     * Ratio metric sum(x) / sum(y) over units (for example revenue per order with units as the
     * randomisation unit). Its variance comes from the delta method, because x and y are correlated
     * within a unit: Var(R) ~ (s_x^2 - 2 R s_xy + R^2 s_y^2) / (n mean_y^2).
     */
    public static ArmEstimate ratio(PairedMoments m) {
        if (m.n() < 2) throw new InsufficientData("ratio needs at least two units, got " + m.n());
        double meanX = m.sumX() / m.n(), meanY = m.sumY() / m.n();
        if (meanY == 0) throw new InsufficientData("ratio denominator sums to zero");
        double r = meanX / meanY;
        double v = (m.x().variance() - 2 * r * m.covariance() + r * r * m.y().variance()) / (m.n() * meanY * meanY);
        return new ArmEstimate(m.n(), r, Math.max(0, v));
    }
}
