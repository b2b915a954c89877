package dev.flagledger.domain.privacy;

/**
 * How a personal value looks in commands, events and read models: sealed under its subject's key
 * ({@code pii:1:<key id>:<ciphertext>}, docs/privacy.md). The command bus seals values before any
 * aggregate sees them, so the domain compares, de-duplicates and stores sealed values (sealing is
 * deterministic per subject key, so equal values stay equal) and never holds the plain text.
 */
public final class PersonalValue {
    /** Every sealed value starts with this; a plain input with it is refused. */
    public static final String PREFIX = "pii:1:";
    /** What a value whose subject was erased reads as. */
    public static final String ERASED = "[erased]";
    /** A sealed value's length bound: its plain text was checked against the usual limit before sealing. */
    public static final int MAX_SEALED_LENGTH = 8_192;

    private PersonalValue() {
    }

    public static boolean isSealed(String value) {
        return value != null && value.startsWith(PREFIX);
    }
}
