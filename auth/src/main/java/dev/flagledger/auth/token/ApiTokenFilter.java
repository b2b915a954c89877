package dev.flagledger.auth.token;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Optional;

/**
 * Authenticates {@code Authorization: Bearer fl_...}. A token that is unknown, revoked or expired
 * is refused here (401), before any GraphQL runs; other bearer tokens (OIDC JWTs) pass untouched.
 */
public final class ApiTokenFilter extends OncePerRequestFilter {
    /** What every API token starts with; SDK keys ({@code flsrv_}, {@code flcli_}) and JWTs never do. */
    public static final String PREFIX = "fl_";
    private final ApiTokenAuthenticator tokens;
    private final Refusal refusal;

    /** Writes the 401 in the shape the endpoint's clients expect. */
    public interface Refusal {
        void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException;
    }

    public ApiTokenFilter(ApiTokenAuthenticator tokens, Refusal refusal) {
        this.tokens = tokens;
        this.refusal = refusal;
    }

    /** The token in the header, when it is an API token. */
    public static Optional<String> presented(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) return Optional.empty();
        String token = authorization.substring(7).strip();
        return token.startsWith(PREFIX) ? Optional.of(token) : Optional.empty();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<String> secret = presented(request);
        if (secret.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        Optional<ApiTokenAuthentication> holder = tokens.authenticate(secret.get());
        if (holder.isEmpty()) {
            response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            refusal.refuse(request, response);
            return;
        }
        SecurityContextHolder.getContext().setAuthentication(holder.get());
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
