package dev.flagledger.stats.sequential;

import dev.flagledger.stats.InsufficientData;
import dev.flagledger.stats.InvalidStatsInput;
import dev.flagledger.stats.metric.ArmEstimate;

/**
 * Always-valid (asymptotic) confidence sequences for the absolute and relative effect: the normal-mixture
 * boundary of Waudby-Smith et al., "Time-uniform central limit theory and asymptotic confidence sequences"
 * (2023), in the form GrowthBook uses. With N the units in both arms and s^2 = N * Var(estimate),
 * <pre>
 *   half-width = s * sqrt( 2 (N rho^2 + 1) / (N^2 rho^2) * ln( sqrt(N rho^2 + 1) / alpha ) )
 *   rho^2      = ( -2 ln alpha + ln(-2 ln alpha + 1) ) / N*
 * </pre>
 * N* (the tuning sample size) is where the sequence is tightest; the intervals hold simultaneously for
 * every N with probability 1 - alpha, so results may be looked at any number of times.
 */
public final class ConfidenceSequence {
    /** GrowthBook's default tuning parameter. */
    public static final double DEFAULT_TUNING_SAMPLE = 5000;

    private final double alpha;
    private final double rhoSquared;

    public ConfidenceSequence(double alpha, double tuningSample) {
        if (!(alpha > 0 && alpha < 1)) throw new InvalidStatsInput("alpha must be in (0, 1): " + alpha);
        if (!(tuningSample >= 1)) throw new InvalidStatsInput("tuning sample must be >= 1: " + tuningSample);
        this.alpha = alpha;
        double l = -2 * Math.log(alpha);
        this.rhoSquared = (l + Math.log(l + 1)) / tuningSample;
    }

    public SequentialResult compare(ArmEstimate control, ArmEstimate treatment) {
        long n = control.n() + treatment.n();
        if (control.n() < 2 || treatment.n() < 2) throw new InsufficientData("each arm needs at least two units");
        double mc = control.mean(), mt = treatment.mean();
        double vc = control.varianceOfMean(), vt = treatment.varianceOfMean();
        Interval absolute = interval(mt - mc, vc + vt, n);
        if (mc == 0) throw new InsufficientData("relative effect needs a non-zero control mean");
        double relVar = vt / (mc * mc) + mt * mt * vc / (mc * mc * mc * mc);
        Interval relative = interval(mt / mc - 1, relVar, n);
        return new SequentialResult(absolute, relative, alpha);
    }

    /** Half-width of the sequence at total sample {@code n} for an estimate with variance {@code var}. */
    public double halfWidth(double varianceOfEstimate, long n) {
        double s2 = varianceOfEstimate * n;
        double nr = n * rhoSquared;
        return Math.sqrt(s2) * Math.sqrt(2 * (nr + 1) / ((double) n * n * rhoSquared) * Math.log(Math.sqrt(nr + 1) / alpha));
    }

    private Interval interval(double estimate, double variance, long n) {
        double h = halfWidth(variance, n);
        return new Interval(estimate, estimate - h, estimate + h);
    }

    /** An effect estimate and its always-valid interval. */
    public record Interval(double estimate, double lower, double upper) {
        public boolean excludesZero() {
            return lower > 0 || upper < 0;
        }
    }
}
