package dev.flagledger.auth;

import dev.flagledger.auth.token.ApiTokenAuthentication;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.util.Optional;

/** Maps the authenticated principal to the {@link Actor} that changes are recorded under. */
public final class CurrentActor {
    private CurrentActor() {
    }

    public static Optional<Actor> of(Authentication authentication) {
        if (authentication == null || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) return Optional.empty();
        if (authentication.getPrincipal() instanceof LocalPrincipal local)
            return Optional.of(new Actor("local:" + local.username(), local.displayName(), "password"));
        if (authentication instanceof ApiTokenAuthentication token)
            return Optional.of(new Actor("token:" + token.tokenId(), token.name(), "api-token", null,
                    token.createdBySubject(), token.createdByName()));
        if (authentication instanceof JwtAuthenticationToken token)
            return Optional.of(fromToken(token.getToken()));
        return Optional.of(new Actor(authentication.getName(), authentication.getName(), "unknown"));
    }

    public static Optional<Actor> current() {
        return of(SecurityContextHolder.getContext().getAuthentication());
    }

    /** The token's subject as issued, the name people know (name, else preferred_username), its issuer and e-mail. */
    static Actor fromToken(Jwt jwt) {
        String displayName = firstText(jwt.getClaimAsString("name"), jwt.getClaimAsString("preferred_username"),
                jwt.getSubject());
        String issuer = jwt.getIssuer() == null ? null : jwt.getIssuer().toString();
        String email = jwt.getClaimAsString("email");
        return new Actor(jwt.getSubject(), displayName, "oidc", issuer, null, null,
                email == null || email.isBlank() ? null : email);
    }

    private static String firstText(String... candidates) {
        for (String candidate : candidates) if (candidate != null && !candidate.isBlank()) return candidate;
        return "unknown";
    }
}
