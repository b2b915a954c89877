package dev.flagledger.server.token;

public record ApiTokenRevoked(String tokenId, String projectKey, String environment) {
}
