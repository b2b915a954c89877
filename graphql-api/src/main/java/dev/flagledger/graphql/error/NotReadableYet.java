package dev.flagledger.graphql.error;

/**
 * A change was written, but the read model it is answered from has not caught up within the wait (its
 * processor is retrying after the store was away, or is replaying). Answered {@code UNAVAILABLE}, not
 * {@code NOT_FOUND}: a typed refusal promises that nothing was written (docs/reliability.md), and this
 * change was; the caller re-reads it later.
 */
public class NotReadableYet extends RuntimeException {
    public NotReadableYet(String what) {
        super(what + " is written but not readable yet; re-read it later");
    }
}
