package dev.flagledger.stats.bandit;

import java.util.List;

/**
 * The weights a bandit chose and everything behind them, so a re-weighting command and its event can
 * carry the full reason: the phase, the seed and number of draws (reproducible), and each arm's
 * posterior and probability of being best.
 */
public record BanditDecision(Phase phase, List<ArmStatistics> arms, long seed, int draws, String reason) {
    public BanditDecision {
        arms = List.copyOf(arms);
    }

    public enum Phase { BURN_IN, THOMPSON_SAMPLING }

    /**
     * One arm: its units, posterior mean and standard deviation of the metric, the share of draws in
     * which it was best, and the weight it now gets.
     */
    public record ArmStatistics(String key, long units, double posteriorMean, double posteriorSd,
                                double probabilityBest, double weight) {}

    public double[] weights() {
        return arms.stream().mapToDouble(ArmStatistics::weight).toArray();
    }
}
