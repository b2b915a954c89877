package dev.flagledger.evaluation.model;

/**
 * Buckets {@code from} (inclusive) to {@code to} (exclusive) of 0..99 999: part of what one variant of a
 * rollout owns when the rollout lists its buckets explicitly (sticky re-weighting, docs/evaluation.md).
 */
public record BucketRange(int from, int to) {
    public BucketRange {
        if (from < 0 || to > Served.Rollout.TOTAL_WEIGHT || from >= to) {
            throw new InvalidConfigException("a bucket range must satisfy 0 <= from < to <= "
                    + Served.Rollout.TOTAL_WEIGHT + ": [" + from + ", " + to + ")");
        }
    }

    public int length() {
        return to - from;
    }
}
