package dev.flagledger.stats.bayes;

/**
 * Posterior of the relative effect. {@code logMean}/{@code logSd} describe the Gaussian posterior of
 * ln(treatment / control); the interval is on the relative scale (treatment / control - 1).
 * Expected losses are in units of the control mean (0.01 = one percent of control), each the expected
 * shortfall if that arm is shipped and the other was in fact better, with the metric's direction applied.
 */
public record BayesianResult(double logMean, double logSd, double chanceToBeatControl,
                             double expectedLossTreatment, double expectedLossControl,
                             double credibleLower, double credibleUpper, double credibleLevel) {

    /** Posterior mean of the relative effect, E[exp(theta)] - 1. */
    public double relativeEffect() {
        return Math.exp(logMean + logSd * logSd / 2) - 1;
    }
}
