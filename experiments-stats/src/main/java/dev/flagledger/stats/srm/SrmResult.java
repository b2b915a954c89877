package dev.flagledger.stats.srm;

import java.util.List;

/**
 * Sample-ratio-mismatch check: observed units per arm against the configured weights. When
 * {@code untrustworthy}, assignment or logging is broken and no other statistic should be trusted.
 */
public record SrmResult(List<Long> observed, List<Double> expected, double chiSquare, int degreesOfFreedom,
                        double pValue, double threshold, boolean untrustworthy) {
    public SrmResult {
        observed = List.copyOf(observed);
        expected = List.copyOf(expected);
    }
}
