package dev.flagledger.domain.flag;

import java.util.List;

/**
 * One slice of a rollout: a variation and its share in thousandths of a percent (12.5 % is 12 500).
 *
 * @param ranges null: the variation owns the next {@code weight} buckets in the rollout's order; else
 *               exactly these buckets (a sticky re-weighting, {@link BucketLayout}). Events written
 *               before ranges existed read as null, which is what they served.
 */
public record Weight(String variation, int weight, List<BucketRange> ranges) {
    public Weight {
        ranges = ranges == null ? null : List.copyOf(ranges);
    }

    public Weight(String variation, int weight) {
        this(variation, weight, null);
    }
}
