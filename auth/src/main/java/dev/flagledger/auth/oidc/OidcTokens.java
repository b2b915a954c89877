package dev.flagledger.auth.oidc;

import dev.flagledger.auth.access.Grant;
import dev.flagledger.auth.access.KeycloakGrantMapper;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.List;

/**
 * Turns a bearer token into an authentication: the signature is checked against the issuer's keys
 * (RS256 only, so {@code alg: none} and HMAC tricks never verify), then issuer, audience and expiry;
 * its roles and groups become {@link Grant}s.
 */
public final class OidcTokens {
    private OidcTokens() {
    }

    /**
     * The decoder is built at the first token, not at start: the server must come up (and serve its
     * local admin and health) while the identity provider is still starting or briefly away.
     */
    public static JwtDecoder decoder(OidcSettings settings, ResourceLoader resources) {
        return new SupplierJwtDecoder(() -> {
            NimbusJwtDecoder decoder;
            if (settings.publicKeyLocation() != null)
                decoder = NimbusJwtDecoder.withPublicKey(publicKey(resources.getResource(settings.publicKeyLocation())))
                        .build();
            else if (settings.jwkSetUri() != null)
                decoder = NimbusJwtDecoder.withJwkSetUri(settings.jwkSetUri()).build();
            else
                decoder = NimbusJwtDecoder.withIssuerLocation(settings.issuer()).build();
            decoder.setJwtValidator(validator(settings));
            return decoder;
        });
    }

    static OAuth2TokenValidator<Jwt> validator(OidcSettings settings) {
        JwtTimestampValidator expiry = new JwtTimestampValidator(settings.clockSkew());
        JwtClaimValidator<Collection<String>> audience = new JwtClaimValidator<>(JwtClaimNames.AUD,
                aud -> aud != null && aud.contains(settings.audience()));
        return new DelegatingOAuth2TokenValidator<>(List.of(expiry, new JwtIssuerValidator(settings.issuer()),
                audience, new JwtClaimValidator<String>(JwtClaimNames.SUB, sub -> sub != null && !sub.isBlank())));
    }

    public static Converter<Jwt, AbstractAuthenticationToken> authentication(OidcSettings settings) {
        KeycloakGrantMapper mapper = new KeycloakGrantMapper(settings.rolesClient());
        return jwt -> new JwtAuthenticationToken(jwt, List.<Grant>copyOf(mapper.grants(jwt)), jwt.getSubject());
    }

    private static RSAPublicKey publicKey(Resource pem) {
        try (InputStream in = pem.getInputStream()) {
            String text = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
            return (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(text)));
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the OIDC public key at " + pem, e);
        }
    }
}
