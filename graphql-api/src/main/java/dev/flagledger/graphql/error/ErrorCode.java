package dev.flagledger.graphql.error;

/** The values of {@code extensions.code} (CONVENTIONS §4); clients branch on these, never on messages. */
public enum ErrorCode {
    VALIDATION, NOT_FOUND, CONFLICT, FORBIDDEN, UNAUTHENTICATED,
    /** A dependency (the database, its disk) is away: nothing was decided; retry later. */
    UNAVAILABLE,
    INTERNAL
}
