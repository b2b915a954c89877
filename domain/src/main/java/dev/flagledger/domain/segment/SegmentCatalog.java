package dev.flagledger.domain.segment;

import java.util.Optional;

/**
 * A consistent look-up of a project's segments by key, for commands that reference them.
 * Implementations load the segment from its event stream.
 */
public interface SegmentCatalog {
    Optional<SegmentFacts> find(String projectKey, String segmentKey);
}
