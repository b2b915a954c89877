package dev.flagledger.domain.flag;

import dev.flagledger.domain.project.EnvironmentKey;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Turns a flag on or off in one environment. */
public record ToggleFlag(@TargetAggregateIdentifier String flagId, EnvironmentKey environment, boolean enabled,
                    @TargetAggregateVersion Long expectedVersion) {
}
