package dev.flagledger.auth.oidc;

import org.springframework.core.env.Environment;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How Flagledger trusts an OpenID Connect provider (docs/auth.md lists the properties). Single
 * sign-on is on when an issuer is set; the production profile sets {@code required}, and then a
 * missing issuer or audience stops the server at start with a message saying what to set.
 *
 * @param issuer            the {@code iss} every token must carry, e.g. {@code https://sso.example/realms/acme}
 * @param audience          a value the token's {@code aud} must contain (the API client, {@code flagledger-api})
 * @param jwkSetUri         where the signing keys are; absent means discovered from the issuer
 * @param publicKeyLocation a PEM RSA public key instead of a JWKS (offline installations, tests)
 * @param rolesClient       the client whose client roles map to permissions; defaults to the audience
 * @param uiClientId        the public client the admin UI signs in with (Authorization Code + PKCE)
 * @param clockSkew         tolerated difference between our clock and the issuer's for exp / nbf
 */
public record OidcSettings(String issuer, String audience, String jwkSetUri, String publicKeyLocation,
                           String rolesClient, String uiClientId, Duration clockSkew) {
    public static final String PREFIX = "flagledger.auth.oidc.";

    public static OidcSettings from(Environment environment) {
        String audience = text(environment.getProperty(PREFIX + "audience"));
        OidcSettings settings = new OidcSettings(
                text(environment.getProperty(PREFIX + "issuer")),
                audience,
                text(environment.getProperty(PREFIX + "jwk-set-uri")),
                text(environment.getProperty(PREFIX + "public-key-location")),
                text(environment.getProperty(PREFIX + "roles-client", audience == null ? "" : audience)),
                text(environment.getProperty(PREFIX + "ui-client-id", "flagledger-admin-ui")),
                environment.getProperty(PREFIX + "clock-skew", Duration.class, Duration.ofSeconds(30)));
        if (environment.getProperty(PREFIX + "required", Boolean.class, false)) settings.requireComplete();
        if (settings.enabled()) settings.requireAudience();
        return settings;
    }

    public boolean enabled() {
        return issuer != null;
    }

    /** The production profile's rule: no server runs without an identity provider it can check tokens against. */
    void requireComplete() {
        List<String> missing = new ArrayList<>();
        if (issuer == null) missing.add(PREFIX + "issuer (environment FLAGLEDGER_OIDC_ISSUER)");
        if (audience == null) missing.add(PREFIX + "audience (environment FLAGLEDGER_OIDC_AUDIENCE)");
        if (!missing.isEmpty())
            throw new IllegalStateException("Single sign-on is required in the production profile, but "
                    + String.join(" and ", missing) + (missing.size() == 1 ? " is" : " are")
                    + " not set. Set them to your identity provider's issuer URL and the API client id"
                    + " (see docs/auth.md).");
        URI.create(issuer);
    }

    /** A token is only meant for us if its audience names us: an issuer alone is not enough. */
    private void requireAudience() {
        if (audience == null)
            throw new IllegalStateException(PREFIX + "issuer is set but " + PREFIX + "audience"
                    + " (environment FLAGLEDGER_OIDC_AUDIENCE) is not: without it any token of that issuer,"
                    + " meant for any application, would be accepted. See docs/auth.md.");
    }

    private static String text(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
