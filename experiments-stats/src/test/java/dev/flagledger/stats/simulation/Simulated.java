package dev.flagledger.stats.simulation;

import dev.flagledger.stats.metric.Moments;
import org.hipparchus.distribution.discrete.BinomialDistribution;
import org.hipparchus.random.RandomDataGenerator;

/**
 * Draws per-arm aggregates directly instead of per-unit rows, so thousands of simulated experiments stay
 * fast: a conversion arm's aggregate is Binomial(n, p) conversions; a normal metric's is its sample mean
 * N(mu, sigma^2 / n) and, independently, (n - 1) s^2 / sigma^2 ~ chi-square(n - 1) (exact for normal data).
 */
final class Simulated {
    private final RandomDataGenerator random;
    // Simulations reuse a few (units, rate) pairs hundreds of thousands of times: keep each one's CDF (from
    // Hipparchus) as a table and sample by inversion with a binary search, instead of Hipparchus' per-draw
    // bisection over the regularized beta function. Same distribution, a fraction of the time.
    private final java.util.Map<String, double[]> cdfTables = new java.util.HashMap<>();

    Simulated(long seed) {
        this.random = new RandomDataGenerator(seed);
    }

    long conversions(int units, double rate) {
        if (units == 0) return 0;
        if (units > 100_000) return random.nextDeviate(new BinomialDistribution(units, rate));
        double[] cdf = cdfTables.computeIfAbsent(units + "@" + rate, k -> table(new BinomialDistribution(units, rate)));
        int at = java.util.Arrays.binarySearch(cdf, random.nextDouble());
        return at >= 0 ? at : Math.min(-at - 1, units);
    }

    private static double[] table(BinomialDistribution d) {
        double[] cdf = new double[d.getNumberOfTrials() + 1];
        for (int k = 0; k < cdf.length; k++) cdf[k] = d.cumulativeProbability(k);
        return cdf;
    }

    Moments conversionArm(int units, double rate) {
        return Moments.ofConversions(units, conversions(units, rate));
    }

    Moments normalArm(int units, double mean, double sd) {
        double sampleMean = random.nextNormal(mean, sd / Math.sqrt(units));
        double sampleVariance = sd * sd * random.nextGamma((units - 1) / 2.0, 2.0) / (units - 1);
        return new Moments(units, units * sampleMean, (units - 1) * sampleVariance + units * sampleMean * sampleMean);
    }

    RandomDataGenerator random() {
        return random;
    }
}
