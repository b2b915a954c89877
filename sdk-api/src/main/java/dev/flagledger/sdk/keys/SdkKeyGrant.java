package dev.flagledger.sdk.keys;

/** What a valid key lets its bearer see: one environment of one project. */
public record SdkKeyGrant(String id, String projectKey, String environment, SdkKeyKind kind, String name,
                          String displayPrefix, boolean revoked) {
}
