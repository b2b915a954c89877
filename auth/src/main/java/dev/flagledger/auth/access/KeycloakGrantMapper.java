package dev.flagledger.auth.access;

import org.springframework.security.oauth2.jwt.Jwt;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a Keycloak access token's realm roles, the roles of the Flagledger API client and the
 * caller's groups as {@link Grant}s (docs/auth.md has the grammar and the Keycloak side):
 * <ul>
 *   <li>realm role {@code flagledger:<level>[:<project>[:<environment>]]}</li>
 *   <li>client role (of the API client) {@code <level>[:<project>[:<environment>]]}</li>
 *   <li>group {@code /flagledger/<level>}, {@code /flagledger/projects/<project>/<level>} or
 *       {@code /flagledger/projects/<project>/<environment>/<level>}</li>
 * </ul>
 * Anything else is ignored: the realm may hold roles and groups for other applications.
 */
public final class KeycloakGrantMapper {
    static final String REALM_ROLE_PREFIX = "flagledger:";
    static final String GROUP_ROOT = "/flagledger/";

    private final String apiClientId;

    /** @param apiClientId the client whose client roles count ({@code flagledger-api}); null for none. */
    public KeycloakGrantMapper(String apiClientId) {
        this.apiClientId = apiClientId;
    }

    public List<Grant> grants(Jwt jwt) {
        List<Grant> grants = new ArrayList<>();
        for (String role : roles(jwt.getClaim("realm_access")))
            if (role.startsWith(REALM_ROLE_PREFIX))
                fromRole(role.substring(REALM_ROLE_PREFIX.length())).ifPresent(grants::add);
        if (apiClientId != null && jwt.getClaim("resource_access") instanceof Map<?, ?> clients)
            for (String role : roles(clients.get(apiClientId))) fromRole(role).ifPresent(grants::add);
        if (jwt.getClaim("groups") instanceof Collection<?> groups)
            for (Object group : groups) if (group instanceof String path) fromGroup(path).ifPresent(grants::add);
        return grants;
    }

    /** {@code <level>[:<project>[:<environment>]]}. */
    static Optional<Grant> fromRole(String role) {
        String[] parts = role.split(":", -1);
        if (parts.length > 3 || hasBlank(parts)) return Optional.empty();
        return Permission.parse(parts[0]).map(permission -> new Grant(permission,
                parts.length > 1 ? parts[1] : null, parts.length > 2 ? parts[2] : null));
    }

    /** Group paths as Keycloak's group membership mapper writes them with "full group path" on. */
    static Optional<Grant> fromGroup(String path) {
        if (!path.startsWith(GROUP_ROOT)) return Optional.empty();
        String[] parts = path.substring(GROUP_ROOT.length()).split("/", -1);
        if (hasBlank(parts)) return Optional.empty();
        if (parts.length == 1) return Permission.parse(parts[0]).map(Grant::global);
        if (!"projects".equals(parts[0])) return Optional.empty();
        if (parts.length == 3) return Permission.parse(parts[2]).map(p -> new Grant(p, parts[1], null));
        if (parts.length == 4) return Permission.parse(parts[3]).map(p -> new Grant(p, parts[1], parts[2]));
        return Optional.empty();
    }

    private static boolean hasBlank(String[] parts) {
        for (String part : parts) if (part.isBlank()) return true;
        return false;
    }

    private static List<String> roles(Object access) {
        if (!(access instanceof Map<?, ?> map) || !(map.get("roles") instanceof Collection<?> roles)) return List.of();
        return roles.stream().filter(String.class::isInstance).map(String.class::cast).toList();
    }
}
