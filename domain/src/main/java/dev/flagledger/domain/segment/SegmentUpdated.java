package dev.flagledger.domain.segment;

/** The segment's whole definition was replaced. */
public record SegmentUpdated(String segmentId, String projectKey, String segmentKey, SegmentDefinition definition)
        implements SegmentEvent {
}
