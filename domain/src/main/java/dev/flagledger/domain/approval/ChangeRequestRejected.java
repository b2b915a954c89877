package dev.flagledger.domain.approval;

/** A reviewer refused the change; the request is closed and nothing was applied. */
public record ChangeRequestRejected(String changeRequestId, String projectKey, String environment,
                                    Reviewer reviewer, String comment) implements ChangeRequestEvent {
}
