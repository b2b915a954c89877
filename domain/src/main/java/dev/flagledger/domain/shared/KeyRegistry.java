package dev.flagledger.domain.shared;

/**
 * The set-based rule "a key is unique within its scope" (CONVENTIONS §2). Implementations write
 * in the same transaction as the events of the command, so a claim and its event commit together
 * or not at all.
 */
public interface KeyRegistry {

    /**
     * Claims {@code key} in {@code scope} for {@code ownerId}.
     *
     * @throws Conflict when the key is already held, including by a transaction committing concurrently
     */
    void claim(String scope, String key, String ownerId);
}
