package dev.flagledger.domain.segment;

public record SegmentCreated(String segmentId, String projectKey, String segmentKey, SegmentDefinition definition)
        implements SegmentEvent {
}
