package dev.flagledger.auth.local;

import org.springframework.jdbc.core.JdbcTemplate;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/** Local accounts with their password hashes; passwords themselves are never stored. */
public class LocalAccountStore {
    private final JdbcTemplate jdbc;

    public LocalAccountStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<String> passwordHash(String username) {
        return jdbc.query("select password_hash from local_account where username = ?",
                (rs, row) -> rs.getString(1), username).stream().findFirst();
    }

    public void save(String username, String passwordHash) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        if (jdbc.update("update local_account set password_hash = ?, updated_at = ? where username = ?",
                passwordHash, now, username) == 0)
            jdbc.update("insert into local_account (username, password_hash, created_at, updated_at) values (?, ?, ?, ?)",
                    username, passwordHash, now, now);
    }
}
