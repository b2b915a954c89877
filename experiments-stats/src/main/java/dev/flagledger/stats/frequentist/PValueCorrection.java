package dev.flagledger.stats.frequentist;

import dev.flagledger.stats.InvalidStatsInput;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Multiple-comparison correction across every (treatment arm, metric) pair of an experiment. Returns
 * adjusted p-values in the input order, so "significant" is simply {@code adjusted < alpha}.
 */
public enum PValueCorrection {
    /** No correction: each comparison at its own alpha. */
    NONE,
    /** Holm's step-down method: controls the family-wise error rate, uniformly better than Bonferroni. */
    HOLM,
    /** Benjamini–Hochberg step-up: controls the false discovery rate; more power with many metrics. */
    BENJAMINI_HOCHBERG;

    public double[] adjust(double[] pValues) {
        for (double p : pValues)
            if (!(p >= 0 && p <= 1)) throw new InvalidStatsInput("p-values must be in [0, 1]: " + p);
        int m = pValues.length;
        double[] adjusted = new double[m];
        if (this == NONE || m == 0) return pValues.clone();
        Integer[] order = IntStream.range(0, m).boxed().sorted(Comparator.comparingDouble(i -> pValues[i]))
                .toArray(Integer[]::new);
        if (this == HOLM) {
            // p_(k) * (m - k + 1), made monotone from the smallest upwards.
            double running = 0;
            for (int k = 0; k < m; k++) {
                running = Math.max(running, Math.min(1, (m - k) * pValues[order[k]]));
                adjusted[order[k]] = running;
            }
        } else {
            // p_(k) * m / k, made monotone from the largest downwards.
            double running = 1;
            for (int k = m - 1; k >= 0; k--) {
                running = Math.min(running, pValues[order[k]] * m / (k + 1));
                adjusted[order[k]] = running;
            }
        }
        return adjusted;
    }

    /** Convenience for tests and callers holding boxed values. */
    public double[] adjust(Double... pValues) {
        return adjust(Arrays.stream(pValues).mapToDouble(Double::doubleValue).toArray());
    }
}
