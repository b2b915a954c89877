package dev.flagledger.stats.frequentist;

/** An effect estimate with its standard error, two-sided p-value and confidence interval. */
public record Effect(double estimate, double standardError, double pValue, double lower, double upper) {
    public boolean excludesZero() {
        return lower > 0 || upper < 0;
    }
}
