package dev.flagledger.domain.experiment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Records the decision of a stopped experiment; {@code shippedArm} null means none ships. */
public record ConcludeExperiment(@TargetAggregateIdentifier String experimentId, String shippedArm, String decision,
                                 @TargetAggregateVersion Long expectedVersion) {
}
