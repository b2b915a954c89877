package dev.flagledger.sdk.web;

import dev.flagledger.sdk.keys.SdkKeyDirectory;
import dev.flagledger.sdk.keys.SdkKeyGrant;
import dev.flagledger.sdk.keys.SdkKeyKind;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Optional;

/**
 * Authenticates SDK requests by their bearer key (or OFREP's {@code X-API-Key}). Missing, unknown
 * or revoked: 401. A client key asking for the raw configuration or the stream: 403.
 */
final class SdkKeyAuthenticationFilter extends OncePerRequestFilter {
    /** What a client key may use besides OFREP: none reveals rules. */
    static final java.util.Set<String> CLIENT_SDK_PATHS = java.util.Set.of("/sdk/v1/events", "/sdk/v1/changes",
            "/sdk/v1/key");
    private final SdkKeyDirectory keys;

    SdkKeyAuthenticationFilter(SdkKeyDirectory keys) {
        this.keys = keys;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<SdkKeyGrant> grant = secret(request).flatMap(keys::bySecret).filter(found -> !found.revoked());
        if (grant.isEmpty()) {
            response.setHeader("WWW-Authenticate", "Bearer");
            Problems.write(response, 401, "Unauthorized", "a valid SDK key is required as a bearer token");
            return;
        }
        if (grant.get().kind() == SdkKeyKind.CLIENT && request.getRequestURI().startsWith("/sdk/")
                && !CLIENT_SDK_PATHS.contains(request.getRequestURI())) {
            Problems.write(response, 403, "Forbidden", "client keys may only use OFREP, /sdk/v1/changes, /sdk/v1/events and /sdk/v1/key; the configuration"
                    + " and the stream need a server key");
            return;
        }
        SecurityContextHolder.getContext().setAuthentication(new SdkPrincipal(grant.get()));
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private static Optional<String> secret(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7))
            return Optional.of(authorization.substring(7).strip());
        return Optional.ofNullable(request.getHeader("X-API-Key")).map(String::strip);
    }
}
