package dev.flagledger.server.token;

/**
 * A token was issued (audit: who, when, with which grant); carries the hash, never the secret.
 * {@code expiresAt} is an ISO-8601 instant or null (never expires); {@code createdBy*} name the admin
 * the token acts on behalf of.
 */
public record ApiTokenCreated(String tokenId, String name, String role, String projectKey, String environment,
                              String secretHash, String displayPrefix, String expiresAt, String createdBySubject,
                              String createdByName) {
}
