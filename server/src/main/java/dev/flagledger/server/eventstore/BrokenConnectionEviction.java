package dev.flagledger.server.eventstore;

import com.zaxxer.hikari.SQLExceptionOverride;
import dev.flagledger.auth.web.Unavailable;

import java.sql.SQLException;

/**
 * Tells the connection pool to drop a connection whose failure means the database went away under it
 * ({@link Unavailable}: H2's closed database or I/O failure, a full disk, PostgreSQL's connection
 * errors), so the next request gets a fresh one. Without it, when H2 closes its database after a write
 * failed on a full disk, the pool kept handing out the dead connections and writes never recovered
 * after the space returned (DiskFullIT); PostgreSQL's connection errors Hikari already drops by itself.
 * Set as {@code spring.datasource.hikari.exception-override-class-name}.
 */
public class BrokenConnectionEviction implements SQLExceptionOverride {
    // Hikari's nested type Override hides the annotation inside this class.
    @java.lang.Override
    public SQLExceptionOverride.Override adjudicate(SQLException failure) {
        return Unavailable.causedBy(failure) ? SQLExceptionOverride.Override.MUST_EVICT : SQLExceptionOverride.Override.CONTINUE_EVICT;
    }
}
