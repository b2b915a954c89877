package dev.flagledger.domain.experiment;

public record MetricDefined(String metricId, String projectKey, String metricKey, MetricDefinition definition)
        implements MetricEvent {
}
