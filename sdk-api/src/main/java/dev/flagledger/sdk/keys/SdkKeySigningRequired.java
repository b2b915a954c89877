package dev.flagledger.sdk.keys;

/** The key's requests must be signed (docs/webhooks.md); recorded again when its signing secret is replaced. */
public record SdkKeySigningRequired(String keyId, String projectKey, String environment, boolean signedRequests) {
}
