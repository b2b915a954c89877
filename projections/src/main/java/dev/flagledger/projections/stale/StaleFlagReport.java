package dev.flagledger.projections.stale;

import java.time.OffsetDateTime;
import java.util.List;

/** The stale flags of a project as of {@code asOf}, ordered by key. */
public record StaleFlagReport(OffsetDateTime asOf, int unevaluatedDays, List<StaleFlag> flags) {
}
