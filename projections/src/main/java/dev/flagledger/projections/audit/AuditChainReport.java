package dev.flagledger.projections.audit;

/**
 * The outcome of recomputing the chain over a range: how many entries were checked and, when the
 * chain is broken, the first entry that does not match and why.
 */
public record AuditChainReport(long from, long to, long checked, Mismatch firstMismatch) {

    public boolean valid() {
        return firstMismatch == null;
    }

    /** {@code problem} says what differs: the event row, the link to the previous entry, or a gap. */
    public record Mismatch(long position, String eventId, String problem, String expectedHash, String recordedHash) {
    }
}
