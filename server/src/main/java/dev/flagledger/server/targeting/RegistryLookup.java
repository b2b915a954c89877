package dev.flagledger.server.targeting;

import org.springframework.jdbc.core.JdbcTemplate;

import java.util.Optional;

/** Who holds a key: the key registry maps keys to aggregate identifiers, transactionally. */
public final class RegistryLookup {
    private RegistryLookup() {
    }

    public static Optional<String> owner(JdbcTemplate jdbc, String scope, String key) {
        return jdbc.query("select owner_id from key_registry where scope = ? and key_value = ?",
                (rs, row) -> rs.getString(1), scope, key).stream().findFirst();
    }
}
