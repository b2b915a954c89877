package dev.flagledger.server.token;

import java.time.Instant;
import java.time.OffsetDateTime;

/** A token as listed: everything but the secret, which nobody can read back. */
public record ApiTokenView(String id, String name, String role, String projectKey, String environment,
                           String displayPrefix, OffsetDateTime createdAt, String createdBySubject,
                           String createdByName, OffsetDateTime expiresAt, boolean revoked) {

    ApiTokenView revoke() {
        return new ApiTokenView(id, name, role, projectKey, environment, displayPrefix, createdAt, createdBySubject,
                createdByName, expiresAt, true);
    }

    boolean usableAt(Instant now) {
        return !revoked && (expiresAt == null || now.isBefore(expiresAt.toInstant()));
    }
}
