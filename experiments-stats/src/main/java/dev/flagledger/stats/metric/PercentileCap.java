package dev.flagledger.stats.metric;

import dev.flagledger.stats.InvalidStatsInput;
import org.hipparchus.stat.descriptive.rank.PSquarePercentile;
import org.hipparchus.stat.descriptive.rank.Percentile;

/**
 * Capping (winsorisation) at a percentile. Capping changes each unit's value, so it cannot be applied to
 * sums after the fact: the caller first finds the cap from the per-unit values, then aggregates
 * {@code min(value, cap)}. The event pipeline keeps per-unit aggregates anyway, so {@link #exact} over
 * them is the default; {@link #streaming} (Hipparchus' P-square estimator, constant memory) serves a
 * caller that can only see the values once.
 */
public final class PercentileCap {
    private PercentileCap() {}

    /** The cap at {@code percentile} (0 < p <= 100) of the per-unit values, Hipparchus' default estimator. */
    public static double exact(double[] perUnitValues, double percentile) {
        check(percentile);
        if (perUnitValues.length == 0) throw new InvalidStatsInput("no values to cap");
        return new Percentile(percentile).evaluate(perUnitValues);
    }

    /** A one-pass estimator of the percentile: feed it with {@code increment}, read {@code getResult}. */
    public static PSquarePercentile streaming(double percentile) {
        check(percentile);
        return new PSquarePercentile(percentile);
    }

    /** Aggregates the values capped at {@code cap}; the moments then go into any estimator as usual. */
    public static Moments cappedMoments(double[] perUnitValues, double cap) {
        double s = 0, ss = 0;
        for (double v : perUnitValues) {
            double c = Math.min(v, cap);
            s += c;
            ss += c * c;
        }
        return new Moments(perUnitValues.length, s, ss);
    }

    private static void check(double percentile) {
        if (!(percentile > 0 && percentile <= 100))
            throw new InvalidStatsInput("percentile must be in (0, 100]: " + percentile);
    }
}
