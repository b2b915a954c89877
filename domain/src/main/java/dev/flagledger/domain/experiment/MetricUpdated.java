package dev.flagledger.domain.experiment;

/** A metric's definition was replaced; carries the whole new definition. */
public record MetricUpdated(String metricId, String projectKey, String metricKey, MetricDefinition definition)
        implements MetricEvent {
}
