package dev.flagledger.domain.flag;

import java.time.Instant;

/** A change was scheduled for {@code dueAt}; carries the whole change and who scheduled it. */
public record FlagChangeScheduled(String flagId, String projectKey, String flagKey, String scheduleId,
                                  String environment, Instant dueAt, ScheduledChange change,
                                  ScheduledBy scheduledBy) implements FlagEvent {
}
