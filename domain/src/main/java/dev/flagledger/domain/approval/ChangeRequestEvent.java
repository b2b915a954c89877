package dev.flagledger.domain.approval;

/** Facts about a change request; each names it, its project and the environment whose policy governs it. */
public sealed interface ChangeRequestEvent permits ChangeRequestOpened, ChangeRequestDescribed, ChangeRequestApproved,
        ChangeRequestRejected, ChangeRequestWithdrawn, ChangeRequestApplyScheduled, ChangeRequestApplied,
        ChangeRequestApplyFailed {
    String changeRequestId();

    String projectKey();

    String environment();
}
