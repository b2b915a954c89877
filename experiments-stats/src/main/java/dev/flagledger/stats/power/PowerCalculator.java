package dev.flagledger.stats.power;

import dev.flagledger.stats.InvalidStatsInput;
import org.hipparchus.analysis.solvers.BrentSolver;
import org.hipparchus.distribution.continuous.NormalDistribution;

/**
 * Power of the two-sided test of a relative effect, the minimum detectable effect at a given sample and
 * the sample needed for a given effect. Normal approximation (as GrowthBook's frequentist power):
 * with d = mean * effect and se = sqrt(var_c / n_c + var_t / n_t),
 * power = Phi(|d| / se - z) + Phi(-|d| / se - z), z = Phi^-1(1 - alpha / 2).
 * The inverses are found with Hipparchus' Brent solver, since power is monotone in n and in the effect.
 */
public final class PowerCalculator {
    private static final NormalDistribution STANDARD = new NormalDistribution(0, 1);
    private static final int MAX_EVALUATIONS = 500;

    private final double alpha;
    private final double z;

    public PowerCalculator(double alpha) {
        if (!(alpha > 0 && alpha < 1)) throw new InvalidStatsInput("alpha must be in (0, 1): " + alpha);
        this.alpha = alpha;
        this.z = STANDARD.inverseCumulativeProbability(1 - alpha / 2);
    }

    public double alpha() {
        return alpha;
    }

    /** Probability that the test finds a true relative effect with these units per arm. */
    public double power(Baseline baseline, double relativeEffect, double controlUnits, double treatmentUnits) {
        if (!(controlUnits > 0 && treatmentUnits > 0)) throw new InvalidStatsInput("units per arm must be > 0");
        if (baseline.proportion() && !(baseline.mean() * (1 + relativeEffect) > 0 && baseline.mean() * (1 + relativeEffect) < 1))
            throw new InvalidStatsInput("the treatment rate must stay in (0, 1)");
        double se = Math.sqrt(baseline.unitVariance() / controlUnits
                + baseline.treatmentVariance(relativeEffect) / treatmentUnits);
        double shift = Math.abs(baseline.mean() * relativeEffect) / se;
        return STANDARD.cumulativeProbability(shift - z) + STANDARD.cumulativeProbability(-shift - z);
    }

    /** Smallest positive relative effect detected with {@code targetPower} at the current units per arm. */
    public double minimumDetectableEffect(Baseline baseline, long controlUnits, long treatmentUnits, double targetPower) {
        checkPower(targetPower);
        double upper = baseline.proportion() ? (1 / baseline.mean() - 1) * (1 - 1e-9) : 1;
        if (!baseline.proportion())
            while (power(baseline, upper, controlUnits, treatmentUnits) < targetPower) upper *= 2;
        else if (power(baseline, upper, controlUnits, treatmentUnits) < targetPower)
            throw new InvalidStatsInput("no achievable effect reaches that power with this sample");
        return new BrentSolver(1e-12).solve(MAX_EVALUATIONS,
                e -> power(baseline, e, controlUnits, treatmentUnits) - targetPower, 1e-12, upper);
    }

    /** Units per arm (equal split) needed to detect {@code relativeEffect} with {@code targetPower}. */
    public long sampleSizePerArm(Baseline baseline, double relativeEffect, double targetPower) {
        checkPower(targetPower);
        if (relativeEffect == 0) throw new InvalidStatsInput("a zero effect cannot be detected");
        if (power(baseline, relativeEffect, 2, 2) >= targetPower) return 2;
        double upper = 4;
        while (power(baseline, relativeEffect, upper, upper) < targetPower) {
            upper *= 2;
            if (upper > 1e15) throw new InvalidStatsInput("effect too small to detect with any sample");
        }
        double n = new BrentSolver(1e-6).solve(MAX_EVALUATIONS,
                u -> power(baseline, relativeEffect, u, u) - targetPower, 2, upper);
        return (long) Math.ceil(n);
    }

    private static void checkPower(double p) {
        if (!(p > 0 && p < 1)) throw new InvalidStatsInput("power must be in (0, 1): " + p);
    }
}
