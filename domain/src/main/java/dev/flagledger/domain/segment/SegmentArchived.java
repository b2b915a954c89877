package dev.flagledger.domain.segment;

/** The segment is retired: it has no members from now on, and its key stays taken. */
public record SegmentArchived(String segmentId, String projectKey, String segmentKey) implements SegmentEvent {
}
