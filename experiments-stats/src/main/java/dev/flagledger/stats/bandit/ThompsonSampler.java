package dev.flagledger.stats.bandit;

import dev.flagledger.stats.InvalidStatsInput;
import dev.flagledger.stats.metric.Direction;
import dev.flagledger.stats.metric.Moments;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.hipparchus.random.RandomDataGenerator;

/**
 * Thompson sampling for traffic weights: each arm's weight is the posterior probability that it is the
 * best arm, estimated from {@code draws} joint posterior draws, then floored at the minimum share:
 * w_i = m + (1 - k m) p_i. Conversions use Beta(1 + conversions, 1 + non-conversions); numeric metrics a
 * Gaussian N(mean, s^2 / n). Hipparchus samples the Beta (Cheng) and Gaussian; a seed makes every
 * decision reproducible from its event.
 */
public final class ThompsonSampler {
    private ThompsonSampler() {}

    public static BanditDecision reweight(BanditConfig config, List<? extends BanditArm> arms, long seed) {
        int k = arms.size();
        if (k < 2) throw new InvalidStatsInput("a bandit needs at least two arms");
        if (config.minimumShare() * k > 1) throw new InvalidStatsInput("minimum share times arms exceeds 1");
        if (new HashSet<>(arms.stream().map(BanditArm::key).toList()).size() != k)
            throw new InvalidStatsInput("arm keys must be unique");
        boolean sameKind = arms.stream().allMatch(a -> a instanceof BanditArm.Conversions)
                || arms.stream().allMatch(a -> a instanceof BanditArm.Numeric);
        if (!sameKind) throw new InvalidStatsInput("all arms must carry the same kind of data");

        long fewest = arms.stream().mapToLong(BanditArm::units).min().orElse(0);
        List<Posterior> posteriors = arms.stream().map(ThompsonSampler::posterior).toList();
        if (fewest < config.burnInUnitsPerArm()) {
            List<BanditDecision.ArmStatistics> stats = new ArrayList<>();
            for (int i = 0; i < k; i++)
                stats.add(posteriors.get(i).statistics(arms.get(i), Double.NaN, 1.0 / k));
            return new BanditDecision(BanditDecision.Phase.BURN_IN, stats, seed, 0,
                    "burn-in: an arm has " + fewest + " of " + config.burnInUnitsPerArm() + " units; equal weights");
        }

        RandomDataGenerator random = new RandomDataGenerator(seed);
        double sign = config.direction() == Direction.HIGHER_IS_BETTER ? 1 : -1;
        long[] wins = new long[k];
        for (int d = 0; d < config.draws(); d++) {
            int best = 0;
            double bestValue = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < k; i++) {
                double v = sign * posteriors.get(i).draw(random);
                if (v > bestValue) {
                    bestValue = v;
                    best = i;
                }
            }
            wins[best]++;
        }
        double m = config.minimumShare();
        List<BanditDecision.ArmStatistics> stats = new ArrayList<>();
        int leader = 0;
        for (int i = 0; i < k; i++) {
            double pBest = (double) wins[i] / config.draws();
            stats.add(posteriors.get(i).statistics(arms.get(i), pBest, m + (1 - k * m) * pBest));
            if (wins[i] > wins[leader]) leader = i;
        }
        return new BanditDecision(BanditDecision.Phase.THOMPSON_SAMPLING, stats, seed, config.draws(),
                String.format(java.util.Locale.ROOT, "Thompson sampling over %d draws: %s is best with probability %.3f",
                        config.draws(), arms.get(leader).key(), (double) wins[leader] / config.draws()));
    }

    private static Posterior posterior(BanditArm arm) {
        if (arm instanceof BanditArm.Conversions c)
            return new BetaPosterior(1 + c.conversions(), 1 + c.units() - c.conversions());
        return gaussian(((BanditArm.Numeric) arm).moments());
    }

    private static Posterior gaussian(Moments m) {
        if (m.n() < 2) return new GaussianPosterior(0, Double.MAX_VALUE / 4);
        return new GaussianPosterior(m.mean(), Math.sqrt(m.variance() / m.n()));
    }

    private sealed interface Posterior permits BetaPosterior, GaussianPosterior {
        double draw(RandomDataGenerator random);

        double mean();

        double sd();

        default BanditDecision.ArmStatistics statistics(BanditArm arm, double probabilityBest, double weight) {
            return new BanditDecision.ArmStatistics(arm.key(), arm.units(), mean(), sd(), probabilityBest, weight);
        }
    }

    private record BetaPosterior(double a, double b) implements Posterior {
        public double draw(RandomDataGenerator random) {
            return random.nextBeta(a, b);
        }

        public double mean() {
            return a / (a + b);
        }

        public double sd() {
            return Math.sqrt(a * b / ((a + b) * (a + b) * (a + b + 1)));
        }
    }

    private record GaussianPosterior(double mean, double sd) implements Posterior {
        public double draw(RandomDataGenerator random) {
            return random.nextNormal(mean, sd);
        }
    }
}
