package dev.flagledger.graphql.error;

/** The values of {@code extensions.code} (CONVENTIONS §4); clients branch on these, never on messages. */
public enum ErrorCode {
    VALIDATION, NOT_FOUND, CONFLICT, FORBIDDEN, UNAUTHENTICATED, INTERNAL
}
