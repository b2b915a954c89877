package dev.flagledger.projections.stale;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A stale flag with the evidence for it.
 *
 * @param expectedLifetimeDays    its kind's lifetime; null for kinds meant to stay
 * @param servedVariation         the variation everyone gets everywhere, when that is so
 * @param servingOneVariationSince since when it has served only that variation everywhere
 * @param lastEvaluatedAt         the newest exposure any SDK reported, or null for none
 * @param recentExposures         exposures in the report's window, per environment and variation
 */
public record StaleFlag(String key, String name, String kind, Integer expectedLifetimeDays, List<StaleReason> reasons,
                        String servedVariation, OffsetDateTime servingOneVariationSince, List<Environment> environments,
                        OffsetDateTime lastEvaluatedAt, List<ExposureCounts.Count> recentExposures,
                        OffsetDateTime lastChangedAt, OffsetDateTime createdAt) {

    /** One environment: on or off, and the variation everyone there gets (null when contexts get different ones). */
    public record Environment(String key, boolean enabled, String servedVariation) {
    }
}
