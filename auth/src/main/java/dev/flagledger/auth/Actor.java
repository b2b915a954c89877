package dev.flagledger.auth;

/**
 * Who makes a change, as every event records it: a stable subject, a name people recognise, how the
 * actor proved who they are (password, oidc, api-token, sdk-key, scheduler) and, for single sign-on,
 * which identity provider vouched for them (the token's issuer; null for local accounts and the
 * system). An API token acts on behalf of the admin who created it: {@code onBehalfOfSubject} and
 * {@code onBehalfOfName} name them (null for everyone else). {@code email} is the actor's address when
 * the provider tells it. Names and e-mail are personal data, sealed under the actor's subject key
 * before anything is stored (docs/privacy.md).
 */
public record Actor(String subject, String displayName, String authentication, String identityProvider,
                    String onBehalfOfSubject, String onBehalfOfName, String email) {

    public Actor(String subject, String displayName, String authentication, String identityProvider,
                 String onBehalfOfSubject, String onBehalfOfName) {
        this(subject, displayName, authentication, identityProvider, onBehalfOfSubject, onBehalfOfName, null);
    }

    public Actor(String subject, String displayName, String authentication, String identityProvider) {
        this(subject, displayName, authentication, identityProvider, null, null, null);
    }

    public Actor(String subject, String displayName, String authentication) {
        this(subject, displayName, authentication, null, null, null, null);
    }
}
