package dev.flagledger.domain.segment;

import dev.flagledger.domain.project.ProjectKey;

/** Creates a segment in a project; its key must be unused there. */
public record CreateSegment(String segmentId, ProjectKey projectKey, SegmentKey segmentKey,
                            SegmentDefinition definition) {
}
