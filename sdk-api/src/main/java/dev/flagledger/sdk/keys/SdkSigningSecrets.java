package dev.flagledger.sdk.keys;

import java.util.Optional;

/**
 * Signing secrets of SDK keys that require signed requests (docs/webhooks.md). Not in any event: the
 * server must read them back to verify HMACs, so they are stored apart, written in the command's
 * transaction.
 */
public interface SdkSigningSecrets {
    /** Stores (or replaces) the key's signing secret. */
    void store(String keyId, String secret);

    Optional<String> secret(String keyId);
}
