package dev.flagledger.projections.experiment;

import dev.flagledger.domain.experiment.MetricDefinition;

import java.time.Instant;

/** A metric as the API shows it. */
public record MetricView(String id, String projectKey, String key, MetricDefinition definition, long version,
                         Instant updatedAt) {
}
