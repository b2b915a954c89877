package dev.flagledger.auth;

/**
 * Who makes a change, as every event records it: a stable subject, a name people recognise, and
 * how the actor proved who they are (password, oidc, sdk-key, scheduler).
 */
public record Actor(String subject, String displayName, String authentication) {
}
