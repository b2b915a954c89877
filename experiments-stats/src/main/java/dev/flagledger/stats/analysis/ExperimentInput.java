package dev.flagledger.stats.analysis;

import dev.flagledger.stats.InvalidStatsInput;
import java.util.HashSet;
import java.util.List;

/**
 * Everything one analysis needs: arm keys (control first), the configured traffic weights, units exposed
 * per arm (for the SRM check), and each metric's per-arm aggregates.
 */
public record ExperimentInput(List<String> armKeys, List<Double> weights, List<Long> exposedUnits,
                              List<MetricInput> metrics) {
    public ExperimentInput {
        if (armKeys == null || armKeys.size() < 2) throw new InvalidStatsInput("an experiment needs at least two arms");
        if (new HashSet<>(armKeys).size() != armKeys.size()) throw new InvalidStatsInput("arm keys must be unique");
        if (weights == null || weights.size() != armKeys.size()) throw new InvalidStatsInput("one weight per arm");
        if (exposedUnits == null || exposedUnits.size() != armKeys.size())
            throw new InvalidStatsInput("one exposed-unit count per arm");
        if (metrics == null) throw new InvalidStatsInput("metrics are required (may be empty)");
        for (MetricInput m : metrics)
            if (m.armCount() != armKeys.size())
                throw new InvalidStatsInput("metric " + m.key() + " has " + m.armCount() + " arms, expected " + armKeys.size());
        armKeys = List.copyOf(armKeys);
        weights = List.copyOf(weights);
        exposedUnits = List.copyOf(exposedUnits);
        metrics = List.copyOf(metrics);
    }
}
