package dev.flagledger.domain.flag;

import dev.flagledger.domain.project.EnvironmentKey;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Chooses the variation an enabled flag serves when nothing else matches (the fallthrough). */
public record SetDefaultVariation(@TargetAggregateIdentifier String flagId, EnvironmentKey environment, String variation,
                    @TargetAggregateVersion Long expectedVersion) {
}
