package dev.flagledger.evaluation.model;

import java.util.List;

/**
 * A segment rule: all clauses must hold; if {@code weight} is set, only that share of the
 * matching contexts (thousandths of a percent, bucketed by {@code bucketBy} with the segment's
 * salt, or by {@code bucketing} when an import kept another platform's hash) belongs to the segment.
 */
public record SegmentRule(String id, List<Clause> clauses, Integer weight, String bucketBy, Bucketing bucketing) {
    public SegmentRule {
        Checks.requireText(id, "segment rule id");
        clauses = Checks.listOf(clauses, "segment rule clauses");
        if (weight != null && (weight < 0 || weight > Served.Rollout.TOTAL_WEIGHT)) {
            throw new InvalidConfigException("segment rule weight must be within 0.."
                    + Served.Rollout.TOTAL_WEIGHT + ": " + weight);
        }
        bucketBy = bucketBy == null ? Served.Rollout.DEFAULT_BUCKET_BY : Checks.requireText(bucketBy, "bucketBy");
        if (bucketing instanceof Bucketing.Flagd) {
            throw new InvalidConfigException("a segment rule's share cannot use flagd bucketing (flagd has no segments)");
        }
    }

    public SegmentRule(String id, List<Clause> clauses, Integer weight, String bucketBy) {
        this(id, clauses, weight, bucketBy, null);
    }
}
