package dev.flagledger.domain.approval;

/** The author took the proposal back; nothing was applied. */
public record ChangeRequestWithdrawn(String changeRequestId, String projectKey, String environment,
                                     Reviewer by, String comment) implements ChangeRequestEvent {
}
