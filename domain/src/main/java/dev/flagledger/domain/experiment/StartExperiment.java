package dev.flagledger.domain.experiment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

public record StartExperiment(@TargetAggregateIdentifier String experimentId,
                              @TargetAggregateVersion Long expectedVersion) {
}
