package dev.flagledger.domain.experiment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.util.List;

/**
 * New weights for a running experiment's arms: by hand ({@code statistics} null), or the bandit's
 * decision with the statistics behind it. {@code expectedVersion} may be null for the scheduler.
 */
public record ReweightExperiment(@TargetAggregateIdentifier String experimentId, List<Arm> arms,
                                 ReweightStatistics statistics, @TargetAggregateVersion Long expectedVersion) {
}
