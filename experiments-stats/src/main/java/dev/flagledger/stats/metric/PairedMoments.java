package dev.flagledger.stats.metric;

import dev.flagledger.stats.InsufficientData;
import dev.flagledger.stats.InvalidStatsInput;

/**
 * Per-arm aggregate of two per-unit values x and y and their cross-product: what a ratio metric
 * (x = numerator, y = denominator) and CUPED (x = metric, y = the unit's pre-exposure value) need.
 */
public record PairedMoments(long n, double sumX, double sumXX, double sumY, double sumYY, double sumXY) {

    public PairedMoments {
        if (n < 0) throw new InvalidStatsInput("unit count must be >= 0: " + n);
        for (double v : new double[] {sumX, sumXX, sumY, sumYY, sumXY})
            if (!Double.isFinite(v)) throw new InvalidStatsInput("sums must be finite");
        if (sumXX < 0 || sumYY < 0) throw new InvalidStatsInput("sums of squares must be >= 0");
    }

    public static final PairedMoments EMPTY = new PairedMoments(0, 0, 0, 0, 0, 0);

    public static PairedMoments of(double[] x, double[] y) {
        if (x.length != y.length) throw new InvalidStatsInput("x and y must have one value per unit each");
        PairedMoments m = EMPTY;
        for (int i = 0; i < x.length; i++) m = m.plusUnit(x[i], y[i]);
        return m;
    }

    public PairedMoments plusUnit(double x, double y) {
        return new PairedMoments(n + 1, sumX + x, sumXX + x * x, sumY + y, sumYY + y * y, sumXY + x * y);
    }

    public PairedMoments plus(PairedMoments o) {
        return new PairedMoments(n + o.n, sumX + o.sumX, sumXX + o.sumXX, sumY + o.sumY, sumYY + o.sumYY,
                sumXY + o.sumXY);
    }

    public Moments x() {
        return new Moments(n, sumX, sumXX);
    }

    public Moments y() {
        return new Moments(n, sumY, sumYY);
    }

    /** Sample covariance of x and y (n - 1 denominator). */
    public double covariance() {
        if (n < 2) throw new InsufficientData("covariance needs at least two units, got " + n);
        return (sumXY - sumX * sumY / n) / (n - 1);
    }
}
