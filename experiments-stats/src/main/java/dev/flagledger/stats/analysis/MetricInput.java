package dev.flagledger.stats.analysis;

import dev.flagledger.stats.InvalidStatsInput;
import dev.flagledger.stats.metric.Direction;
import dev.flagledger.stats.metric.Moments;
import dev.flagledger.stats.metric.PairedMoments;
import java.util.List;

/**
 * One metric's per-arm aggregates, in the experiment's arm order (control first). Capping, when the
 * metric asks for it, is already applied to the per-unit values these were summed from.
 */
public sealed interface MetricInput permits MetricInput.Mean, MetricInput.MeanWithPreExposure, MetricInput.Ratio,
        MetricInput.PeriodMean {
    String key();

    Direction direction();

    int armCount();

    /** Conversion (0/1 per unit) or the mean of a per-unit value (a count, a sum). */
    record Mean(String key, Direction direction, List<Moments> arms) implements MetricInput {
        public Mean {
            arms = validated(key, direction, arms);
        }

        public int armCount() {
            return arms.size();
        }
    }

    /** A mean metric with each unit's pre-exposure value for CUPED: x = metric, y = pre-exposure value. */
    record MeanWithPreExposure(String key, Direction direction, List<PairedMoments> arms) implements MetricInput {
        public MeanWithPreExposure {
            arms = validated(key, direction, arms);
        }

        public int armCount() {
            return arms.size();
        }
    }

    /** sum(x) / sum(y) over units: x = numerator, y = denominator per unit. */
    record Ratio(String key, Direction direction, List<PairedMoments> arms) implements MetricInput {
        public Ratio {
            arms = validated(key, direction, arms);
        }

        public int armCount() {
            return arms.size();
        }
    }

    /**
     * A mean or conversion metric with one aggregate per arm per weight period ({@code periods.get(p).get(arm)}),
     * for experiments whose weights changed (bandits, ramps): analysed with {@link
     * dev.flagledger.stats.metric.Stratified}, so drift over time is not mistaken for an effect.
     */
    record PeriodMean(String key, Direction direction, List<List<Moments>> periods) implements MetricInput {
        public PeriodMean {
            if (periods == null || periods.isEmpty()) throw new InvalidStatsInput("metric " + key + " needs a period");
            periods = periods.stream().map(p -> validated(key, direction, p)).toList();
            int arms = periods.get(0).size();
            if (periods.stream().anyMatch(p -> p.size() != arms))
                throw new InvalidStatsInput("metric " + key + " needs the same arms in every period");
        }

        public int armCount() {
            return periods.get(0).size();
        }
    }

    private static <T> List<T> validated(String key, Direction direction, List<T> arms) {
        if (key == null || key.isBlank()) throw new InvalidStatsInput("metric key is required");
        if (direction == null) throw new InvalidStatsInput("metric " + key + " needs a direction");
        if (arms == null || arms.size() < 2) throw new InvalidStatsInput("metric " + key + " needs at least two arms");
        return List.copyOf(arms);
    }
}
