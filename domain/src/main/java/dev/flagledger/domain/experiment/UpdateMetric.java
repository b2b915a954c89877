package dev.flagledger.domain.experiment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

public record UpdateMetric(@TargetAggregateIdentifier String metricId, MetricDefinition definition,
                           @TargetAggregateVersion Long expectedVersion) {
}
