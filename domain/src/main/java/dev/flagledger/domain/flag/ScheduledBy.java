package dev.flagledger.domain.flag;

/** The user who scheduled a change, as the scheduling command's metadata named them. */
public record ScheduledBy(String subject, String name) {
}
