package dev.flagledger.stats.metric;

import dev.flagledger.stats.InsufficientData;
import dev.flagledger.stats.InvalidStatsInput;

/**
 * Per-arm aggregate of one per-unit value: number of units, sum and sum of squares. A conversion metric
 * is the special case of 0/1 values, where the sum of squares equals the sum. Moments add, so an
 * incrementally kept aggregate (per hour, per partition) is merged with {@link #plus}.
 */
public record Moments(long n, double sum, double sumSquares) {

    public Moments {
        if (n < 0) throw new InvalidStatsInput("unit count must be >= 0: " + n);
        if (!Double.isFinite(sum) || !Double.isFinite(sumSquares))
            throw new InvalidStatsInput("sums must be finite");
        if (sumSquares < 0) throw new InvalidStatsInput("sum of squares must be >= 0: " + sumSquares);
    }

    public static final Moments EMPTY = new Moments(0, 0, 0);

    /** Conversions out of units: each unit contributes 1 (converted) or 0. */
    public static Moments ofConversions(long units, long conversions) {
        if (conversions < 0 || conversions > units)
            throw new InvalidStatsInput("conversions must be in [0, units]: " + conversions + " of " + units);
        return new Moments(units, conversions, conversions);
    }

    public static Moments of(double... values) {
        double s = 0, ss = 0;
        for (double v : values) {
            s += v;
            ss += v * v;
        }
        return new Moments(values.length, s, ss);
    }

    public Moments plus(Moments other) {
        return new Moments(n + other.n, sum + other.sum, sumSquares + other.sumSquares);
    }

    public Moments plusValue(double value) {
        return new Moments(n + 1, sum + value, sumSquares + value * value);
    }

    public double mean() {
        if (n < 1) throw new InsufficientData("mean of no units");
        return sum / n;
    }

    /** Sample variance (n - 1 denominator), floored at 0 against rounding. */
    public double variance() {
        if (n < 2) throw new InsufficientData("variance needs at least two units, got " + n);
        return Math.max(0, (sumSquares - sum * sum / n) / (n - 1));
    }
}
