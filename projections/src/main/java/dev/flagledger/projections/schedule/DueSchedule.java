package dev.flagledger.projections.schedule;

import java.time.Instant;

/** What a dispatcher needs to send a pending change: which flag and schedule, when, and why. */
public record DueSchedule(String flagId, String scheduleId, Instant dueAt, String reason) {
}
