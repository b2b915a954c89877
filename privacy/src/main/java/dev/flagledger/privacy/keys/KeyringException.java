package dev.flagledger.privacy.keys;

/** A keyring that cannot be built from its configuration, or data it cannot open. */
public class KeyringException extends RuntimeException {
    public KeyringException(String message) {
        super(message);
    }

    public KeyringException(String message, Throwable cause) {
        super(message, cause);
    }
}
