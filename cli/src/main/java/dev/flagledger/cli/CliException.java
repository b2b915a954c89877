package dev.flagledger.cli;

/**
 * A failure the user gets as one line on stderr and an exit code; no stack trace. {@code details}
 * (every problem of an invalid file, say) follow that line, one per line.
 */
public class CliException extends RuntimeException {
    private final int exitCode;
    private final java.util.List<String> details;

    public CliException(int exitCode, String message) {
        this(exitCode, message, java.util.List.of());
    }

    public CliException(int exitCode, String message, java.util.List<String> details) {
        super(message);
        this.exitCode = exitCode;
        this.details = java.util.List.copyOf(details);
    }

    public java.util.List<String> details() {
        return details;
    }

    public CliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
        this.details = java.util.List.of();
    }

    public int exitCode() {
        return exitCode;
    }

    public static CliException badInput(String message) {
        return new CliException(ExitCode.USAGE, message);
    }
}
