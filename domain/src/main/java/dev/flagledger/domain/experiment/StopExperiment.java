package dev.flagledger.domain.experiment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

public record StopExperiment(@TargetAggregateIdentifier String experimentId,
                             @TargetAggregateVersion Long expectedVersion) {
}
