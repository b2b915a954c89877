package dev.flagledger.auth.access;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.flagledger.auth.access.Permission.ADMIN;
import static dev.flagledger.auth.access.Permission.EDITOR;
import static dev.flagledger.auth.access.Permission.VIEWER;
import static org.assertj.core.api.Assertions.assertThat;

class KeycloakGrantMapperTest {
    private final KeycloakGrantMapper mapper = new KeycloakGrantMapper("flagledger-api");

    private static Jwt token(Map<String, Object> claims) {
        Jwt.Builder builder = Jwt.withTokenValue("t").header("alg", "RS256").subject("s")
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60));
        claims.forEach(builder::claim);
        return builder.build();
    }

    @Test
    void realm_roles_with_the_flagledger_prefix_map_at_every_scope() {
        Jwt jwt = token(Map.of("realm_access", Map.of("roles", List.of("flagledger:admin", "flagledger:editor:shop",
                "flagledger:viewer:shop:production", "offline_access", "editor"))));

        assertThat(mapper.grants(jwt)).containsExactlyInAnyOrder(Grant.global(ADMIN), new Grant(EDITOR, "shop", null),
                new Grant(VIEWER, "shop", "production"));
    }

    @Test
    void client_roles_count_only_for_the_api_client() {
        Jwt jwt = token(Map.of("resource_access", Map.of(
                "flagledger-api", Map.of("roles", List.of("editor:shop:staging")),
                "account", Map.of("roles", List.of("admin")))));

        assertThat(mapper.grants(jwt)).containsExactly(new Grant(EDITOR, "shop", "staging"));
    }

    @Test
    void full_group_paths_under_flagledger_map_and_others_are_ignored() {
        Jwt jwt = token(Map.of("groups", List.of("/flagledger/viewer", "/flagledger/projects/demo/editor",
                "/flagledger/projects/demo/staging/editor", "/other/admin", "/flagledger/projects/demo/x/y/editor",
                "/flagledger/projects//editor", "/flagledger/superuser")));

        assertThat(mapper.grants(jwt)).containsExactlyInAnyOrder(Grant.global(VIEWER), new Grant(EDITOR, "demo", null),
                new Grant(EDITOR, "demo", "staging"));
    }

    @Test
    void a_token_without_roles_or_groups_grants_nothing() {
        assertThat(mapper.grants(token(Map.of("name", "Dave")))).isEmpty();
        assertThat(KeycloakGrantMapper.fromRole("editor::staging")).isEmpty();
        assertThat(KeycloakGrantMapper.fromRole("owner:shop")).isEmpty();
    }
}
