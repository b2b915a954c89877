package dev.flagledger.domain.experiment;

/**
 * What a metric measures. Plain data (events store it as it is); {@link MetricCheck} validates it.
 *
 * @param eventName        the tracked event (custom event name) it reads; for RATIO the numerator
 * @param denominatorEvent RATIO only: the denominator's event
 * @param windowHours      only events within this many hours after the unit's first exposure count; null: no end
 * @param capPercentile    winsorise per-unit values at this percentile (e.g. 99.0) of all units; null: no capping
 */
public record MetricDefinition(String name, String description, MetricKind kind, MetricSource source,
                               String eventName, String denominatorEvent, Integer windowHours,
                               MetricDirection direction, Double capPercentile) {
}
