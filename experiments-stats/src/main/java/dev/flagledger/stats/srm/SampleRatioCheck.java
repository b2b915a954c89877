package dev.flagledger.stats.srm;

import dev.flagledger.stats.InvalidStatsInput;
import java.util.ArrayList;
import java.util.List;
import org.hipparchus.special.Gamma;
import org.hipparchus.stat.inference.ChiSquareTest;

/** Pearson's chi-square goodness-of-fit test of units per arm against configured weights (Hipparchus). */
public final class SampleRatioCheck {
    /** The conventional SRM threshold: strict, because with many units even tiny skews are real bugs. */
    public static final double DEFAULT_THRESHOLD = 0.001;

    private SampleRatioCheck() {}

    public static SrmResult check(long[] observed, double[] weights) {
        return check(observed, weights, DEFAULT_THRESHOLD);
    }

    public static SrmResult check(long[] observed, double[] weights, double threshold) {
        if (observed.length != weights.length || observed.length < 2)
            throw new InvalidStatsInput("need one weight per arm and at least two arms");
        long total = 0;
        double weightSum = 0;
        for (int i = 0; i < observed.length; i++) {
            if (observed[i] < 0) throw new InvalidStatsInput("observed units must be >= 0");
            if (!(weights[i] > 0) || !Double.isFinite(weights[i]))
                throw new InvalidStatsInput("weights must be positive and finite: " + weights[i]);
            total += observed[i];
            weightSum += weights[i];
        }
        if (total == 0) throw new InvalidStatsInput("no units observed");
        double[] expected = new double[weights.length];
        List<Double> expectedList = new ArrayList<>();
        List<Long> observedList = new ArrayList<>();
        for (int i = 0; i < weights.length; i++) {
            expected[i] = total * weights[i] / weightSum;
            expectedList.add(expected[i]);
            observedList.add(observed[i]);
        }
        double statistic = new ChiSquareTest().chiSquare(expected, observed);
        // Upper tail directly (Q(k/2, x/2)): 1 - cdf, as ChiSquareTest.chiSquareTest does, rounds a clear
        // mismatch's p-value to 0, and the p-value is shown to people.
        double p = Gamma.regularizedGammaQ((observed.length - 1) / 2.0, statistic / 2);
        return new SrmResult(observedList, expectedList, statistic, observed.length - 1, p, threshold, p < threshold);
    }
}
