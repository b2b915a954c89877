package dev.flagledger.server.token;

/**
 * Issues an API token with one grant: {@code role} globally ({@code projectKey} null), on a project,
 * or on one environment of it. Only the secret's hash travels; the secret is never stored.
 */
public record CreateApiToken(String tokenId, String name, String role, String projectKey, String environment,
                             String secretHash, String displayPrefix, String expiresAt, String createdBySubject,
                             String createdByName) {
}
