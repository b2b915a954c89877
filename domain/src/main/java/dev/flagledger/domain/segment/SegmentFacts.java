package dev.flagledger.domain.segment;

import java.util.Set;

/** What other commands may know of a segment: whether it is usable and which segments it names. */
public record SegmentFacts(String segmentId, String key, boolean archived, Set<String> segmentKeys) {
    public SegmentFacts {
        segmentKeys = Set.copyOf(segmentKeys);
    }
}
