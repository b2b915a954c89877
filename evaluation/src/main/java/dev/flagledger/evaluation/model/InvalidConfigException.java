package dev.flagledger.evaluation.model;

/**
 * A flag or segment definition that cannot be evaluated as written. Thrown while building or
 * compiling a definition, never during evaluation; there it becomes {@code PARSE_ERROR}.
 */
public final class InvalidConfigException extends RuntimeException {
    public InvalidConfigException(String message) {
        super(message);
    }

    public InvalidConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
