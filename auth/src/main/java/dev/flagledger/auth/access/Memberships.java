package dev.flagledger.auth.access;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The caller's roles and groups as the identity provider put them in the token: realm roles, the
 * roles of every client ({@code resource_access}) and group paths ({@code groups}). Approval policies
 * name approvers and the break-glass role by these (docs/approvals.md); local accounts have none.
 */
public record Memberships(Set<String> roles, Set<String> groups) {
    public static final Memberships NONE = new Memberships(Set.of(), Set.of());

    public Memberships {
        roles = Set.copyOf(roles);
        groups = Set.copyOf(groups);
    }

    public static Memberships of(Authentication authentication) {
        if (!(authentication instanceof JwtAuthenticationToken token)) return NONE;
        Jwt jwt = token.getToken();
        Set<String> roles = new TreeSet<>(rolesOf(jwt.getClaim("realm_access")));
        if (jwt.getClaim("resource_access") instanceof Map<?, ?> clients)
            clients.values().forEach(access -> roles.addAll(rolesOf(access)));
        Set<String> groups = new TreeSet<>();
        if (jwt.getClaim("groups") instanceof Collection<?> paths)
            for (Object path : paths) if (path instanceof String text) groups.add(text);
        return new Memberships(roles, groups);
    }

    private static Set<String> rolesOf(Object access) {
        Set<String> roles = new TreeSet<>();
        if (access instanceof Map<?, ?> map && map.get("roles") instanceof Collection<?> names)
            for (Object name : names) if (name instanceof String text) roles.add(text);
        return roles;
    }
}
