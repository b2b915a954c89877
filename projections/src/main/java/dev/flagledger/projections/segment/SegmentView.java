package dev.flagledger.projections.segment;

import dev.flagledger.domain.segment.SegmentRule;

import java.time.OffsetDateTime;
import java.util.List;

/** The current state of a segment. */
public record SegmentView(String id, String projectKey, String key, String name, String description,
                          List<String> included, List<String> excluded, List<SegmentRule> rules, boolean archived,
                          long version, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
}
