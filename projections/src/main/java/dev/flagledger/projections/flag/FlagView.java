package dev.flagledger.projections.flag;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * The current state of a flag in every environment of its project.
 *
 * @param kind the {@code FlagKind} name: RELEASE unless set (docs/stale-flags.md)
 */
public record FlagView(String id, String projectKey, String key, String name, String description, List<String> tags,
                       String valueType, List<VariationView> variations, List<FlagEnvironmentView> environments,
                       boolean archived, long version, OffsetDateTime createdAt, OffsetDateTime updatedAt,
                       String kind) {
}
