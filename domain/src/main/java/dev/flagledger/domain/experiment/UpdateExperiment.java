package dev.flagledger.domain.experiment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Replaces a draft's definition (a running experiment changes only its weights). */
public record UpdateExperiment(@TargetAggregateIdentifier String experimentId, ExperimentDefinition definition,
                               @TargetAggregateVersion Long expectedVersion) {
}
