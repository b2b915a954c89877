package dev.flagledger.domain.flag;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Retires a flag: it keeps its history and can be restored, but refuses edits. */
public record ArchiveFlag(@TargetAggregateIdentifier String flagId,
                    @TargetAggregateVersion Long expectedVersion) {
}
