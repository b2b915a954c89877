package dev.flagledger.domain.segment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Retires a segment; flags that name it then see no members (the engine's rule for a missing segment). */
public record ArchiveSegment(@TargetAggregateIdentifier String segmentId,
                             @TargetAggregateVersion Long expectedVersion) {
}
