package dev.flagledger.stats.cuped;

import dev.flagledger.stats.metric.ArmEstimate;
import java.util.List;

/**
 * CUPED-adjusted arm estimates (same order as the input), the pooled coefficient theta, and the share of
 * variance removed (the squared pooled correlation between the metric and its pre-exposure value).
 */
public record CupedAdjustment(double theta, List<ArmEstimate> adjusted, double varianceReduction) {
    public CupedAdjustment {
        adjusted = List.copyOf(adjusted);
    }
}
