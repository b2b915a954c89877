package dev.flagledger.domain.segment;

/** Facts about a segment; each names it fully and carries the whole new value it changed. */
public sealed interface SegmentEvent permits SegmentCreated, SegmentUpdated, SegmentArchived {
    String segmentId();

    String projectKey();

    String segmentKey();
}
