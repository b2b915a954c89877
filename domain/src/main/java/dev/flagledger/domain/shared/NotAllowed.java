package dev.flagledger.domain.shared;

/**
 * The caller is known and may use the operation, but a policy of the thing they act on refuses
 * them this time (an author approving their own change, an approver outside the required groups).
 */
public final class NotAllowed extends DomainRejection {
    public NotAllowed(String message) {
        super(message);
    }
}
