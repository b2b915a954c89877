package dev.flagledger.domain.shared;

/** The command names a project, environment, flag or variation that does not exist. */
public final class NotFound extends DomainRejection {
    public NotFound(String message) {
        super(message);
    }
}
