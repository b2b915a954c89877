package dev.flagledger.domain.approval;

/** The author changed the title or the linked ticket. */
public record ChangeRequestDescribed(String changeRequestId, String projectKey, String environment, String title,
                                     String ticket) implements ChangeRequestEvent {
}
