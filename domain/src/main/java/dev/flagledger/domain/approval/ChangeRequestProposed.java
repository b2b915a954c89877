package dev.flagledger.domain.approval;

/**
 * What sending a change to a protected environment answers instead of the aggregate's new version:
 * the change request that now holds it, and the version of the aggregate it left untouched.
 */
public record ChangeRequestProposed(String changeRequestId, long aggregateVersion) {
}
