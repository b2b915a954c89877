package dev.flagledger.domain.experiment;

import java.util.List;

/**
 * Why a bandit moved traffic: the phase, the reproducible seed and number of posterior draws, a one-line
 * summary and each arm's posterior and chance of being best (docs/experiments.md, bandits).
 */
public record ReweightStatistics(String phase, String metricKey, long seed, int draws, String summary,
                                 List<ArmStatistics> arms) {
    public ReweightStatistics {
        arms = arms == null ? List.of() : List.copyOf(arms);
    }

    public record ArmStatistics(String variation, long units, double posteriorMean, double posteriorSd,
                                double probabilityBest, double weight) {
    }
}
