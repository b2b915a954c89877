package dev.flagledger.sdk.keys;

/** A key was issued (audit: who, when, for which environment); carries the hash, never the secret. */
public record SdkKeyCreated(String keyId, String projectKey, String environment, SdkKeyKind kind, String name,
                            String secretHash, String displayPrefix) {
}
