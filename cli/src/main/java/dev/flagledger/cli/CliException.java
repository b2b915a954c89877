package dev.flagledger.cli;

/** A failure the user gets as one line on stderr and an exit code; no stack trace. */
public class CliException extends RuntimeException {
    private final int exitCode;

    public CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public CliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    public static CliException badInput(String message) {
        return new CliException(ExitCode.USAGE, message);
    }
}
