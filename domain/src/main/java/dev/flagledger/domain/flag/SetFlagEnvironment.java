package dev.flagledger.domain.flag;

import dev.flagledger.domain.project.EnvironmentKey;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/**
 * Sets a flag's whole configuration in one environment at once (on/off, default and off
 * variations, targeting): what promoting a flag from another environment proposes. It records the
 * ordinary toggle, variation and targeting events, only for the parts that change.
 */
public record SetFlagEnvironment(@TargetAggregateIdentifier String flagId, EnvironmentKey environment,
                                 FlagEnvironmentConfiguration configuration,
                                 @TargetAggregateVersion Long expectedVersion) {
}
