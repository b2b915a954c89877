package dev.flagledger.domain.flag;

/** A pending scheduled change was withdrawn; it will never be applied. */
public record ScheduledFlagChangeCancelled(String flagId, String projectKey, String flagKey, String scheduleId,
                                           String environment) implements FlagEvent {
}
