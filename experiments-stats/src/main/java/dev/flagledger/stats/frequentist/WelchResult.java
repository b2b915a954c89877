package dev.flagledger.stats.frequentist;

/**
 * Welch's t-test of treatment against control: the absolute effect (difference of means), the relative
 * effect (treatment / control - 1, delta method) and the Welch–Satterthwaite degrees of freedom both use.
 */
public record WelchResult(Effect absolute, Effect relative, double degreesOfFreedom, double alpha) {}
