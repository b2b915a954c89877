package dev.flagledger.auth;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

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
        return Optional.of(new Actor(authentication.getName(), authentication.getName(), "unknown"));
    }

    public static Optional<Actor> current() {
        return of(SecurityContextHolder.getContext().getAuthentication());
    }
}
