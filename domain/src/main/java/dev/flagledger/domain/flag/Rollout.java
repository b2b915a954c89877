package dev.flagledger.domain.flag;

import java.util.List;

/**
 * A deterministic percentage split. Weights are in thousandths of a percent and sum to 100 000.
 *
 * @param bucketBy attribute path hashed for the bucket; null means {@code targetingKey}
 * @param salt     null means the flag key
 * @param bucketing null means Flagledger's own bucketing; else an imported platform's (events
 *                  written before it existed read as null)
 */
public record Rollout(List<Weight> weights, String bucketBy, String salt, Bucketing bucketing) {
    public static final int TOTAL_WEIGHT = 100_000;

    public Rollout {
        weights = weights == null ? List.of() : List.copyOf(weights);
    }

    public Rollout(List<Weight> weights, String bucketBy, String salt) {
        this(weights, bucketBy, salt, null);
    }
}
