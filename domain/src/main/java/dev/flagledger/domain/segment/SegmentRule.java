package dev.flagledger.domain.segment;

import dev.flagledger.domain.flag.Bucketing;
import dev.flagledger.domain.flag.Clause;

import java.util.List;

/**
 * A membership rule: all clauses hold; with a {@code weight} (0..100 000, thousandths of a percent)
 * only that share of matching contexts, bucketed by {@code bucketBy} (null: the targeting key) and,
 * for imported shares, {@code bucketing} (Unleash's gradual-rollout hash).
 */
public record SegmentRule(String id, List<Clause> clauses, Integer weight, String bucketBy, Bucketing bucketing) {
    public SegmentRule {
        clauses = clauses == null ? List.of() : List.copyOf(clauses);
    }

    public SegmentRule(String id, List<Clause> clauses, Integer weight, String bucketBy) {
        this(id, clauses, weight, bucketBy, null);
    }
}
