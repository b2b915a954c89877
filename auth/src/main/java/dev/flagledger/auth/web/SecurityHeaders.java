package dev.flagledger.auth.web;

import dev.flagledger.auth.oidc.OidcSettings;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Browser-facing hardening on top of Spring Security's defaults (nosniff, frame DENY, no-store for
 * authenticated responses, HSTS over HTTPS): a content security policy that lets the admin UI talk to
 * itself and to the identity provider only, no referrer, and CORS for the configured origins only.
 */
final class SecurityHeaders {
    static final String CORS_ORIGINS = "flagledger.http.cors.allowed-origins";

    private SecurityHeaders() {
    }

    static void apply(HeadersConfigurer<HttpSecurity> headers, OidcSettings oidc) {
        headers.referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                .contentTypeOptions(options -> { })
                .frameOptions(frames -> frames.deny())
                .addHeaderWriter(new StaticHeadersWriter("Cross-Origin-Opener-Policy", "same-origin"))
                // GraphiQL (embedded default only) is a page of inline scripts from a CDN; it gets no CSP.
                .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                        new NegatedRequestMatcher(PathPatternRequestMatcher.pathPattern("/graphiql/**")),
                        contentSecurityPolicy(oidc)));
    }

    static HeaderWriter contentSecurityPolicy(OidcSettings oidc) {
        String identityProvider = oidc.enabled() ? " " + origin(oidc.issuer()) : "";
        return new StaticHeadersWriter("Content-Security-Policy", "default-src 'self'; script-src 'self';"
                + " style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'" + identityProvider
                + "; form-action 'self'" + identityProvider + "; frame-ancestors 'none'; base-uri 'self';"
                + " object-src 'none'");
    }

    private static String origin(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getAuthority();
    }

    /**
     * Cross-origin calls only from {@value #CORS_ORIGINS} (comma separated; none by default), with
     * bearer tokens rather than cookies, so credentials mode stays off.
     */
    static CorsConfigurationSource cors(Environment environment) {
        List<String> origins = Arrays.stream(environment.getProperty(CORS_ORIGINS, "").split(","))
                .map(String::strip).filter(origin -> !origin.isEmpty()).toList();
        CorsConfiguration configuration = new CorsConfiguration();
        configuration.setAllowedOrigins(origins);
        configuration.setAllowedMethods(List.of("GET", "POST"));
        configuration.setAllowedHeaders(List.of("Authorization", "Content-Type", "Accept", "X-Flagledger-Origin",
                "X-Correlation-Id"));
        configuration.setAllowCredentials(false);
        configuration.setMaxAge(Duration.ofHours(1));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", configuration);
        return source;
    }
}
