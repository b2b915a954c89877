package dev.flagledger.server.registry;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JdbcKeyRegistryTest {

    @Test
    void a_taken_key_is_said_as_what_already_exists_and_where() {
        assertThat(JdbcKeyRegistry.taken("flag:web-shop", "new-checkout"))
                .isEqualTo("a flag with key new-checkout already exists in project web-shop");
        assertThat(JdbcKeyRegistry.taken("segment:web-shop", "beta")).isEqualTo("a segment with key beta already exists in project web-shop");
        assertThat(JdbcKeyRegistry.taken("project", "web-shop")).isEqualTo("a project with key web-shop already exists");
    }
}
