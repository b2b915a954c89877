package dev.flagledger.domain.flag;

import java.time.Instant;

/**
 * The scheduler applied a scheduled change. The events that change the flag (FlagToggled, ...)
 * follow it in the same commit. {@code delayMillis} is how late it was applied: about zero when the
 * server was up, the downtime when it was applied by the startup sweep.
 */
public record ScheduledFlagChangeApplied(String flagId, String projectKey, String flagKey, String scheduleId,
                                         String environment, Instant dueAt, Instant appliedAt, long delayMillis,
                                         ScheduledBy scheduledBy) implements FlagEvent {
}
