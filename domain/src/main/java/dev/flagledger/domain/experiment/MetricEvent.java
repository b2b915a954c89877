package dev.flagledger.domain.experiment;

/** Facts about a project's metric definitions. */
public sealed interface MetricEvent permits MetricDefined, MetricUpdated {
    String metricId();

    String projectKey();

    String metricKey();
}
