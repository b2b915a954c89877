package dev.flagledger.evaluation.model;

import java.util.List;

/**
 * One slice of a rollout: a variant and its weight in thousandths of a percent (0..100 000), so
 * 12.345 % is written as 12 345.
 *
 * @param ranges null: the variant owns the next {@code weight} buckets in the rollout's order (the
 *               cumulative walk); else exactly these buckets, whose lengths add up to {@code weight}
 *               (a rollout re-weighted stickily, docs/evaluation.md "Bucket ranges")
 */
public record WeightedVariant(String variant, int weight, List<BucketRange> ranges) {
    public WeightedVariant {
        Checks.requireText(variant, "rollout variant");
        if (weight < 0 || weight > Served.Rollout.TOTAL_WEIGHT) {
            throw new InvalidConfigException("weight of '" + variant + "' must be within 0.."
                    + Served.Rollout.TOTAL_WEIGHT + ": " + weight);
        }
        if (ranges != null) {
            ranges = Checks.listOf(ranges, "bucket ranges of '" + variant + "'");
            long owned = ranges.stream().mapToLong(BucketRange::length).sum();
            if (owned != weight) {
                throw new InvalidConfigException("the bucket ranges of '" + variant + "' cover " + owned
                        + " buckets, but its weight is " + weight);
            }
        }
    }

    public WeightedVariant(String variant, int weight) {
        this(variant, weight, null);
    }
}
