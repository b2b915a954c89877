package dev.flagledger.domain.approval;

/** OPEN until approved enough; then APPROVED until applied. APPLIED, REJECTED, WITHDRAWN and FAILED are final. */
public enum ChangeRequestStatus {
    OPEN, APPROVED, APPLIED, REJECTED, WITHDRAWN, FAILED;

    public boolean closed() {
        return this != OPEN && this != APPROVED;
    }
}
