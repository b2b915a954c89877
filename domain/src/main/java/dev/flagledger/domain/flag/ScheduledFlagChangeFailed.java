package dev.flagledger.domain.flag;

import java.time.Instant;

/**
 * A due change could no longer be applied (the flag was archived, a variation it serves was
 * removed, ...). Recorded instead of retried forever, with the rule it broke.
 */
public record ScheduledFlagChangeFailed(String flagId, String projectKey, String flagKey, String scheduleId,
                                        String environment, Instant dueAt, Instant failedAt, String failure,
                                        ScheduledBy scheduledBy) implements FlagEvent {
}
