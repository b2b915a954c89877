package dev.flagledger.auth;

/**
 * Who makes a change, as every event records it: a stable subject, a name people recognise, how the
 * actor proved who they are (password, oidc, sdk-key, scheduler) and, for single sign-on, which
 * identity provider vouched for them (the token's issuer; null for local accounts and the system).
 */
public record Actor(String subject, String displayName, String authentication, String identityProvider) {

    public Actor(String subject, String displayName, String authentication) {
        this(subject, displayName, authentication, null);
    }
}
