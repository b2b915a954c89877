package dev.flagledger.cli;

/** The process exit codes, documented in docs/cli.md; scripts branch on them. */
public final class ExitCode {
    public static final int OK = 0;
    /** Anything unexpected: a bug, or the server's INTERNAL error. */
    public static final int ERROR = 1;
    /** Bad input: unknown command or option, malformed value, invalid file (schema errors). */
    public static final int USAGE = 2;
    public static final int UNAUTHENTICATED = 3;
    public static final int FORBIDDEN = 4;
    public static final int NOT_FOUND = 5;
    /** A stale expectedVersion: someone changed the thing meanwhile. */
    public static final int CONFLICT = 6;
    /** The server refused the change as invalid (extensions.code VALIDATION). */
    public static final int REJECTED = 7;
    /** The server could not be reached. */
    public static final int UNREACHABLE = 8;
    /** {@code plan --detailed-exitcode}: the plan has changes. */
    public static final int CHANGES_PENDING = 10;
    /** {@code import --strict}: some constructs of the source could not be represented. */
    public static final int UNREPRESENTABLE = 11;

    private ExitCode() {
    }

    /** The exit code for a GraphQL error's extensions.code. */
    public static int forErrorCode(String code) {
        if (code == null) return ERROR;
        return switch (code) {
            case "UNAUTHENTICATED" -> UNAUTHENTICATED;
            case "FORBIDDEN" -> FORBIDDEN;
            case "NOT_FOUND" -> NOT_FOUND;
            case "CONFLICT" -> CONFLICT;
            case "VALIDATION" -> REJECTED;
            default -> ERROR;
        };
    }
}
