package dev.flagledger.domain.experiment;

/** What an experiment's commands may know of a metric. */
public record MetricFacts(String metricId, String key, MetricDefinition definition) {
}
