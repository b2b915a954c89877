package dev.flagledger.domain.experiment;

import dev.flagledger.domain.project.ProjectKey;

/** Defines a metric in a project; its key must be unused there. */
public record DefineMetric(String metricId, ProjectKey projectKey, MetricKey metricKey, MetricDefinition definition) {
}
