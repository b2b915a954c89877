package dev.flagledger.domain.approval;

/** One more approval; {@code approvals} counts them after this one, {@code required} is the policy's number. */
public record ChangeRequestApproved(String changeRequestId, String projectKey, String environment,
                                    Reviewer approver, String comment, int approvals, int required)
        implements ChangeRequestEvent {
}
