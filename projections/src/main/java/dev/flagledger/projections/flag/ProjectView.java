package dev.flagledger.projections.flag;

import java.time.OffsetDateTime;
import java.util.List;

/** A project as the read side shows it, with its environments in the order they were added. */
public record ProjectView(String key, String name, String description, long version, OffsetDateTime createdAt,
                          OffsetDateTime updatedAt, List<EnvironmentView> environments) {
}
