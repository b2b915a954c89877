package dev.flagledger.domain.shared;

/**
 * A command refused for a reason the caller can act on. Each subtype maps to one API error code,
 * so the API layers never have to guess from message text.
 */
public abstract sealed class DomainRejection extends RuntimeException
        permits InvalidInput, NotFound, Conflict, NotAllowed {

    protected DomainRejection(String message) {
        super(message, null, false, false);
    }
}
