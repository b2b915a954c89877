package dev.flagledger.domain.segment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Replaces a segment's whole definition. */
public record UpdateSegment(@TargetAggregateIdentifier String segmentId, SegmentDefinition definition,
                            @TargetAggregateVersion Long expectedVersion) {
}
