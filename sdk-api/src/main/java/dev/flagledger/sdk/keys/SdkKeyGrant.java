package dev.flagledger.sdk.keys;

/**
 * What a valid key lets its bearer see: one environment of one project. {@code signedRequests}: every
 * request must also carry a valid {@code Flagledger-Signature} (docs/webhooks.md).
 */
public record SdkKeyGrant(String id, String projectKey, String environment, SdkKeyKind kind, String name,
                          String displayPrefix, boolean revoked, boolean signedRequests) {

    public SdkKeyGrant(String id, String projectKey, String environment, SdkKeyKind kind, String name,
                       String displayPrefix, boolean revoked) {
        this(id, projectKey, environment, kind, name, displayPrefix, revoked, false);
    }

    SdkKeyGrant revoke() {
        return new SdkKeyGrant(id, projectKey, environment, kind, name, displayPrefix, true, signedRequests);
    }

    SdkKeyGrant requiringSignatures() {
        return new SdkKeyGrant(id, projectKey, environment, kind, name, displayPrefix, revoked, true);
    }
}
