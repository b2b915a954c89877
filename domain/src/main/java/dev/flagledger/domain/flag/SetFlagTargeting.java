package dev.flagledger.domain.flag;

import dev.flagledger.domain.project.EnvironmentKey;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Replaces a flag's whole targeting in one environment. */
public record SetFlagTargeting(@TargetAggregateIdentifier String flagId, EnvironmentKey environment,
                               Targeting targeting, @TargetAggregateVersion Long expectedVersion) {
}
