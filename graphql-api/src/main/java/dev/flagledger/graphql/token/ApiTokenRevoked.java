package dev.flagledger.graphql.token;

public record ApiTokenRevoked(String tokenId, String projectKey, String environment) {
}
