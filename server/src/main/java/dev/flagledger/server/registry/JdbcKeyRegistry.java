package dev.flagledger.server.registry;

import dev.flagledger.domain.shared.Conflict;
import dev.flagledger.domain.shared.KeyRegistry;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Key claims in the table {@code key_registry}, written through the command's transaction: the
 * primary key makes the second of two concurrent claims fail, and its events roll back with it.
 */
@Component
public class JdbcKeyRegistry implements KeyRegistry {
    private final JdbcTemplate jdbc;

    public JdbcKeyRegistry(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void claim(String scope, String key, String ownerId) {
        try {
            jdbc.update("insert into key_registry (scope, key_value, owner_id) values (?, ?, ?)", scope, key, ownerId);
        } catch (DataIntegrityViolationException | PessimisticLockingFailureException taken) {
            throw new Conflict(taken(scope, key));
        }
    }

    /** Scopes are "project" or "kind:project" ("flag:shop"): said as "a flag with key x already exists in project shop". */
    static String taken(String scope, String key) {
        int colon = scope.indexOf(':');
        if (colon < 0) return "a " + scope + " with key " + key + " already exists";
        return "a " + scope.substring(0, colon) + " with key " + key + " already exists in project " + scope.substring(colon + 1);
    }
}
