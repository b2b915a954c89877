package dev.flagledger.domain.approval;

import java.time.Instant;
import java.util.List;

/**
 * The proposed commands ran, in the same transaction as this event: their events carry this request's
 * id and the approvers. {@code breakGlass} says approvals were skipped by a holder of the break-glass role.
 */
public record ChangeRequestApplied(String changeRequestId, String projectKey, String environment, Instant appliedAt,
                                   List<Reviewer> approvers, boolean breakGlass, Reviewer appliedBy)
        implements ChangeRequestEvent {
    public ChangeRequestApplied {
        approvers = List.copyOf(approvers);
    }
}
