package dev.flagledger.stats.frequentist;

import dev.flagledger.stats.InsufficientData;
import dev.flagledger.stats.InvalidStatsInput;
import dev.flagledger.stats.metric.ArmEstimate;
import org.hipparchus.distribution.continuous.TDistribution;

/**
 * Welch's unequal-variance t-test, two-sided. Works on {@link ArmEstimate}s, so the same test serves
 * means, conversion rates, delta-method ratios and CUPED-adjusted means.
 */
public final class WelchTest {
    private WelchTest() {}

    public static WelchResult compare(ArmEstimate control, ArmEstimate treatment, double alpha) {
        checkAlpha(alpha);
        if (control.n() < 2 || treatment.n() < 2)
            throw new InsufficientData("each arm needs at least two units");
        double vc = control.varianceOfMean(), vt = treatment.varianceOfMean();
        if (vc + vt == 0) throw new InsufficientData("neither arm varies");
        double df = welchSatterthwaite(control, treatment);
        TDistribution t = new TDistribution(df);
        double critical = t.inverseCumulativeProbability(1 - alpha / 2);

        Effect absolute = effect(treatment.mean() - control.mean(), Math.sqrt(vc + vt), t, critical);

        // Delta method for g(mc, mt) = mt / mc - 1: Var ~ vt / mc^2 + mt^2 vc / mc^4.
        double mc = control.mean(), mt = treatment.mean();
        if (mc == 0) throw new InsufficientData("relative effect needs a non-zero control mean");
        double relVar = vt / (mc * mc) + mt * mt * vc / (mc * mc * mc * mc);
        Effect relative = effect(mt / mc - 1, Math.sqrt(relVar), t, critical);
        return new WelchResult(absolute, relative, df, alpha);
    }

    /**
     * Only the two-sided p-value of the absolute effect: what a monitor that looks often needs, without
     * the quantile inversion behind the confidence interval.
     */
    public static double absolutePValue(ArmEstimate control, ArmEstimate treatment) {
        if (control.n() < 2 || treatment.n() < 2)
            throw new InsufficientData("each arm needs at least two units");
        double se = Math.sqrt(control.varianceOfMean() + treatment.varianceOfMean());
        if (se == 0) throw new InsufficientData("neither arm varies");
        double t = (treatment.mean() - control.mean()) / se;
        return Math.min(1, 2 * new TDistribution(welchSatterthwaite(control, treatment)).cumulativeProbability(-Math.abs(t)));
    }

    /** Welch–Satterthwaite: (v1 + v2)^2 / (v1^2 / (n1 - 1) + v2^2 / (n2 - 1)), v = variance of a mean. */
    public static double welchSatterthwaite(ArmEstimate a, ArmEstimate b) {
        double va = a.varianceOfMean(), vb = b.varianceOfMean();
        double denominator = va * va / (a.n() - 1) + vb * vb / (b.n() - 1);
        return (va + vb) * (va + vb) / denominator;
    }

    private static Effect effect(double estimate, double se, TDistribution t, double critical) {
        if (se == 0) throw new InsufficientData("zero standard error");
        // 2 * P(T <= -|t|) keeps precision for tiny p-values, where 1 - cdf would round to 0.
        double p = Math.min(1, 2 * t.cumulativeProbability(-Math.abs(estimate / se)));
        return new Effect(estimate, se, p, estimate - critical * se, estimate + critical * se);
    }

    static void checkAlpha(double alpha) {
        if (!(alpha > 0 && alpha < 1)) throw new InvalidStatsInput("alpha must be in (0, 1): " + alpha);
    }
}
