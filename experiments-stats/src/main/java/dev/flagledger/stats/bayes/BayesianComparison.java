package dev.flagledger.stats.bayes;

import dev.flagledger.stats.InsufficientData;
import dev.flagledger.stats.InvalidStatsInput;
import dev.flagledger.stats.metric.ArmEstimate;
import dev.flagledger.stats.metric.Direction;
import org.hipparchus.distribution.continuous.NormalDistribution;

/**
 * Bayesian comparison with a Gaussian approximation on the log scale: theta = ln(mean_t / mean_c) has
 * likelihood N(ln mt - ln mc, vt / mt^2 + vc / mc^2) (delta method), combined with a conjugate Gaussian
 * prior. Working on the log scale keeps the relative effect above -100 % and makes the posterior symmetric
 * for "2x" and "0.5x".
 */
public final class BayesianComparison {
    private static final NormalDistribution STANDARD = new NormalDistribution(0, 1);

    private BayesianComparison() {}

    public static BayesianResult compare(ArmEstimate control, ArmEstimate treatment, GaussianPrior prior,
                                         Direction direction, double credibleLevel) {
        if (!(credibleLevel > 0 && credibleLevel < 1))
            throw new InvalidStatsInput("credible level must be in (0, 1): " + credibleLevel);
        double mc = control.mean(), mt = treatment.mean();
        if (!(mc > 0 && mt > 0)) throw new InsufficientData("log-scale posterior needs positive means in both arms");
        double dataMean = Math.log(mt) - Math.log(mc);
        double dataVar = treatment.varianceOfMean() / (mt * mt) + control.varianceOfMean() / (mc * mc);
        if (dataVar == 0) throw new InsufficientData("neither arm varies");

        double precision = 1 / dataVar + (prior.isFlat() ? 0 : 1 / prior.variance());
        double postVar = 1 / precision;
        double postMean = postVar * (dataMean / dataVar + (prior.isFlat() ? 0 : prior.mean() / prior.variance()));
        double sd = Math.sqrt(postVar);

        // Chance that the treatment is better, in the metric's own direction.
        double chance = STANDARD.cumulativeProbability(direction.sign() * postMean / sd);

        // Lognormal partial expectations: E[max(0, e^theta - 1)] and E[max(0, 1 - e^theta)].
        double meanOfExp = Math.exp(postMean + postVar / 2);
        double upside = meanOfExp * STANDARD.cumulativeProbability((postMean + postVar) / sd)
                - STANDARD.cumulativeProbability(postMean / sd);
        double downside = STANDARD.cumulativeProbability(-postMean / sd)
                - meanOfExp * STANDARD.cumulativeProbability(-(postMean + postVar) / sd);
        upside = Math.max(0, upside);
        downside = Math.max(0, downside);
        double lossTreatment = direction == Direction.HIGHER_IS_BETTER ? downside : upside;
        double lossControl = direction == Direction.HIGHER_IS_BETTER ? upside : downside;

        double z = STANDARD.inverseCumulativeProbability(1 - (1 - credibleLevel) / 2);
        return new BayesianResult(postMean, sd, chance, lossTreatment, lossControl,
                Math.exp(postMean - z * sd) - 1, Math.exp(postMean + z * sd) - 1, credibleLevel);
    }
}
