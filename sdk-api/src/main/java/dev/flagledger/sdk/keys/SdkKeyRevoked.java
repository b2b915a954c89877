package dev.flagledger.sdk.keys;

public record SdkKeyRevoked(String keyId, String projectKey, String environment) {
}
