package dev.flagledger.domain.shared;

/** The input breaks a rule of its own shape or of the aggregate it targets. */
public final class InvalidInput extends DomainRejection {
    public InvalidInput(String message) {
        super(message);
    }
}
