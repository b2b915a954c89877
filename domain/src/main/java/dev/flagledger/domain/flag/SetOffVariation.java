package dev.flagledger.domain.flag;

import dev.flagledger.domain.project.EnvironmentKey;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Chooses the variation a disabled flag serves. */
public record SetOffVariation(@TargetAggregateIdentifier String flagId, EnvironmentKey environment, String variation,
                    @TargetAggregateVersion Long expectedVersion) {
}
