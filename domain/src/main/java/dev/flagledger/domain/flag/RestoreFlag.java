package dev.flagledger.domain.flag;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Brings an archived flag back. */
public record RestoreFlag(@TargetAggregateIdentifier String flagId,
                    @TargetAggregateVersion Long expectedVersion) {
}
