package dev.flagledger.domain.flag;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.util.List;

/** Replaces a flag's variations; a variation still served anywhere cannot be removed. */
public record SetFlagVariations(@TargetAggregateIdentifier String flagId, List<Variation> variations,
                    @TargetAggregateVersion Long expectedVersion) {
}
