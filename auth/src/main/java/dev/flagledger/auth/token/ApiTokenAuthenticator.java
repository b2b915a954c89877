package dev.flagledger.auth.token;

import java.util.Optional;

/**
 * Looks up a presented API token ({@code fl_...}). Implemented where the tokens' events are read
 * (server, beside the other event-sourced directories); the security chain only asks it, so auth/ needs no event store.
 */
public interface ApiTokenAuthenticator {
    /** The token's holder when the secret names a token that is neither revoked nor expired. */
    Optional<ApiTokenAuthentication> authenticate(String secret);
}
