package dev.flagledger.domain.shared;

/** The command was decided against stale state, or claims a key somebody else holds. */
public final class Conflict extends DomainRejection {
    public Conflict(String message) {
        super(message);
    }
}
