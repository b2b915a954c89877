package dev.flagledger.auth.access;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Everything one caller may do, read from their authentication: the {@link Grant}s their token
 * mapped to, and {@code ROLE_ADMIN} (the local admin) as a global admin.
 */
public record Grants(Set<Grant> grants) {
    public static final Grants NONE = new Grants(Set.of());

    public Grants {
        grants = Set.copyOf(grants);
    }

    public static Grants of(Authentication authentication) {
        if (authentication == null || !authentication.isAuthenticated()) return NONE;
        return new Grants(authentication.getAuthorities().stream()
                .map(Grants::grantOf)
                .filter(grant -> grant != null)
                .collect(Collectors.toSet()));
    }

    private static Grant grantOf(GrantedAuthority authority) {
        if (authority instanceof Grant grant) return grant;
        if ("ROLE_ADMIN".equals(authority.getAuthority())) return Grant.global(Permission.ADMIN);
        return null;
    }

    public static Grants of(List<Grant> grants) {
        return new Grants(Set.copyOf(grants));
    }

    /**
     * Whether the caller may do what needs {@code needed} on {@code scope}. Reading a project as a
     * whole is allowed to anyone with any grant on it: an editor of staging can see the flags it edits.
     */
    public boolean allow(Permission needed, Scope scope) {
        if (grants.stream().anyMatch(grant -> grant.allows(needed, scope))) return true;
        return needed == Permission.VIEWER && scope.project() != null && scope.environment() == null
                && grants.stream().anyMatch(grant -> grant.touches(scope.project()));
    }

    /** Whether the project shows up in the caller's lists at all. */
    public boolean canSee(String project) {
        return allow(Permission.VIEWER, Scope.project(project));
    }
}
