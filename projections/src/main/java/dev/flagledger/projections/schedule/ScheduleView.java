package dev.flagledger.projections.schedule;

import dev.flagledger.domain.flag.ScheduledChange;

import java.time.OffsetDateTime;

/**
 * A scheduled change as the timers read model holds it. {@code resolvedAt} is when it was applied,
 * failed or cancelled; {@code delayMillis} how late it was applied.
 */
public record ScheduleView(String id, String flagId, String projectKey, String flagKey, String environment,
                           OffsetDateTime dueAt, ScheduledChange change, String summary, ScheduleStatus status,
                           Person scheduledBy, String reason, OffsetDateTime scheduledAt, OffsetDateTime resolvedAt,
                           Long delayMillis, String failure, Person cancelledBy) {

    /** A user as the change metadata named them. */
    public record Person(String subject, String name) {
    }
}
