package dev.flagledger.sdk.web;

import dev.flagledger.sdk.keys.SdkKeyDirectory;
import dev.flagledger.sdk.keys.SdkKeyGrant;
import dev.flagledger.sdk.keys.SdkKeyKind;
import dev.flagledger.sdk.keys.SdkSigningSecrets;
import dev.flagledger.privacy.signing.HmacSignatures;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

/**
 * Authenticates SDK requests by their bearer key (or OFREP's {@code X-API-Key}). Missing, unknown
 * or revoked: 401. A client key asking for the raw configuration or the stream: 403. A key that
 * requires signed requests: 401 unless the request carries a valid, fresh {@code Flagledger-Signature}.
 */
final class SdkKeyAuthenticationFilter extends OncePerRequestFilter {
    /** What a client key may use besides OFREP: none reveals rules. */
    static final java.util.Set<String> CLIENT_SDK_PATHS = java.util.Set.of("/sdk/v1/events", "/sdk/v1/changes",
            "/sdk/v1/key");
    /** The largest body read to check a signature; the request body limit refuses larger ones anyway. */
    static final int MAX_SIGNED_BODY = 256 * 1024;
    private final SdkKeyDirectory keys;
    private final SdkSigningSecrets signingSecrets;

    SdkKeyAuthenticationFilter(SdkKeyDirectory keys, SdkSigningSecrets signingSecrets) {
        this.keys = keys;
        this.signingSecrets = signingSecrets;
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
        if (grant.get().signedRequests()) {
            SignedRequest signed = SignedRequest.read(request, MAX_SIGNED_BODY);
            if (signed == null) {
                Problems.write(response, 413, "Payload Too Large", "a signed request's body is at most " + MAX_SIGNED_BODY
                        + " bytes");
                return;
            }
            String header = request.getHeader(HmacSignatures.HEADER);
            HmacSignatures.Outcome outcome = signingSecrets.secret(grant.get().id())
                    .map(secret -> HmacSignatures.verify(header, signed.signedBytes(), secret, Instant.now()))
                    .orElse(HmacSignatures.Outcome.MISMATCH);
            if (outcome != HmacSignatures.Outcome.VALID) {
                response.setHeader("WWW-Authenticate", "Flagledger-Signature");
                Problems.write(response, 401, "Unauthorized", "this SDK key requires signed requests: "
                        + HmacSignatures.HEADER + " " + describe(outcome) + " (docs/webhooks.md)");
                return;
            }
            request = signed;
        }
        SecurityContextHolder.getContext().setAuthentication(new SdkPrincipal(grant.get()));
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private static String describe(HmacSignatures.Outcome outcome) {
        return switch (outcome) {
            case MISSING -> "is missing";
            case MALFORMED -> "is malformed (t=<unix seconds>,v1=<hex>)";
            case TOO_OLD -> "is too old or from the future (more than 300 s from the server's clock)";
            default -> "does not match the request";
        };
    }

    private static Optional<String> secret(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7))
            return Optional.of(authorization.substring(7).strip());
        return Optional.ofNullable(request.getHeader("X-API-Key")).map(String::strip);
    }
}
